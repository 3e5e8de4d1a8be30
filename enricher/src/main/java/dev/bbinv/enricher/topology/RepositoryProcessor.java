package dev.bbinv.enricher.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.enricher.activity.DeveloperMerge;
import dev.bbinv.enricher.catalog.CatalogParser;
import dev.bbinv.enricher.normalize.InvalidRawEventException;
import dev.bbinv.enricher.normalize.RepositoryFacts;
import dev.bbinv.enricher.normalize.RepositoryNormalizer;
import dev.bbinv.enricher.policy.PolicyRule;
import dev.bbinv.enricher.state.RepositoryAggregate;
import dev.bbinv.enricher.state.RepositoryState;
import dev.bbinv.enricher.state.Sighting;
import dev.bbinv.enricher.state.StateCodec;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.AppContext;
import dev.bbinv.schemas.avro.AssetClass;
import dev.bbinv.schemas.avro.LanguageTagEvent;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.avro.RawCommitActivityEvent;
import dev.bbinv.schemas.avro.RawEventKind;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.RepositoryClassEvent;
import dev.bbinv.schemas.avro.RepositoryTagsEvent;

/**
 * Keeps one repository asset per id from co-partitioned topics: raw repositories (seen or removed), raw catalog
 * files (app context), language tags (manual languages), raw commit activity (developers, freshness), and the manual
 * class and tags. A wall-clock punctuation rebuilds the assets whose time-dependent fields are due to change
 * ({@link RecheckIndex}), and once after the policy rules changed, every asset.
 */
final class RepositoryProcessor extends DeadLetteringProcessor<RepositoryAsset> {
    /** Metric counting catalog files that could not be used: {@code catalog-error-total}. */
    static final String CATALOG_ERROR_OPERATION = "catalog-error";
    /** Metric counting assets rebuilt because the policy rules changed: {@code policy-rebuild-total}. */
    static final String POLICY_REBUILD_OPERATION = "policy-rebuild";
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryProcessor.class);
    /** At most this many assets per punctuation, so one check never holds the stream thread for long. */
    static final int RECHECKS_PER_PUNCTUATION = 10_000;

    private final RecordDecoder decoder;
    private final TopologySettings settings;
    private final RepositoryAggregate aggregate;
    private Sensor catalogErrors;
    private Sensor policyRebuilds;
    /** The store held no asset when this processor started: every asset in it was built with today's rules. */
    private boolean startedEmpty;
    private RecheckIndex recheckIndex;
    /** The due-time move of the record being processed, applied once its state is stored. */
    private Move pending;

    private record Move(String assetId, Instant from, Instant to) {}

    RepositoryProcessor(RecordDecoder decoder, TopologySettings settings) {
        super(decoder, EnricherTopology.REPOSITORY_STORE, EnricherTopology.REPOSITORIES_SINK,
                EnricherTopology.REPOSITORIES_DLQ_SINK);
        this.decoder = decoder;
        this.settings = settings;
        this.aggregate = new RepositoryAggregate(settings.languages(), settings.emitPolicy(), settings.policies());
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        super.init(context);
        catalogErrors = sensor(context, CATALOG_ERROR_OPERATION);
        policyRebuilds = sensor(context, POLICY_REBUILD_OPERATION);
        try (KeyValueIterator<String, byte[]> it = store().all()) {
            startedEmpty = !it.hasNext();
        }
        recheckIndex = new RecheckIndex(context.getStateStore(EnricherTopology.RECHECK_STORE));
        context.schedule(settings.freshnessCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::recheck);
    }

    @Override
    protected void applied(Outcome<RepositoryAsset> outcome) {
        if (pending != null) {
            recheckIndex.move(pending.assetId(), pending.from(), pending.to());
            pending = null;
        }
    }

    /**
     * Rebuilds, at wall-clock {@code now}, the assets whose freshness or "New repository" label is due to change, and
     * writes those that did (with a higher version). After the policy rules changed (a restart with another
     * {@code policies.file}), first every asset of this task, once; not when the store started empty.
     */
    void recheck(long now) {
        byte[] rules = settings.policies().fingerprint();
        if (!recheckIndex.policiesAre(rules)) {
            // A store that started empty (a new or reset enricher replaying from offset 0) holds only assets built
            // with these rules: nothing to rebuild.
            if (!startedEmpty) {
                List<String> all = new ArrayList<>();
                try (KeyValueIterator<String, byte[]> it = store().all()) {
                    it.forEachRemaining(kv -> all.add(kv.key));
                }
                for (String id : all) {
                    rebuild(id, now);
                    policyRebuilds.record();
                }
                LOG.info("Policy rules changed: rebuilt {} repository assets of task {}", all.size(),
                        context.taskId());
            }
            recheckIndex.policiesWere(rules);
        }
        for (RecheckIndex.Due due : recheckIndex.due(Instant.ofEpochMilli(now), RECHECKS_PER_PUNCTUATION)) {
            // Out first: rebuild files the asset under its next due time, which is always after now.
            recheckIndex.move(due.assetId(), due.at(), null);
            rebuild(due.assetId(), now);
        }
    }

    private void rebuild(String assetId, long now) {
        byte[] bytes = store().get(assetId);
        if (bytes == null) {
            return;
        }
        RepositoryState prev = StateCodec.decodeRepository(bytes);
        RepositoryAggregate.Step step = aggregate.recheck(prev, now);
        byte[] next = StateCodec.encode(step.state());
        if (!Arrays.equals(bytes, next)) {
            putState(assetId, next);
        }
        recheckIndex.move(assetId, prev.recheckAt(), step.state().recheckAt());
        if (step.emitted() != null) {
            context.forward(new Record<>(assetId, (Object) step.emitted(), now), EnricherTopology.REPOSITORIES_SINK);
        }
    }

    @Override
    protected Outcome<RepositoryAsset> decide(String topic, byte[] keyBytes, byte[] value, StateLookup lookup) {
        pending = null;
        RecordDecoder.RawKey rawKey = decoder.key(topic, keyBytes);
        String key = rawKey.assetId();
        RepositoryState prev = state(lookup, key);
        RepositoryAggregate.Step step;
        switch (topic) {
            case Topics.RAW_REPOSITORIES -> {
                RawRepositoryEvent event = decoder.repositories.deserialize(topic, value);
                if (event == null) {
                    return null; // a tombstone: the raw topic forgets the repository, the inventory keeps its history
                }
                decoder.requireSightingOf(rawKey, event.getEnvelope());
                step = repository(key, event, prev);
            }
            case Topics.RAW_CATALOG_FILES -> {
                RawCatalogFileEvent event = decoder.catalogFiles.deserialize(topic, value);
                if (event == null) {
                    return null;
                }
                Identity.requireKey(key, Identity.of(event.getEnvelope(), event.getRepositorySourceId()),
                        "catalog file event");
                decoder.requireSightingOf(rawKey, event.getEnvelope());
                AppContext appContext = CatalogParser.parse(event, settings.catalogLimits()).orElse(null);
                if (appContext != null && appContext.getError() != null) {
                    catalogErrors.record();
                    LOG.warn("Catalog file {} of {} is not usable: {}", event.getPath(), key, appContext.getError());
                }
                step = aggregate.catalog(prev, appContext, context.currentSystemTimeMs());
            }
            case Topics.LANGUAGE_TAGS -> {
                LanguageTagEvent event = decoder.languageTags.deserialize(topic, value);
                List<String> tags = event == null ? List.of() : event.getLanguages(); // a tombstone clears too
                if (event != null) {
                    Identity.requireKey(key, event.getRepositoryId(), "language tag event");
                }
                step = aggregate.languageTags(prev, tags, context.currentSystemTimeMs());
            }
            case Topics.RAW_COMMITS -> {
                RawCommitActivityEvent event = decoder.commits.deserialize(topic, value);
                if (event == null) {
                    return null;
                }
                Identity.requireKey(key, Identity.of(event.getEnvelope(), event.getRepositorySourceId()),
                        "commit activity event");
                decoder.requireSightingOf(rawKey, event.getEnvelope());
                step = aggregate.commits(prev, DeveloperMerge.read(event), context.currentSystemTimeMs());
            }
            case Topics.REPOSITORY_CLASSES -> {
                RepositoryClassEvent event = decoder.classes.deserialize(topic, value);
                AssetClass assetClass = null; // a tombstone or a null class clears the manual class
                boolean locked = false;
                if (event != null) {
                    Identity.requireKey(key, event.getRepositoryId(), "class event");
                    assetClass = assetClass(event.getAssetClass());
                    locked = assetClass != null && event.getLocked();
                }
                step = aggregate.manualClass(prev, assetClass, locked, context.currentSystemTimeMs());
            }
            case Topics.REPOSITORY_TAGS -> {
                RepositoryTagsEvent event = decoder.repositoryTags.deserialize(topic, value);
                List<String> tags = event == null ? List.of() : event.getTags(); // a tombstone clears too
                if (event != null) {
                    Identity.requireKey(key, event.getRepositoryId(), "tags event");
                    requireTags(tags);
                }
                step = aggregate.manualTags(prev, tags, context.currentSystemTimeMs());
            }
            default -> throw new IllegalStateException("repository processor got a record from " + topic);
        }
        pending = new Move(key, prev.recheckAt(), step.state().recheckAt());
        return new Outcome<>(key, StateCodec.encode(step.state()), step.emitted(), step.state());
    }

    private RepositoryAggregate.Step repository(String key, RawRepositoryEvent event, RepositoryState prev) {
        Identity.requireKey(key, Identity.of(event.getEnvelope(), event.getSourceId()), "repository event");
        Sighting sighting = new Sighting(event.getEnvelope().getProfile(), event.getEnvelope().getScope());
        if (event.getKind() == RawEventKind.REMOVED) {
            RepositoryState base = prev;
            if (event.getJson() != null && RepositoryAggregate.REPO_ARCHIVED.equals(event.getRemovalReason())) {
                // An archived DC repository still exists and comes with its JSON: take its latest facts first (it
                // may be new to us, e.g. on the first scan), so that the inventory keeps it, archived and removed.
                base = aggregate.seen(prev, facts(key, event), sighting, event.getEnvelope().getFetchedAt(),
                        context.currentSystemTimeMs()).state();
            }
            return aggregate.removed(base, sighting, event.getRemovalReason(), event.getEnvelope().getFetchedAt(),
                    context.currentSystemTimeMs());
        }
        return aggregate.seen(prev, facts(key, event), sighting, event.getEnvelope().getFetchedAt(),
                    context.currentSystemTimeMs());
    }

    private static RepositoryFacts facts(String key, RawRepositoryEvent event) {
        RepositoryFacts facts = RepositoryNormalizer.normalize(event.getEnvelope(), event.getJson());
        if (!facts.assetId().equals(key)) {
            throw new InvalidRawEventException("repository JSON is " + facts.assetId() + " but the record key is " + key);
        }
        return facts;
    }

    private static AssetClass assetClass(String text) {
        if (text == null) {
            return null;
        }
        for (AssetClass c : AssetClass.values()) {
            if (c.name().equals(text.trim().toUpperCase(java.util.Locale.ROOT))) {
                return c;
            }
        }
        throw new InvalidRawEventException("class '" + text + "' is not one of A, B, C, D");
    }

    private static void requireTags(List<String> tags) {
        for (String tag : tags) {
            if (PolicyRule.TagValue.parse(tag) == null) {
                throw new InvalidRawEventException("tag '" + tag + "' is not key:value (both non-empty)");
            }
        }
    }

    private static RepositoryState state(StateLookup lookup, String key) {
        RepositoryState stored = lookup.decoded(key, StateCodec::decodeRepository);
        return stored == null ? RepositoryState.EMPTY : stored;
    }
}
