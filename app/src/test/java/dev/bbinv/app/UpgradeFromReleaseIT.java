package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The upgrade path from the release before this one, on a data folder that release really wrote: the tarball is
 * {@code bbinv demo --once --cloud-repos 12 --server-repos 6} run by commit 0dd7875 (broker log, schema registry
 * topic, enricher state, SQLite inventory). This release runs the same demo on it: it starts on the old broker and
 * state, migrates the database in place, and ends with the same assets, each keeping its first sighting.
 */
class UpgradeFromReleaseIT {
    static final String FIXTURE = "/upgrade/release-0dd7875-demo-data.tar.gz";

    @Test
    @Timeout(300)
    void theDemoOfThisReleaseRunsOnADataFolderOfThePreviousOne() throws Exception {
        Path dataDir = extract(FIXTURE);
        Map<String, String> repositoriesBefore = rows(dataDir, "SELECT id, first_seen || ' ' || removed FROM repositories");
        Map<String, String> usersBefore = rows(dataDir, "SELECT id, first_seen || ' ' || removed FROM users");
        assertEquals(18, repositoriesBefore.size(), "the fixture is the old release's 12 + 6 repositories");

        CliRun run = CliRun.of("demo", "--once", "--once-wait", "3m", "--data-dir", dataDir.toString(),
                "--cloud-repos", "12", "--server-repos", "6");

        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("repositories in the inventory: 18 (1 removed)"), run.out());
        assertEquals(repositoriesBefore, rows(dataDir, "SELECT id, first_seen || ' ' || removed FROM repositories"),
                "every repository is still there, with its first sighting and removal state of the old release");
        assertEquals(usersBefore, rows(dataDir, "SELECT id, first_seen || ' ' || removed FROM users"));
        // The database was migrated in place and the enricher, resuming from the old release's state, filled in the
        // new attributes of every repository it had: commit activity, freshness, labels (state it could not read would
        // have gone to the dead-letter topic and left the old rows at the defaults).
        Map<String, String> freshness = rows(dataDir, "SELECT id, freshness FROM repositories WHERE NOT removed");
        assertTrue(freshness.values().containsAll(java.util.List.of("ACTIVE", "INACTIVE", "DORMANT")),
                "freshness of the upgraded repositories: " + freshness);
        assertEquals(freshness.size(), rows(dataDir, "SELECT DISTINCT repository_id, 1 FROM repository_labels r "
                + "JOIN repositories p ON p.id = r.repository_id WHERE NOT p.removed").size(),
                "every repository has its system labels");
    }

    static Path extract(String resource) throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "upgrade-release");
        Path tarball = dir.resolve("data.tar.gz");
        try (InputStream in = UpgradeFromReleaseIT.class.getResourceAsStream(resource)) {
            Files.copy(in, tarball, StandardCopyOption.REPLACE_EXISTING);
        }
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", dataDir.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        assertEquals(0, tar.waitFor(), "tar: " + output);
        return dataDir;
    }

    static Map<String, String> rows(Path dataDir, String sql) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("inventory.db"));
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }
}
