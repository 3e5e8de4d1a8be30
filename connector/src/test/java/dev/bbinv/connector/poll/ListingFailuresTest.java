package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.bitbucket.BitbucketApiException;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.connector.poll.ScanSummary.Outcome;
import dev.bbinv.connector.poll.ScopeKey.Entity;

class ListingFailuresTest {
    private static final Profile CLOUD = Profile.cloud("c", URI.create("https://api.bitbucket.org/2.0"),
            Credentials.basic("ops@acme.com", Secret.of("tok")), List.of("acme"));
    private static final ScopeKey ACME = new ScopeKey("c", Entity.REPOSITORIES, "acme");

    private static ListingFailures.Ended endedBy(int status) {
        return ListingFailures.of(CLOUD, ACME, new BitbucketApiException("GET", "/2.0/repositories/acme", status, null,
                "why"));
    }

    @Test
    void aRefusedCredentialFailsTheScanWithBitbucketsMessage() {
        assertEquals(new ListingFailures.Ended(Outcome.AUTH_FAILED, "GET /2.0/repositories/acme answered 401: why"),
                endedBy(401));
    }

    @Test
    void aForbiddenOrMissingScopeNamesTheScope() {
        assertEquals(new ListingFailures.Ended(Outcome.FORBIDDEN, ListingFailures.forbiddenReason(CLOUD, ACME,
                "GET /2.0/repositories/acme answered 403: why")), endedBy(403));
        assertEquals(new ListingFailures.Ended(Outcome.NOT_FOUND, "workspace 'acme' not found or not visible to this"
                + " credential"), endedBy(404));
    }

    @Test
    void aRateLimitLeavesTheScanIncomplete() {
        assertEquals(new ListingFailures.Ended(Outcome.INCOMPLETE, "rate-limited: GET /2.0/repositories/acme answered"
                + " 429: why"), endedBy(429));
    }

    @Test
    void otherStatusesAreAFailedPageNotAnEnd() {
        assertNull(endedBy(500));
        assertNull(endedBy(400));
    }
}
