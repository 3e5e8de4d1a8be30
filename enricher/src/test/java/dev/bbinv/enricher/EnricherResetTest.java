package dev.bbinv.enricher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class EnricherResetTest {

    @Test
    void onlyTheApplicationsOwnChangelogAndRepartitionTopicsAreInternal() {
        Set<String> topics = Set.of("bbinv-enricher-repository-state-changelog", "bbinv-enricher-user-state-changelog",
                "bbinv-enricher-x-repartition", "bbinv-enricher2-repository-state-changelog",
                "bitbucket.raw.repositories", "inventory.repositories", "bbinv-enricher-notes");
        assertEquals(List.of("bbinv-enricher-repository-state-changelog", "bbinv-enricher-user-state-changelog",
                "bbinv-enricher-x-repartition"), EnricherReset.internalTopics(topics, "bbinv-enricher"));
    }

    @Test
    void theLocalStateIsTheApplicationsFolderUnderStateDir() {
        assertEquals(Path.of("/data/streams/bbinv-enricher"),
                EnricherReset.localStateDir(Map.of("state.dir", "/data/streams"), "bbinv-enricher"));
        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams", "app"),
                EnricherReset.localStateDir(Map.of(), "app"));
    }
}
