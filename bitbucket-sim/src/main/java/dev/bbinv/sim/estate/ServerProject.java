package dev.bbinv.sim.estate;

/**
 * A Bitbucket Data Center project; a personal project has key {@code ~SLUG} and an owner.
 *
 * @param ownerSlug the owning user's slug for a PERSONAL project, else null
 */
public record ServerProject(int id, String key, String name, String description, boolean isPublic,
                            String ownerSlug) {
    public boolean personal() {
        return ownerSlug != null;
    }
}
