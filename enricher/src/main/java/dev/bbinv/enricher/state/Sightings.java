package dev.bbinv.enricher.state;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** Pure set operations on who sees an asset where. */
final class Sightings {
    static final String DELETED_PROFILE = dev.bbinv.schemas.RemovalReasons.DELETED_PROFILE;

    private Sightings() {}

    static SortedSet<Sighting> with(SortedSet<Sighting> current, Sighting added) {
        SortedSet<Sighting> next = new TreeSet<>(current);
        next.add(added);
        return next;
    }

    /**
     * Drops the sighting a removal event is about. A removal for a whole profile (reason {@code deleted-profile} or
     * scope {@code *}) drops every scope of that profile; otherwise only that scope, so that a repository moved to
     * another workspace of the same profile stays seen there whatever order the two scans finish in.
     */
    static SortedSet<Sighting> without(SortedSet<Sighting> current, Sighting removed, String reason) {
        boolean wholeProfile = DELETED_PROFILE.equals(reason) || Sighting.ALL_SCOPES.equals(removed.scope());
        SortedSet<Sighting> next = new TreeSet<>(current);
        next.removeIf(s -> s.profile().equals(removed.profile()) && (wholeProfile || s.scope().equals(removed.scope())));
        return next;
    }

    static List<String> profiles(SortedSet<Sighting> sightings) {
        return sightings.stream().map(Sighting::profile).distinct().toList();
    }

    static List<String> scopes(SortedSet<Sighting> sightings) {
        return sightings.stream().map(Sighting::scope).filter(s -> !Sighting.ALL_SCOPES.equals(s)).distinct().sorted()
                .toList();
    }
}
