package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.TopicDescriptor;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RepositoryClassEvent;
import dev.bbinv.schemas.avro.RepositoryTagsEvent;
import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.sink.db.Database;
import dev.bbinv.sink.db.InventoryBatch;
import dev.bbinv.sink.db.InventoryWriter;
import dev.bbinv.sink.db.RepositoryRecord;
import dev.bbinv.testkit.TestKafka;
import dev.bbinv.testkit.TestRegistry;
import dev.bbinv.testkit.TopicReader;

/**
 * {@code bbinv class set|clear}, {@code bbinv tags add|remove} and {@code bbinv languages set|clear} (with its old name
 * {@code tags set|clear}) against the real in-process broker and registry and a SQLite inventory that resolves REPO.
 */
class AssetAttributeCommandsIT {
    private final SchemaRegistryClient registry = TestRegistry.client();
    private String id;
    private String fullName;
    private String[] where;

    @BeforeEach
    void setUp() throws Exception {
        TestKafka.createTopics(List.of(Topics.REPOSITORY_CLASSES_TOPIC.spec(2), Topics.REPOSITORY_TAGS_TOPIC.spec(2),
                Topics.LANGUAGE_TAGS_TOPIC.spec(2)));
        String slug = "web-" + UUID.randomUUID();
        id = "cloud:{" + slug + "}";
        fullName = "acme/" + slug;
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "attributes-it-");
        Database db = Database.openAndMigrate("jdbc:sqlite:" + dir.resolve("inventory.db"), null, null);
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        new InventoryWriter(db).apply(InventoryBatch.ofRepositories(List.of(new RepositoryRecord(id, slug, slug,
                fullName, "CLOUD", "https://api.bitbucket.org/2.0", "acme", null, null, null, null, List.of(), "main",
                "PRIVATE", false, null, null, null, List.of(), null, List.of("cloud-acme"), false, List.of(), null, t, t,
                1))), t);
        where = new String[] {"--data-dir", dir.toString(), "--set", Settings.BOOTSTRAP + "=" + TestKafka.bootstrapServers(),
                "--set", Settings.REGISTRY + "=" + TestRegistry.url()};
    }

    @Test
    void classSetAndClearPublishTheManualClassKeyedByTheAssetIdOfAFullNameOrId() {
        assertTrue(run("class", "set", fullName, "b", "--lock").contains("Set the class of " + id + " to B, locked"));
        run("class", "set", id, "A");
        run("class", "clear", fullName);

        List<RepositoryClassEvent> events = values(Topics.REPOSITORY_CLASSES_TOPIC);
        assertEquals(3, events.size());
        assertEquals("B", events.get(0).getAssetClass());
        assertTrue(events.get(0).getLocked());
        assertEquals("cli", events.get(0).getSetBy());
        assertEquals("A", events.get(1).getAssetClass());
        assertFalse(events.get(1).getLocked());
        assertNull(events.get(2).getAssetClass(), "clear: policies and the default apply again");
    }

    @Test
    void tagsAddAndRemoveStartFromTheLatestSetOnTheTopicAndPublishTheWholeNewSet() {
        run("tags", "add", fullName, "platform:aws", "tier:1");
        run("tags", "add", id, "env:prod", "platform:aws");
        String removed = run("tags", "remove", fullName, "tier:1");
        String unchanged = run("tags", "remove", fullName, "tier:1");

        assertEquals(List.of(List.of("platform:aws", "tier:1"), List.of("platform:aws", "tier:1", "env:prod"),
                List.of("platform:aws", "env:prod")),
                values(Topics.REPOSITORY_TAGS_TOPIC).stream().map(e -> List.copyOf(e.getTags())).toList());
        assertTrue(removed.contains("Set the manual tags of " + id + " to [platform:aws, env:prod]"), removed);
        assertTrue(unchanged.contains("nothing to change"), unchanged);
    }

    @Test
    void badClassesAndTagsFailWithoutPublishingAnything() {
        assertEquals(1, CliRun.of(args("class", "set", fullName, "E")).exit());
        assertEquals(1, CliRun.of(args("tags", "add", fullName, "platform:aws", "no-colon")).exit());
        assertEquals(1, CliRun.of(args("tags", "add", fullName, ":aws")).exit());
        assertEquals(1, CliRun.of(args("class", "set", "acme/unknown", "A")).exit(), "an unknown repository");
        assertEquals(2, CliRun.of(args("class", "set", fullName)).exit(), "CLASS missing: a usage error");

        assertEquals(List.of(), values(Topics.REPOSITORY_CLASSES_TOPIC));
        assertEquals(List.of(), values(Topics.REPOSITORY_TAGS_TOPIC));
    }

    @Test
    void languagesSetAndClearAndTheirOldNameTagsSetAndClearWriteTheLanguageTags() {
        run("languages", "set", fullName, "go", "rust");
        run("tags", "set", fullName, "kotlin");
        run("tags", "clear", id);
        run("languages", "clear", id);

        assertEquals(List.of(List.of("go", "rust"), List.of("kotlin"), List.of(), List.of()),
                values(Topics.LANGUAGE_TAGS_TOPIC).stream().map(e -> List.copyOf(e.getLanguages())).toList());
        String help = run("tags", "--help");
        assertTrue(help.replaceAll("\\s+", " ").contains("the old name of `languages set|clear`"), help);
        assertFalse(help.lines().anyMatch(l -> l.strip().startsWith("set ")), "the old names are hidden: " + help);
    }

    private <V extends org.apache.avro.specific.SpecificRecord> List<V> values(TopicDescriptor<V> topic) {
        List<V> out = new ArrayList<>();
        for (ConsumerRecord<String, V> r : TopicReader.readCommitted(topic.name(), topic.keyDeserializer(registry),
                topic.valueDeserializer(registry))) {
            if (id.equals(r.key())) {
                out.add(r.value());
            }
        }
        return out;
    }

    private String[] args(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(where));
        return args.toArray(String[]::new);
    }

    private String run(String... command) {
        CliRun run = CliRun.of(args(command));
        assertEquals(0, run.exit(), run.out());
        return run.out();
    }
}
