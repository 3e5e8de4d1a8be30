package dev.bbinv.enricher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.schemas.config.PipelineSettings;

/**
 * Resets the enricher's Kafka Streams application so that its next start reprocesses every input topic from offset 0
 * with empty state, as Kafka's {@code kafka-streams-application-reset} does: it refuses while an instance runs, deletes
 * the application's consumer group (its committed offsets; Streams then starts at the earliest offset), deletes the
 * internal changelog and repartition topics Streams named after the application id, and wipes this machine's local
 * state directory of the application. Input and output topics are left alone.
 */
public final class EnricherReset {
    private static final Logger LOG = LoggerFactory.getLogger(EnricherReset.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What the reset removed. */
    public record Result(String applicationId, List<String> deletedTopics, Path wipedStateDir) {}

    private EnricherReset() {}

    public static Result reset(Map<String, ?> settings) {
        EnricherConfig config = new EnricherConfig(settings);
        String applicationId = config.applicationId();
        try (Admin admin = Admin.create(PipelineSettings.adminProperties(settings))) {
            requireStopped(admin, applicationId);
            deleteGroup(admin, applicationId);
            List<String> internal = internalTopics(admin.listTopics().names().get(30, TimeUnit.SECONDS), applicationId);
            deleteTopics(admin, internal);
            Path stateDir = localStateDir(config.streamsProperties(), applicationId);
            wipe(stateDir);
            LOG.info("Enricher application {} reset: group offsets deleted, internal topics {} deleted, local state {} wiped",
                    applicationId, internal, stateDir);
            return new Result(applicationId, internal, stateDir);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("resetting the enricher application " + applicationId + " failed: "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting the enricher", e);
        }
    }

    /** The changelog and repartition topics Kafka Streams created for {@code applicationId}. Pure. */
    static List<String> internalTopics(Set<String> topics, String applicationId) {
        return topics.stream()
                .filter(t -> t.startsWith(applicationId + "-") && (t.endsWith("-changelog") || t.endsWith("-repartition")))
                .sorted().toList();
    }

    private static void requireStopped(Admin admin, String group) throws ExecutionException, InterruptedException,
            TimeoutException {
        ConsumerGroupDescription description;
        try {
            description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return;
            }
            throw e;
        }
        if (!description.members().isEmpty()) {
            throw notStopped(group, description.members().stream().map(MemberDescription::host).distinct().toList());
        }
    }

    private static IllegalStateException notStopped(String group, List<String> hosts) {
        return new IllegalStateException("the enricher (application.id " + group + ") is still running"
                + (hosts.isEmpty() ? "" : " on " + hosts) + ": stop every enricher instance, then run the rebuild again");
    }

    private static void deleteGroup(Admin admin, String group) throws ExecutionException, InterruptedException,
            TimeoutException {
        try {
            admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupNotEmptyException) {
                throw notStopped(group, List.of());
            }
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
    }

    private static void deleteTopics(Admin admin, List<String> topics) throws ExecutionException, InterruptedException,
            TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        try {
            admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
        // Deletion is asynchronous in the controller: a restart must not find (and restore from) the old changelog.
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().anyMatch(topics::contains)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("internal topics " + topics + " still exist after " + TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** Where Kafka Streams keeps this application's local stores: {@code <state.dir>/<application.id>}. */
    static Path localStateDir(Map<String, Object> streamsProperties, String applicationId) {
        Object dir = streamsProperties.get(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG);
        Path base = dir != null ? Path.of(dir.toString())
                : Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams");
        return base.resolve(applicationId);
    }

    private static void wipe(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe the enricher's local state " + dir, e);
        }
    }
}
