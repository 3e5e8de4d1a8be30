package dev.bbinv.connector.publish;

/** Whether a profile already saw an entity ({@code repositories} or {@code users}) in a scope before the batch now being committed. */
@FunctionalInterface
public interface KnownSightings {
    /** Every sighting counts as known: events are keyed {@code seen}, never {@code first}. */
    KnownSightings ALL = (profile, entity, scope, sourceId) -> true;

    boolean known(String profile, String entity, String scope, String sourceId);
}
