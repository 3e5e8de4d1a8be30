package dev.bbinv.app;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.config.PipelineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bbinv topics create}: the pipeline's topics with their partitions and cleanup policies, before the roles start. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Works with the pipeline's Kafka topics.",
        subcommands = {TopicsCommand.Create.class})
final class TopicsCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates the missing pipeline topics (kafka.bootstrap.servers) with their partitions and cleanup"
                    + " policies, and sets the cleanup policy of existing ones that have the wrong one. Safe to run again.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--partitions", defaultValue = "3",
                description = "Partitions of the keyed pipeline topics (the DLQ, checkpoints and schemas get 1); the most"
                        + " enricher or sink instances that share work (default: ${DEFAULT-VALUE}).")
        int partitions;
        @Option(names = "--replication-factor", defaultValue = "-1",
                description = "Replication factor of new topics; -1 takes the broker's default (default: ${DEFAULT-VALUE}).")
        short replicationFactor;
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            if (partitions < 1) {
                throw new IllegalArgumentException("--partitions must be at least 1, was " + partitions);
            }
            Map<String, Object> settings = StandaloneSettings.resolve(common);
            if (!Settings.has(settings, Settings.BOOTSTRAP)) {
                throw new IllegalArgumentException(Settings.BOOTSTRAP + " is required: the Kafka cluster to create the"
                        + " topics on (--set " + Settings.BOOTSTRAP + "=host:9092 or BBINV_KAFKA_BOOTSTRAP_SERVERS)");
            }
            Map<String, Object> props = PipelineSettings.adminProperties(settings);
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "bbinv-topics");
            try (Admin admin = Admin.create(props)) {
                TopicPlan plan = TopicPlan.of(Topics.all(partitions), existing(admin));
                apply(admin, plan, replicationFactor);
                plan.steps().forEach(s -> System.out.println(s.describe()));
                System.out.println(plan.changesNothing() ? "Nothing to change." : "Topics ready.");
            }
            return 0;
        }
    }

    /** Partitions and cleanup policy of the pipeline topics that exist on the cluster. */
    static Map<String, TopicPlan.Existing> existing(Admin admin) throws Exception {
        Collection<String> names = new ArrayList<>(admin.listTopics().names().get(60, TimeUnit.SECONDS));
        names.retainAll(Topics.DESCRIPTORS.stream().map(d -> d.name()).toList());
        Map<String, TopicPlan.Existing> out = new HashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(60, TimeUnit.SECONDS);
        List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(60, TimeUnit.SECONDS);
        for (String name : names) {
            ConfigEntry policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).get("cleanup.policy");
            out.put(name, new TopicPlan.Existing(described.get(name).partitions().size(),
                    policy == null ? "delete" : policy.value()));
        }
        return out;
    }

    static void apply(Admin admin, TopicPlan plan, short replicationFactor) throws Exception {
        List<NewTopic> create = new ArrayList<>();
        Map<ConfigResource, Collection<AlterConfigOp>> alter = new HashMap<>();
        for (TopicPlan.Step step : plan.steps()) {
            switch (step.action()) {
                case CREATE -> create.add(new NewTopic(step.spec().name(), Optional.of(step.spec().partitions()),
                        replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor))
                        .configs(step.spec().configs()));
                case SET_CLEANUP_POLICY -> alter.put(new ConfigResource(ConfigResource.Type.TOPIC, step.spec().name()),
                        List.of(new AlterConfigOp(new ConfigEntry("cleanup.policy", TopicPlan.policy(step.spec())),
                                AlterConfigOp.OpType.SET)));
                case KEEP -> { }
            }
        }
        if (!create.isEmpty()) {
            try {
                admin.createTopics(create).all().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // Another instance (e.g. a second container) created it at the same moment: as good as ours.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        if (!alter.isEmpty()) {
            admin.incrementalAlterConfigs(alter).all().get(60, TimeUnit.SECONDS);
            awaitPolicies(admin, plan);
        }
    }

    /** The broker answers the change before every describe shows it; "ready" means the next reader sees it. */
    private static void awaitPolicies(Admin admin, TopicPlan plan) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Map<String, TopicPlan.Existing> now = existing(admin);
            boolean applied = plan.steps().stream().filter(s -> s.action() == TopicPlan.Action.SET_CLEANUP_POLICY)
                    .allMatch(s -> now.get(s.spec().name()) != null
                            && TopicPlan.policy(s.spec()).equals(now.get(s.spec().name()).cleanupPolicy()));
            if (applied || System.nanoTime() > deadline) {
                return;
            }
            Thread.sleep(100);
        }
    }
}
