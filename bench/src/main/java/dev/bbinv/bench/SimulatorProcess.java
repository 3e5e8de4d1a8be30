package dev.bbinv.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Bitbucket simulator in a JVM of its own ({@code dev.bbinv.sim.SimulatorMain}, its own {@code -Xmx}), so the
 * bench's heap figure is the pipeline's alone and a million-repository estate does not share its heap. Everything
 * the bench reads from or does to it goes over HTTP (the simulator's {@code /_sim} admin routes). The child ends
 * with {@link #close()}, with this JVM's shutdown, and, should this JVM be killed, when its standard input closes.
 */
final class SimulatorProcess implements AutoCloseable {
    private static final Pattern CLOUD_BASE = Pattern.compile("Bitbucket Cloud API:\\s+(\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The estate as the simulator generated it: per workspace its figures, and the commit shapes. */
    record Estate(String catalogPath, List<Workspace> workspaces, List<CommitShape> commitShapes) {}

    record Workspace(String slug, long repositories, long members, long catalogFiles) {}

    /** {@code repositories} repositories with {@code commits} on their branch, {@code inWindow} of them recent. */
    record CommitShape(boolean hasBranch, int commits, int inWindow, long repositories) {}

    private final Process process;
    private final Thread killer;
    private final String cloudApiBase;
    private final String admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private SimulatorProcess(Process process, Thread killer, String cloudApiBase) {
        this.process = process;
        this.killer = killer;
        this.cloudApiBase = cloudApiBase;
        this.admin = cloudApiBase.replaceAll("/2\\.0$", "") + "/_sim";
    }

    /** The command line that runs the simulator over the bench estate; pure. */
    static List<String> command(String java, String classpath, String heap, long seed, int workspaces, int repos,
            int membersPerWorkspace) {
        return List.of(java, "-Xmx" + heap, "-XX:+UseParallelGC", "-cp", classpath, "dev.bbinv.sim.SimulatorMain",
                "--port", "0", "--seed", String.valueOf(seed), "--cloud-workspaces", String.valueOf(workspaces),
                "--cloud-repos", String.valueOf(repos), "--cloud-members-per-workspace",
                String.valueOf(membersPerWorkspace), "--request-log", "counts", "--exit-on-stdin-eof");
    }

    /** Starts the child with this JVM's class path; waits until it serves (its estate generated), logging to {@code log}. */
    static SimulatorProcess start(List<String> command, Path log, Duration timeout) throws IOException,
            InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Thread killer = new Thread(process::destroyForcibly, "bench-simulator-killer");
        Runtime.getRuntime().addShutdownHook(killer);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Matcher m = CLOUD_BASE.matcher(Files.readString(log));
                if (m.find()) {
                    return new SimulatorProcess(process, killer, m.group(1));
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("the simulator exited with " + process.exitValue()
                            + " before serving; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the simulator did not serve within " + timeout + "; see " + log);
                }
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process);
            Runtime.getRuntime().removeShutdownHook(killer);
            throw e;
        }
    }

    String cloudApiBase() {
        return cloudApiBase;
    }

    long pid() {
        return process.pid();
    }

    /** Requests answered since the last reset, by route template. */
    Map<String, Long> countsByRoute() {
        Map<String, Long> counts = new TreeMap<>();
        get("/requests").get("routes").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    long total() {
        return get("/requests").get("total").asLong();
    }

    long count(String route) {
        return countsByRoute().getOrDefault(route, 0L);
    }

    void resetRequests() {
        post("/requests/reset");
    }

    /** The estate's figures; commit shapes count the commits since {@code commitsSince}. */
    Estate estate(Instant commitsSince) {
        JsonNode body = get("/cloud/estate?commits_since=" + commitsSince);
        List<Workspace> workspaces = new ArrayList<>();
        body.get("workspaces").forEach(w -> workspaces.add(new Workspace(w.get("slug").asText(),
                w.get("repositories").asLong(), w.get("members").asLong(), w.get("catalog_files").asLong())));
        List<CommitShape> shapes = new ArrayList<>();
        body.get("commit_shapes").forEach(s -> shapes.add(new CommitShape(s.get("has_branch").asBoolean(),
                s.get("commits").asInt(), s.get("in_window").asInt(), s.get("repositories").asLong())));
        return new Estate(body.get("catalog_path").asText(), workspaces, shapes);
    }

    /** {@code count} repository uuids spread evenly over the estate. */
    List<String> sample(int count) {
        List<String> uuids = new ArrayList<>();
        get("/cloud/sample?count=" + count).get("uuids").forEach(u -> uuids.add(u.asText()));
        return uuids;
    }

    void setDescription(String uuid, String text) {
        post("/cloud/description?uuid=" + encode(uuid) + "&text=" + encode(text));
    }

    /** Code search answers {@code status} (404 or 403) to every request. */
    void codeSearchOff(int status) {
        post("/code-search?enabled=false&status=" + status);
    }

    void codeSearchOn() {
        post("/code-search?enabled=true");
    }

    @Override
    public void close() {
        stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(admin + path)).GET());
    }

    private JsonNode post(String path) {
        return send(HttpRequest.newBuilder(URI.create(admin + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofMinutes(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("simulator admin " + response.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("simulator admin request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
