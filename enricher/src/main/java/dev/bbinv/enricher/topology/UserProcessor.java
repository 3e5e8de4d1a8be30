package dev.bbinv.enricher.topology;

import dev.bbinv.enricher.normalize.InvalidRawEventException;
import dev.bbinv.enricher.normalize.UserFacts;
import dev.bbinv.enricher.normalize.UserNormalizer;
import dev.bbinv.enricher.state.Sighting;
import dev.bbinv.enricher.state.StateCodec;
import dev.bbinv.enricher.state.UserAggregate;
import dev.bbinv.enricher.state.UserState;
import dev.bbinv.schemas.avro.RawEventKind;
import dev.bbinv.schemas.avro.RawUserEvent;
import dev.bbinv.schemas.avro.UserAsset;

/** Keeps one user asset per id from the raw users topic. */
final class UserProcessor extends DeadLetteringProcessor<UserAsset> {
    private final RecordDecoder decoder;
    private final UserAggregate aggregate;

    UserProcessor(RecordDecoder decoder, TopologySettings settings) {
        super(decoder, EnricherTopology.USER_STORE, EnricherTopology.USERS_SINK, EnricherTopology.USERS_DLQ_SINK);
        this.decoder = decoder;
        this.aggregate = new UserAggregate(settings.emitPolicy());
    }

    @Override
    protected Outcome<UserAsset> decide(String topic, byte[] keyBytes, byte[] value, StateLookup lookup) {
        RecordDecoder.RawKey rawKey = decoder.key(topic, keyBytes);
        String key = rawKey.assetId();
        RawUserEvent event = decoder.users.deserialize(topic, value);
        if (event == null) {
            return null;
        }
        Identity.requireKey(key, Identity.of(event.getEnvelope(), event.getSourceId()), "user event");
        decoder.requireSightingOf(rawKey, event.getEnvelope());
        byte[] stored = lookup.get(key);
        UserState prev = stored == null ? UserState.EMPTY : StateCodec.decodeUser(stored);
        Sighting sighting = new Sighting(event.getEnvelope().getProfile(), event.getEnvelope().getScope());
        UserAggregate.Step step;
        if (event.getKind() == RawEventKind.REMOVED) {
            step = aggregate.removed(prev, sighting, event.getRemovalReason(), event.getEnvelope().getFetchedAt(),
                    context.currentSystemTimeMs());
        } else {
            UserFacts facts = UserNormalizer.normalize(event.getEnvelope(), event.getJson());
            if (!facts.assetId().equals(key)) {
                throw new InvalidRawEventException("user JSON is " + facts.assetId() + " but the record key is " + key);
            }
            step = aggregate.seen(prev, facts, sighting, event.getEnvelope().getFetchedAt(),
                    context.currentSystemTimeMs());
        }
        return new Outcome<>(key, StateCodec.encode(step.state()), step.emitted());
    }
}
