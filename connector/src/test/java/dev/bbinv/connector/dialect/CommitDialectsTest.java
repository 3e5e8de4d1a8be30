package dev.bbinv.connector.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.bitbucket.BranchRef;
import dev.bbinv.connector.config.ServiceKind;
import dev.bbinv.schemas.avro.RawCommitSummary;

/** The commit decisions of each dialect: where commits are read, how a commit reads, when it is read again. */
class CommitDialectsTest {
    private static final Dialect CLOUD = Dialect.of(ServiceKind.CLOUD);
    private static final Dialect DC = Dialect.of(ServiceKind.SERVER);
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration SIX_HOURS = Duration.ofHours(6);

    @Test
    void cloudReadsTheMainBranchOfFullNameAndNothingWithoutOne() throws Exception {
        assertEquals(new BranchRef("acme", "pay-api", "main"), CLOUD.branchRef(CloudDialectTest.json(
                "{\"full_name\":\"acme/pay-api\",\"mainbranch\":{\"name\":\"main\"}}")));
        assertNull(CLOUD.branchRef(CloudDialectTest.json("{\"full_name\":\"acme/empty\",\"mainbranch\":null}")));
    }

    @Test
    void dataCenterReadsTheDefaultBranchOfProjectAndSlugAndItsTipWhenTheListingDoesNotNameIt() throws Exception {
        assertEquals(new BranchRef("PAY", "ledger", "develop"), DC.branchRef(CloudDialectTest.json(
                "{\"slug\":\"ledger\",\"project\":{\"key\":\"PAY\"},\"defaultBranch\":\"develop\"}")));
        // The spec marks defaultBranch write-only: a listing without it is the normal case, not an empty repository
        assertEquals(new BranchRef("PAY", "ledger", null), DC.branchRef(CloudDialectTest.json(
                "{\"slug\":\"ledger\",\"project\":{\"key\":\"PAY\"}}")));
        assertNull(DC.branchRef(CloudDialectTest.json("{\"slug\":\"ledger\"}")));
    }

    @Test
    void aCloudCommitWithALinkedUserAndOneWithOnlyARawAuthor() throws Exception {
        RawCommitSummary linked = CLOUD.commitSummary(CloudDialectTest.json("""
                {"hash":"abc123","date":"2026-11-30T10:00:00+02:00","author":{"raw":"Ann Lee <ann@x.io>",
                 "user":{"uuid":"{u-1}","nickname":"ann","display_name":"Ann L.","account_id":"712020:1",
                 "links":{"html":{"href":"https://bitbucket.org/{u-1}/"}}}}}"""));
        assertEquals("abc123", linked.getHash());
        assertEquals(Instant.parse("2026-11-30T08:00:00Z"), linked.getCommittedAt());
        assertEquals("Ann Lee <ann@x.io>", linked.getAuthorRaw());
        assertEquals("Ann Lee", linked.getAuthorName());
        assertEquals("ann@x.io", linked.getAuthorEmail());
        assertEquals("{u-1}", linked.getAuthorUserId());
        assertEquals("ann", linked.getAuthorUsername());
        assertEquals("Ann L.", linked.getAuthorDisplayName());
        assertEquals("https://bitbucket.org/{u-1}/", linked.getAuthorUrl());

        RawCommitSummary raw = CLOUD.commitSummary(CloudDialectTest.json(
                "{\"hash\":\"def\",\"date\":\"2026-11-30T10:00:00+00:00\",\"author\":{\"raw\":\"Build Bot\"}}"));
        assertEquals("Build Bot", raw.getAuthorName());
        assertNull(raw.getAuthorEmail());
        assertNull(raw.getAuthorUserId());
        assertNull(raw.getAuthorUrl());

        RawCommitSummary noNickname = CLOUD.commitSummary(CloudDialectTest.json("{\"hash\":\"a\",\"date\":"
                + "\"2026-11-30T10:00:00+00:00\",\"author\":{\"raw\":\"A <a@b>\",\"user\":{\"uuid\":\"{u}\","
                + "\"account_id\":\"712020:9\"}}}"));
        assertEquals("712020:9", noNickname.getAuthorUsername());
    }

    @Test
    void aDataCenterCommitWithAUserAndOneWithAPerson() throws Exception {
        RawCommitSummary user = DC.commitSummary(CloudDialectTest.json("""
                {"id":"abc","authorTimestamp":1764500000000,"author":{"name":"alee","emailAddress":"alee@corp",
                 "id":42,"slug":"alee","displayName":"Ann Lee","links":{"self":[{"href":"https://bb/users/alee"}]}}}"""));
        assertEquals(Instant.ofEpochMilli(1764500000000L), user.getCommittedAt());
        assertEquals("alee <alee@corp>", user.getAuthorRaw());
        assertEquals("Ann Lee", user.getAuthorName());
        assertEquals("42", user.getAuthorUserId());
        assertEquals("alee", user.getAuthorUsername());
        assertEquals("https://bb/users/alee", user.getAuthorUrl());

        RawCommitSummary person = DC.commitSummary(CloudDialectTest.json(
                "{\"id\":\"d\",\"authorTimestamp\":1,\"author\":{\"name\":\"Bot\",\"emailAddress\":\"bot@ci\"}}"));
        assertEquals("Bot <bot@ci>", person.getAuthorRaw());
        assertEquals("Bot", person.getAuthorName());
        assertNull(person.getAuthorUserId());
        assertNull(person.getAuthorUsername());
    }

    @Test
    void aCommitWithoutHashOrDateIsRefusedNamingWhatIsMissing() {
        IllegalArgumentException cloud = assertThrows(IllegalArgumentException.class,
                () -> CLOUD.commitSummary(CloudDialectTest.json("{\"date\":\"2026-11-30T10:00:00+00:00\"}")));
        assertEquals("a commit without hash", cloud.getMessage());
        IllegalArgumentException date = assertThrows(IllegalArgumentException.class,
                () -> CLOUD.commitSummary(CloudDialectTest.json("{\"hash\":\"a\",\"date\":\"yesterday\"}")));
        assertTrue(date.getMessage().contains("unreadable date 'yesterday'"), date.getMessage());
        IllegalArgumentException dc = assertThrows(IllegalArgumentException.class,
                () -> DC.commitSummary(CloudDialectTest.json("{\"id\":\"a\"}")));
        assertEquals("commit a has no authorTimestamp", dc.getMessage());
    }

    @Test
    void cloudReadsAgainOnlyWhenUpdatedOnMoved() {
        assertTrue(CLOUD.commitsDue("2026-01-01T00:00:00Z", null, NOW, SIX_HOURS));
        String validator = CLOUD.commitsValidator("2026-01-01T00:00:00Z", NOW);
        assertFalse(CLOUD.commitsDue("2026-01-01T00:00:00Z", validator, NOW.plus(Duration.ofDays(400)), SIX_HOURS));
        assertTrue(CLOUD.commitsDue("2026-01-02T00:00:00Z", validator, NOW, SIX_HOURS));
    }

    @Test
    void dataCenterReadsAgainOnceTheRefreshIntervalPassed() {
        assertTrue(DC.commitsDue(null, null, NOW, SIX_HOURS));
        String validator = DC.commitsValidator(null, NOW);
        assertFalse(DC.commitsDue(null, validator, NOW.plus(Duration.ofHours(5)), SIX_HOURS));
        assertTrue(DC.commitsDue(null, validator, NOW.plus(SIX_HOURS), SIX_HOURS));
        assertTrue(DC.commitsDue(null, "not a time", NOW, SIX_HOURS));
    }
}
