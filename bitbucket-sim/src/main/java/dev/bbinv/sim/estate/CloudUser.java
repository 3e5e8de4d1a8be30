package dev.bbinv.sim.estate;

import java.time.Instant;

/** A Bitbucket Cloud account (workspace member). */
public record CloudUser(String uuid, String accountId, String displayName, String nickname, String email,
                        Instant createdOn) {
}
