package dev.bbinv.enricher.state;

/** One integration profile seeing an asset in one scope (Cloud workspace, DC project, or {@code *}). */
public record Sighting(String profile, String scope) implements Comparable<Sighting> {
    /** The scope of instance-wide listings (DC users), and of removals that concern a whole profile. */
    public static final String ALL_SCOPES = "*";

    @Override
    public int compareTo(Sighting o) {
        int c = profile.compareTo(o.profile);
        return c != 0 ? c : scope.compareTo(o.scope);
    }
}
