package dev.bbinv.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.bbinv.sink.db.Database;
import dev.bbinv.sink.db.InventoryBatch;
import dev.bbinv.sink.db.InventoryWriter;
import dev.bbinv.sink.db.PartitionOffset;
import dev.bbinv.sink.db.RepositoryRecord;
import dev.bbinv.sink.db.UserRecord;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The sink's database writer alone, without Kafka or decoding: N repositories (and N/20 users) shaped like the
 * bench estate's, written in batches as a replay writes them (first versions, then a second version of each), into
 * SQLite and into PostgreSQL. For profiling the writer quickly: {@code SinkWriterBench [N] [sqlite|postgres|both]}.
 */
final class SinkWriterBench {
    static final int BATCH = 5_000;

    private SinkWriterBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String which = args.length > 1 ? args[1] : "both";
        Path dir = Files.createTempDirectory("sink-writer-bench");
        if (!which.equals("postgres")) {
            run("sqlite", Database.openAndMigrate("jdbc:sqlite:" + dir.resolve("w.db"), null, null), n);
        }
        if (!which.equals("sqlite")) {
            try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                    .setCleanDataDirectory(true).start()) {
                run("postgres", Database.openAndMigrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres"), n);
            }
        }
    }

    private static void run(String name, Database db, int n) {
        InventoryWriter writer = new InventoryWriter(db);
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        long offset = 0;
        for (int version = 1; version <= 2; version++) {
            long start = System.nanoTime();
            for (int from = 0; from < n; from += BATCH) {
                List<RepositoryRecord> repos = new ArrayList<>();
                List<UserRecord> users = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + BATCH); i++) {
                    repos.add(repository(i, version, now));
                    if (i % 20 == 0) {
                        users.add(user(i / 20, version, now));
                    }
                }
                offset += repos.size() + users.size();
                writer.apply(new InventoryBatch(List.of(), repos, List.of(), users,
                        List.of(new PartitionOffset("inventory.repositories", 0, offset))), now);
            }
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s version %d: %d repositories in %.2f s, %.0f repositories/s%n", name, version, n, s, n / s);
        }
    }

    static RepositoryRecord repository(int i, int version, Instant now) {
        String slug = "repo-" + i;
        String id = "{" + String.format("%08d", i) + "-0000-0000-0000-000000000000}";
        List<RepositoryRecord.Language> languages = List.of(new RepositoryRecord.Language("Java", "java", "BITBUCKET", true),
                new RepositoryRecord.Language("Kotlin", "kotlin", "CATALOG", true));
        List<RepositoryRecord.CloneUrl> clones = List.of(
                new RepositoryRecord.CloneUrl("https", "https://bitbucket.org/ws/" + slug + ".git"),
                new RepositoryRecord.CloneUrl("ssh", "git@bitbucket.org:ws/" + slug + ".git"));
        RepositoryRecord.AppContext app = i % 2 == 0 ? null : new RepositoryRecord.AppContext("svc-" + i, "Service " + i,
                "service", "production", "team-" + (i % 40), "app-" + (i % 300), "catalog-info.yaml", "abc" + i, null);
        List<RepositoryRecord.Developer> devs = new ArrayList<>();
        for (int d = 0; d < 1 + i % 4; d++) {
            devs.add(new RepositoryRecord.Developer("dev" + ((i + d) % 500), "Dev " + d, "dev" + d + "@example.com",
                    null, null, "commits", 3 + d, now.minusSeconds(86_400L * d)));
        }
        RepositoryRecord.Attributes attributes = version == 1 ? RepositoryRecord.Attributes.NONE
                : new RepositoryRecord.Attributes(now.minusSeconds(3_600), "ACTIVE", devs, "B", false, "policy:x",
                List.of(new RepositoryRecord.Tag("team", "team-" + (i % 40), "manual")),
                List.of(new RepositoryRecord.Label("backend", "system")));
        return new RepositoryRecord(id, slug, slug, "ws/" + slug, "cloud", "https://api.bitbucket.org", "ws", "Workspace",
                "PRJ" + (i % 50), "Project " + (i % 50), "https://bitbucket.org/ws/" + slug, clones, "main",
                i % 3 == 0 ? "PUBLIC" : "PRIVATE", false, "Repository number " + i, now.minusSeconds(i),
                now.minusSeconds(i / 2), languages, version == 1 ? null : app, List.of("bench"), false, List.of(), null,
                now, now, version, attributes);
    }

    static UserRecord user(int i, int version, Instant now) {
        return new UserRecord("{u" + i + "}", "cloud", "https://api.bitbucket.org", "acc" + i, "user" + i, "User " + i,
                null, true, "member", List.of("ws"), List.of("bench"), false, List.of(), null, now, now, version);
    }
}
