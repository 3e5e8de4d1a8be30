package dev.bbinv.connector.poll;

/** One listing the connector scans and checkpoints: a profile's repositories or users in one scope. */
public record ScopeKey(String profile, Entity entity, String scope) {
    public enum Entity {
        REPOSITORIES("repositories"), USERS("users");

        public final String label;

        Entity(String label) {
            this.label = label;
        }

        public static Entity of(String label) {
            return "users".equals(label) ? USERS : REPOSITORIES;
        }
    }

    /** The checkpoint topic key of this scope's progress record. */
    public String checkpointKey() {
        return profile + "|" + entity.label + "|" + scope;
    }

    /** The checkpoint topic key of one entity's record in this scope. */
    public String entityKey(String sourceId) {
        return checkpointKey() + "|" + sourceId;
    }

    @Override
    public String toString() {
        return profile + "/" + entity.label + "/" + scope;
    }
}
