package dev.bbinv.sim.estate;

/** A Bitbucket Cloud project inside a workspace. */
public record CloudProject(String uuid, String key, String name) {
}
