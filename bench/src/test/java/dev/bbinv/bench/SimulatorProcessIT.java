package dev.bbinv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.bbinv.sim.BitbucketSimulator;

/** The simulator in a JVM of its own: serves the estate, answers the bench over HTTP, and dies with it. */
class SimulatorProcessIT {
    private static List<String> command(int repos) {
        return SimulatorProcess.command(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"), "256m", 7, 2, repos, 5);
    }

    @Test
    void servesTheEstateCountsItsRequestsAndEndsOnClose() throws Exception {
        SimulatorProcess sim = SimulatorProcess.start(command(300), Path.of("target", "sim-process-it.log"),
                Duration.ofMinutes(2));
        ProcessHandle child;
        try (sim) {
            child = ProcessHandle.of(sim.pid()).orElseThrow();
            assertTrue(child.isAlive());
            String auth = "Basic " + Base64.getEncoder().encodeToString(
                    (BitbucketSimulator.CLOUD_EMAIL + ":" + BitbucketSimulator.CLOUD_API_TOKEN).getBytes());
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(sim.cloudApiBase() + "/repositories/acme?pagelen=100")).header("Authorization", auth)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertEquals(1, sim.count("GET /2.0/repositories/{workspace}"));
            assertEquals(1, sim.total());

            SimulatorProcess.Estate estate = sim.estate(Instant.now().minus(Duration.ofDays(90)));
            assertEquals(List.of("acme", "globex"), estate.workspaces().stream().map(SimulatorProcess.Workspace::slug).toList());
            assertEquals(300, estate.workspaces().stream().mapToLong(SimulatorProcess.Workspace::repositories).sum());
            assertEquals(300, estate.commitShapes().stream().mapToLong(SimulatorProcess.CommitShape::repositories).sum());
            assertEquals(3, sim.sample(3).size());
            sim.resetRequests();
            assertEquals(0, sim.total());
        }
        assertTrue(child.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS) != null);
        assertFalse(child.isAlive(), "closed: the child is gone");
    }

    @Test
    void theChildEndsWhenItsParentGoesAwayWithoutClosing() throws Exception {
        // The child watches its standard input: the parent's end (even a kill -9) closes it.
        Process child = new ProcessBuilder(command(50)).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "sim-process-orphan.log").toFile()).start();
        try {
            Thread.sleep(500);
            child.getOutputStream().close(); // what the parent's death does to the pipe
            assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the child ended on its own");
        } finally {
            Optional.of(child).filter(Process::isAlive).ifPresent(Process::destroyForcibly);
        }
    }
}
