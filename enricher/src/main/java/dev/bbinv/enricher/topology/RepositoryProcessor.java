package dev.bbinv.enricher.topology;

import java.util.List;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.enricher.catalog.CatalogParser;
import dev.bbinv.enricher.normalize.InvalidRawEventException;
import dev.bbinv.enricher.normalize.RepositoryFacts;
import dev.bbinv.enricher.normalize.RepositoryNormalizer;
import dev.bbinv.enricher.state.RepositoryAggregate;
import dev.bbinv.enricher.state.RepositoryState;
import dev.bbinv.enricher.state.Sighting;
import dev.bbinv.enricher.state.StateCodec;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.AppContext;
import dev.bbinv.schemas.avro.LanguageTagEvent;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.avro.RawEventKind;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RepositoryAsset;

/**
 * Keeps one repository asset per id from three co-partitioned topics: raw repositories (seen or removed), raw catalog
 * files (app context) and language tags (manual languages).
 */
final class RepositoryProcessor extends DeadLetteringProcessor<RepositoryAsset> {
    /** Metric counting catalog files that could not be used: {@code catalog-error-total}. */
    static final String CATALOG_ERROR_OPERATION = "catalog-error";
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryProcessor.class);

    private final RecordDecoder decoder;
    private final TopologySettings settings;
    private final RepositoryAggregate aggregate;
    private Sensor catalogErrors;

    RepositoryProcessor(RecordDecoder decoder, TopologySettings settings) {
        super(decoder, EnricherTopology.REPOSITORY_STORE, EnricherTopology.REPOSITORIES_SINK,
                EnricherTopology.REPOSITORIES_DLQ_SINK);
        this.decoder = decoder;
        this.settings = settings;
        this.aggregate = new RepositoryAggregate(settings.languages(), settings.emitPolicy());
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        super.init(context);
        catalogErrors = sensor(context, CATALOG_ERROR_OPERATION);
    }

    @Override
    protected Outcome<RepositoryAsset> decide(String topic, byte[] keyBytes, byte[] value, StateLookup lookup) {
        String key = decoder.key(topic, keyBytes);
        RepositoryAggregate.Step step;
        switch (topic) {
            case Topics.RAW_REPOSITORIES -> {
                RawRepositoryEvent event = decoder.repositories.deserialize(topic, value);
                if (event == null) {
                    return null; // a tombstone: the raw topic forgets the repository, the inventory keeps its history
                }
                decoder.requireSightingOf(topic, keyBytes, event.getEnvelope());
                step = repository(key, event, state(lookup, key));
            }
            case Topics.RAW_CATALOG_FILES -> {
                RawCatalogFileEvent event = decoder.catalogFiles.deserialize(topic, value);
                if (event == null) {
                    return null;
                }
                Identity.requireKey(key, Identity.of(event.getEnvelope(), event.getRepositorySourceId()),
                        "catalog file event");
                decoder.requireSightingOf(topic, keyBytes, event.getEnvelope());
                AppContext appContext = CatalogParser.parse(event, settings.catalogLimits()).orElse(null);
                if (appContext != null && appContext.getError() != null) {
                    catalogErrors.record();
                    LOG.warn("Catalog file {} of {} is not usable: {}", event.getPath(), key, appContext.getError());
                }
                step = aggregate.catalog(state(lookup, key), appContext, context.currentSystemTimeMs());
            }
            case Topics.LANGUAGE_TAGS -> {
                LanguageTagEvent event = decoder.languageTags.deserialize(topic, value);
                List<String> tags = event == null ? List.of() : event.getLanguages(); // a tombstone clears too
                if (event != null) {
                    Identity.requireKey(key, event.getRepositoryId(), "language tag event");
                }
                step = aggregate.languageTags(state(lookup, key), tags, context.currentSystemTimeMs());
            }
            default -> throw new IllegalStateException("repository processor got a record from " + topic);
        }
        return new Outcome<>(key, StateCodec.encode(step.state()), step.emitted());
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

    private static RepositoryState state(StateLookup lookup, String key) {
        byte[] bytes = lookup.get(key);
        return bytes == null ? RepositoryState.EMPTY : StateCodec.decodeRepository(bytes);
    }
}
