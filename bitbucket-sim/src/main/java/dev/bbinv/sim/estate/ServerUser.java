package dev.bbinv.sim.estate;

/** A Bitbucket Data Center user. */
public record ServerUser(int id, String name, String slug, String displayName, String emailAddress, boolean active,
                         boolean service, long lastAuthenticationTimestamp) {
}
