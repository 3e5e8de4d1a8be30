package dev.bbinv.app;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.app.status.ProfileStatuses;
import dev.bbinv.enricher.EnricherConfig;
import dev.bbinv.ops.PipelineStatusException;
import dev.bbinv.ops.PipelineStatus;
import dev.bbinv.ops.PipelineStatusReader;
import dev.bbinv.ops.StatusDocument;
import dev.bbinv.ops.StatusText;
import dev.bbinv.sink.SinkConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bbinv status}: asks the running bbinv process for its {@code /status} (profiles and pipeline); when none
 * answers, reads the pipeline part from Kafka itself. Exits 2 when a profile's connection failed.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows each profile's state and the pipeline's topics, consumer lag and DLQ size.")
final class StatusCommand implements Callable<Integer> {
    static final String OPS_URL_KEY = "ops.url";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--json", description = "Print the status as JSON, for scripts.")
    boolean json;

    @Option(names = "--url", paramLabel = "URL", description = "Metrics and status endpoint of a running bbinv process (default: the one written to the data folder by demo/run).")
    URI url;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Map<String, String> local = LocalEndpoints.read(common.dataDir);
        URI ops = url != null ? url : local.containsKey(OPS_URL_KEY) ? URI.create(local.get(OPS_URL_KEY)) : null;
        JsonNode doc = ops == null ? null : fetch(ops);
        if (doc == null) {
            doc = JSON.valueToTree(fromKafka(ops, local));
        }
        System.out.print(json ? JSON.writeValueAsString(doc) + "\n" : StatusText.render(doc));
        for (JsonNode p : doc.path("profiles")) {
            if (ProfileStatuses.CONNECTION_FAILED.equals(p.path("state").asText())) {
                return 2;
            }
        }
        return 0;
    }

    /** The running process's status document, or null when nothing answers there. */
    private static JsonNode fetch(URI ops) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(ops.resolve("/status"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (ConnectException e) {
            return null;
        }
    }

    private Map<String, Object> fromKafka(URI ops, Map<String, String> local) {
        Map<String, Object> settings = new LinkedHashMap<>(local);
        settings.remove(OPS_URL_KEY);
        settings.putAll(Settings.merge(Map.of(), System.getenv(), common.sets));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("profilesUnavailable", ops == null
                ? "no running bbinv process found (profile states come from the process that runs the connector)"
                : "no bbinv process answered at " + ops);
        if (!Settings.has(settings, Settings.BOOTSTRAP)) {
            doc.put("pipelineUnavailable", Settings.BOOTSTRAP + " is not set and no embedded stack runs in "
                    + common.dataDir + ": start `bbinv demo` or `bbinv run --profiles FILE` there, or set "
                    + Settings.BOOTSTRAP + " to the cluster the roles use");
            return doc;
        }
        Map<String, Object> adminProps = PipelineSettings.adminProperties(settings);
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(adminProps)) {
            PipelineStatusReader reader = PipelineStatusReader.forPipeline(admin,
                    String.valueOf(settings.getOrDefault(EnricherConfig.APPLICATION_ID_CONFIG, "bbinv-enricher")),
                    String.valueOf(settings.getOrDefault(SinkConfig.GROUP_ID_CONFIG, "bbinv-sink")));
            PipelineStatus status = reader.read();
            if (status.topics().isEmpty()) {
                doc.put("pipelineUnavailable", "there are no bbinv topics on " + settings.get(Settings.BOOTSTRAP)
                        + " yet: run `bbinv topics create`, then start the roles (or `bbinv run`)");
                return doc;
            }
            doc.put("pipeline", StatusDocument.pipeline(status));
        } catch (PipelineStatusException e) {
            doc.put("pipelineUnavailable", e.getMessage());
        }
        return doc;
    }
}
