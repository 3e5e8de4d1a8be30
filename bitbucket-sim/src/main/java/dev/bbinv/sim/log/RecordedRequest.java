package dev.bbinv.sim.log;

import java.time.Instant;

/**
 * One request the simulator answered.
 *
 * @param route      the endpoint template, e.g. {@code GET /2.0/repositories/{workspace}}
 * @param credential the credential id, {@code anonymous}, or {@code invalid:<user or scheme>}; never a secret
 * @param query      the raw query string, or "" (it never carries a secret in either API)
 */
public record RecordedRequest(Instant at, String method, String path, String query, String route,
                              String credential, int status) {
}
