package dev.bbinv.connector.it;

import static dev.bbinv.connector.it.ConnectorIts.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Level;
import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.ProfilesFileWatcher;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.ProfilesFile;
import dev.bbinv.connector.poll.ProfileState;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RawEventKind;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;

/**
 * Profiles file changes while the connector runs, and the grace period before a gone profile's assets are removed:
 * real broker, real simulator, the real file on disk.
 */
@Timeout(180)
class ProfileChangesIT {
    private static final CapturedLogs LOGS = new CapturedLogs();
    private static final Map<String, String> ENV = Map.of("SIM_TOKEN", BitbucketSimulator.CLOUD_API_TOKEN);
    private static BitbucketSimulator sim;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        TestKafka.createTopics(Topics.all(3));
        LOGS.attach();
        sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(6)
                .cloudMembersPerWorkspace(2).catalogShare(0).seed(41).build());
    }

    @AfterAll
    static void tearDown() {
        sim.close();
        LOGS.detach();
    }

    private static String yaml(String... names) {
        StringBuilder text = new StringBuilder("profiles:\n");
        for (String name : names) {
            text.append("""
                      - name: %s
                        type: cloud
                        baseUrl: %s
                        auth:
                          email: %s
                          apiToken: ${SIM_TOKEN}
                    """.formatted(name, sim.cloudApiBase(), BitbucketSimulator.CLOUD_EMAIL));
        }
        return text.toString();
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("profiles.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static List<Profile> parse(Path file) throws Exception {
        return ProfilesFile.parse(file.toString(), Files.readString(file), ENV);
    }

    private static Map<String, Object> config(String tx, String graceMs) {
        Map<String, Object> config = ConnectorIts.config(3_600_000, 3_600_000);
        config.put("transactional.id", tx);
        config.put("profile.removal.grace.ms", graceMs);
        return config;
    }

    private static long removed(String profile) {
        return repositories(profile).stream().filter(e -> e.value().getKind() == RawEventKind.REMOVED).count();
    }

    private static long published(String profile) {
        return repositories(profile).stream().filter(e -> e.value().getKind() != RawEventKind.REMOVED).count();
    }

    private static boolean connected(ConnectorRole role, String profile) {
        return role.profileStates().stream().anyMatch(s -> s.profile().equals(profile)
                && ProfileState.CONNECTED.equals(s.state()));
    }

    private static boolean logged(Level level, String text) {
        return LOGS.list.stream().anyMatch(e -> e.getLevel() == level && e.getFormattedMessage().contains(text));
    }

    @Test
    void aRenamedProfileNeverHasItsAssetsRemovedAndTheRemovalOfTheOldNameSurvivesARestart() throws Exception {
        String old = unique("old");
        String renamed = unique("renamed");
        String tx = unique("tx");
        Path file = write(yaml(old));
        try (ConnectorRole role = ConnectorRole.start(config(tx, "604800000"), parse(file));
                ProfilesFileWatcher watcher = ProfilesFileWatcher.start(file, Duration.ofMillis(200), role, ENV)) {
            role.firstCompleteSync().get(60, TimeUnit.SECONDS);
            assertEquals(6, published(old));

            // When: the profile is renamed in the file (same Bitbucket, same scopes, same credential)
            write(yaml(renamed));
            Await.until(Duration.ofSeconds(60), "the renamed profile synced", () -> connected(role, renamed));

            // Then: the new name sees every asset and the old name's assets are not removed
            assertEquals(List.of(renamed), role.profiles().stream().map(Profile::name).toList());
            assertEquals(6, published(renamed));
            assertEquals(0, removed(old));
            assertTrue(logged(Level.WARN, "Profile " + old + " is gone from the profiles file"));
        }
        // A restart within the grace period keeps the pending removal and removes nothing.
        try (ConnectorRole role = ConnectorRole.start(config(tx, "604800000"), parse(file))) {
            role.firstCompleteSync().get(60, TimeUnit.SECONDS);
            assertEquals(0, removed(old));
        }
        // A restart after it (a clock 8 days on; the due time was fixed when the profile went) removes the old name's.
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(8)), ZoneOffset.UTC);
        try (ConnectorRole role = ConnectorRole.start(config(tx, "604800000"), parse(file), later)) {
            assertEquals(6, removed(old));
            assertEquals(0, removed(renamed));
        }
    }

    @Test
    void aGoneProfileIsRemovedOnlyOnceItsGracePeriodIsOver() throws Exception {
        String kept = unique("kept");
        String gone = unique("gone");
        Path file = write(yaml(kept, gone));
        try (ConnectorRole role = ConnectorRole.start(config(unique("tx"), "3000"), parse(file));
                ProfilesFileWatcher watcher = ProfilesFileWatcher.start(file, Duration.ofMinutes(10), role, ENV)) {
            role.firstCompleteSync().get(60, TimeUnit.SECONDS);
            write(yaml(kept));

            assertEquals("added [], changed [], removed [" + gone + "]", watcher.reload());

            assertEquals(0, removed(gone), "nothing removed while the grace period runs");
            Await.until(Duration.ofSeconds(30), "the gone profile's assets removed", () -> removed(gone) == 6);
            assertEquals(0, removed(kept));
        }
    }

    @Test
    void anEmptyOrInvalidFileIsRefusedAndTheRunningProfilesStay() throws Exception {
        String name = unique("steady");
        String added = unique("added");
        Path file = write(yaml(name));
        try (ConnectorRole role = ConnectorRole.start(config(unique("tx"), "0"), parse(file));
                ProfilesFileWatcher watcher = ProfilesFileWatcher.start(file, Duration.ofMillis(200), role, ENV)) {
            role.firstCompleteSync().get(60, TimeUnit.SECONDS);

            write("profiles: []\n");
            Await.until(Duration.ofSeconds(20), "the empty file refused",
                    () -> logged(Level.WARN, "refused, the running profiles stay as they were: it holds no profile"));
            write("profiles:\n  - name: broken\n    type: cloud\n");
            Await.until(Duration.ofSeconds(20), "the invalid file refused", () -> logged(Level.WARN,
                    "refused, the running profiles stay as they were") && logged(Level.WARN, "broken"));

            assertEquals(List.of(name), role.profiles().stream().map(Profile::name).toList());
            assertEquals(0, removed(name), "a refused file removes nothing, even with no grace period");

            write(yaml(name, added));
            Await.until(Duration.ofSeconds(60), "a valid file applied again", () -> connected(role, added));
            assertEquals(6, published(added));
        }
    }

    @Test
    void forgetRemovesAGoneProfileAtOnceAndRefusesAConfiguredOne() throws Exception {
        String kept = unique("kept");
        String gone = unique("forgotten");
        Path file = write(yaml(kept, gone));
        try (ConnectorRole role = ConnectorRole.start(config(unique("tx"), "604800000"), parse(file));
                ProfilesFileWatcher watcher = ProfilesFileWatcher.start(file, Duration.ofMinutes(10), role, ENV)) {
            role.firstCompleteSync().get(60, TimeUnit.SECONDS);
            write(yaml(kept));
            watcher.reload();
            assertEquals(0, removed(gone));

            assertEquals(8, role.forget(gone), "6 repositories and 2 users");

            assertEquals(6, removed(gone));
            IllegalArgumentException configured = assertThrows(IllegalArgumentException.class, () -> role.forget(kept));
            assertEquals("profile " + kept + " is still in the profiles file; remove it from the file first",
                    configured.getMessage());
            assertThrows(java.util.NoSuchElementException.class, () -> role.forget("never-was"));
        }
    }

    @Test
    void sighupAppliesTheFileAtOnce() throws Exception {
        String first = unique("hup");
        String added = unique("hup-added");
        Path file = write(yaml(first));
        // Checks every 10 minutes: only the signal can make the change visible within the test.
        try (ConnectorRole role = ConnectorRole.start(config(unique("tx"), "604800000"), parse(file));
                ProfilesFileWatcher watcher = ProfilesFileWatcher.start(file, Duration.ofMinutes(10), role, ENV)) {
            watcher.onSighup();
            // Without a handler SIGHUP would end the test JVM: send it only once the handler is in place.
            org.junit.jupiter.api.Assumptions.assumeTrue(logged(Level.INFO, "SIGHUP reloads the profiles file"),
                    "this JVM does not let SIGHUP be handled");
            write(yaml(first, added));

            new ProcessBuilder("kill", "-HUP", String.valueOf(ProcessHandle.current().pid())).start()
                    .waitFor(10, TimeUnit.SECONDS);

            Await.until(Duration.ofSeconds(20), "the added profile running",
                    () -> role.profiles().stream().anyMatch(p -> p.name().equals(added)));
        }
    }
}
