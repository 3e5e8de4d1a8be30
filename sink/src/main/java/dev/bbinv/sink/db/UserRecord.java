package dev.bbinv.sink.db;

import java.time.Instant;
import java.util.List;

/** One Bitbucket user as the inventory stores it. */
public record UserRecord(
        String id,
        String serviceType,
        String baseUrl,
        String accountId,
        String username,
        String displayName,
        String email,
        Boolean active,
        String userType,
        List<String> scopes,
        List<String> profiles,
        boolean removed,
        List<String> removedReasons,
        Instant removedAt,
        Instant firstSeen,
        Instant lastSeen,
        long version) {

    public UserRecord {
        scopes = List.copyOf(scopes);
        profiles = List.copyOf(profiles);
        removedReasons = List.copyOf(removedReasons);
    }
}
