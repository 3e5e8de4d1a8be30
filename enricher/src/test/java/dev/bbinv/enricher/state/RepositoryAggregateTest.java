package dev.bbinv.enricher.state;

import static dev.bbinv.enricher.Fixtures.T0;
import static dev.bbinv.enricher.Fixtures.cloud;
import static dev.bbinv.enricher.Fixtures.cloudRepository;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.enricher.activity.CommitRead;
import dev.bbinv.enricher.languages.LanguageTable;
import dev.bbinv.enricher.normalize.RepositoryFacts;
import dev.bbinv.enricher.normalize.RepositoryNormalizer;
import dev.bbinv.schemas.avro.AppContext;
import dev.bbinv.schemas.avro.Developer;
import dev.bbinv.schemas.avro.Freshness;
import dev.bbinv.schemas.avro.LanguageSource;
import dev.bbinv.schemas.avro.RepositoryAsset;

class RepositoryAggregateTest {
    private static final String UUID = "{11111111-2222-3333-4444-555555555555}";
    private final RepositoryAggregate aggregate =
            new RepositoryAggregate(LanguageTable.linguist(), new EmitPolicy(Duration.ofHours(24)));

    private static RepositoryFacts facts(String workspace, String name, String language) {
        return RepositoryNormalizer.normalize(cloud("p", workspace, T0),
                cloudRepository(UUID, workspace, name.toLowerCase(), name, language));
    }

    private RepositoryAggregate.Step seen(RepositoryState prev, String profile, String workspace, String name,
            Instant at) {
        return aggregate.seen(prev, facts(workspace, name, "java"), new Sighting(profile, workspace), at, 0);
    }

    @Test
    void theFirstSightingWritesVersionOne() {
        RepositoryAggregate.Step step = seen(RepositoryState.EMPTY, "p", "acme", "Geordi", T0);
        RepositoryAsset asset = step.emitted();
        assertNotNull(asset);
        assertEquals(1, asset.getVersion());
        assertEquals(T0, asset.getFirstSeen());
        assertEquals(T0, asset.getLastSeen());
        assertEquals(List.of("p"), asset.getProfiles());
        assertEquals("Java", asset.getLanguages().get(0).getName());
        assertFalse(asset.getRemoved());
    }

    @Test
    void anUnchangedRescanWritesNothingButARenameWritesTheNextVersionUnderTheSameId() {
        RepositoryState s1 = seen(RepositoryState.EMPTY, "p", "acme", "Geordi", T0).state();
        RepositoryAggregate.Step again = seen(s1, "p", "acme", "Geordi", T0.plusSeconds(3600));
        assertNull(again.emitted());
        assertEquals(T0.plusSeconds(3600), again.state().asset().getLastSeen()); // kept, just not written

        RepositoryAggregate.Step renamed = seen(again.state(), "p", "acme", "Picard", T0.plusSeconds(7200));
        assertEquals(2, renamed.emitted().getVersion());
        assertEquals("Picard", renamed.emitted().getName());
        assertEquals(s1.asset().getId(), renamed.emitted().getId());
        assertEquals(T0, renamed.emitted().getFirstSeen());
    }

    @Test
    void anUnchangedAssetIsWrittenAgainOnceLastSeenIsOlderThanTheRefreshInterval() {
        RepositoryState s1 = seen(RepositoryState.EMPTY, "p", "acme", "Geordi", T0).state();
        assertNull(seen(s1, "p", "acme", "Geordi", T0.plus(Duration.ofHours(23))).emitted());
        RepositoryAggregate.Step due = seen(s1, "p", "acme", "Geordi", T0.plus(Duration.ofHours(24)));
        assertEquals(2, due.emitted().getVersion());
        assertEquals(T0.plus(Duration.ofHours(24)), due.emitted().getLastSeen());
    }

    @Test
    void aRemovalMarksTheAssetRemovedAndASightingBringsItBack() {
        RepositoryState s1 = seen(RepositoryState.EMPTY, "p", "acme", "Geordi", T0).state();
        RepositoryAggregate.Step gone = aggregate.removed(s1, new Sighting("p", "acme"), "repo-deleted",
                T0.plusSeconds(60), 0);
        assertTrue(gone.emitted().getRemoved());
        assertEquals(List.of("repo-deleted"), gone.emitted().getRemovedReasons());
        assertEquals(T0.plusSeconds(60), gone.emitted().getRemovedAt());
        assertEquals(List.of(), gone.emitted().getProfiles());
        assertEquals(2, gone.emitted().getVersion());

        RepositoryAggregate.Step back = seen(gone.state(), "p", "acme", "Geordi", T0.plusSeconds(120));
        assertFalse(back.emitted().getRemoved());
        assertEquals(List.of(), back.emitted().getRemovedReasons());
        assertNull(back.emitted().getRemovedAt());
        assertEquals(3, back.emitted().getVersion());
    }

    @Test
    void anAssetSeenByTwoProfilesStaysUntilBothLoseIt() {
        RepositoryState s = seen(RepositoryState.EMPTY, "cloud-a", "acme", "Geordi", T0).state();
        RepositoryAggregate.Step second = seen(s, "cloud-b", "acme", "Geordi", T0.plusSeconds(1));
        assertEquals(List.of("cloud-a", "cloud-b"), second.emitted().getProfiles());

        RepositoryAggregate.Step profileGone = aggregate.removed(second.state(), new Sighting("cloud-a", "*"),
                "deleted-profile", T0.plusSeconds(2), 0);
        assertFalse(profileGone.emitted().getRemoved());
        assertEquals(List.of("cloud-b"), profileGone.emitted().getProfiles());

        RepositoryAggregate.Step deleted = aggregate.removed(profileGone.state(), new Sighting("cloud-b", "acme"),
                "repo-deleted", T0.plusSeconds(3), 0);
        assertTrue(deleted.emitted().getRemoved());
        assertEquals(List.of("repo-deleted"), deleted.emitted().getRemovedReasons());
    }

    @Test
    void aRepositoryMovedToAnotherWorkspaceIsNotRemovedWhicheverScanFinishesFirst() {
        RepositoryState s = seen(RepositoryState.EMPTY, "p", "old-ws", "Geordi", T0).state();
        RepositoryState moved = seen(s, "p", "new-ws", "Geordi", T0.plusSeconds(10)).state();
        RepositoryAggregate.Step oldScanDone = aggregate.removed(moved, new Sighting("p", "old-ws"), "repo-deleted",
                T0.plusSeconds(20), 0);
        assertFalse(oldScanDone.state().asset().getRemoved());
        assertEquals("new-ws", oldScanDone.state().asset().getSource().getScopeKey());
    }

    @Test
    void anArchivedRemovalSetsArchived() {
        RepositoryState s = seen(RepositoryState.EMPTY, "p", "acme", "Geordi", T0).state();
        RepositoryAsset archived = aggregate.removed(s, new Sighting("p", "acme"), "repo-archived", T0.plusSeconds(1), 0)
                .emitted();
        assertTrue(archived.getArchived());
        assertTrue(archived.getRemoved());
        assertEquals(List.of("repo-archived"), archived.getRemovedReasons());
    }

    @Test
    void aRemovalOfAnUnknownRepositoryWritesNothing() {
        assertNull(aggregate.removed(RepositoryState.EMPTY, new Sighting("p", "acme"), "repo-deleted", T0, 0).emitted());
    }

    @Test
    void anOlderFetchDoesNotOverwriteNewerFacts() {
        RepositoryState s = seen(RepositoryState.EMPTY, "a", "acme", "NewName", T0.plusSeconds(100)).state();
        RepositoryAggregate.Step late = seen(s, "b", "acme", "OldName", T0);
        assertEquals("NewName", late.emitted().getName());
        assertEquals(List.of("a", "b"), late.emitted().getProfiles());
        assertEquals(T0, late.emitted().getFirstSeen());
        assertEquals(T0.plusSeconds(100), late.emitted().getLastSeen());
    }

    @Test
    void manualTagsOverrideAndClearingBringsBitbucketsValueBack() {
        RepositoryState s = seen(RepositoryState.EMPTY, "p", "acme", "Geordi", T0).state();
        RepositoryAggregate.Step tagged = aggregate.languageTags(s, List.of("golang", "Klingon"), 0);
        assertEquals(2, tagged.emitted().getLanguages().size());
        assertEquals("Go", tagged.emitted().getLanguages().get(0).getName());
        assertEquals(LanguageSource.MANUAL, tagged.emitted().getLanguages().get(0).getSource());
        assertFalse(tagged.emitted().getLanguages().get(1).getRecognised());

        RepositoryAggregate.Step cleared = aggregate.languageTags(tagged.state(), List.of(), 0);
        assertEquals(LanguageSource.BITBUCKET, cleared.emitted().getLanguages().get(0).getSource());
        assertEquals("Java", cleared.emitted().getLanguages().get(0).getName());
        assertEquals(3, cleared.emitted().getVersion());

        // A rescan that still says java keeps the manual override in place.
        RepositoryState retagged = aggregate.languageTags(cleared.state(), List.of("rust"), 0).state();
        RepositoryAggregate.Step rescan = seen(retagged, "p", "acme", "Geordi", T0.plusSeconds(5));
        assertNull(rescan.emitted());
        assertEquals("Rust", rescan.state().asset().getLanguages().get(0).getName());
    }

    @Test
    void tagsAndCatalogArrivingBeforeTheRepositoryAreKeptUntilItIsSeen() {
        AppContext context = AppContext.newBuilder().setFilePath("catalog-info.yaml").setOwner("team-a").build();
        RepositoryAggregate.Step catalog = aggregate.catalog(RepositoryState.EMPTY, context, 0);
        assertNull(catalog.emitted());
        RepositoryAggregate.Step tags = aggregate.languageTags(catalog.state(), List.of("kotlin"), 0);
        assertNull(tags.emitted());

        RepositoryAsset asset = seen(tags.state(), "p", "acme", "Geordi", T0).emitted();
        assertEquals("team-a", asset.getAppContext().getOwner());
        assertEquals("Kotlin", asset.getLanguages().get(0).getName());
        assertEquals(1, asset.getVersion());
    }

    @Test
    void anAbsentCatalogRemovesTheAppContext() {
        RepositoryState s = seen(RepositoryState.EMPTY, "p", "acme", "Geordi", T0).state();
        AppContext context = AppContext.newBuilder().setFilePath("catalog-info.yaml").setOwner("team-a").build();
        RepositoryState withContext = aggregate.catalog(s, context, 0).state();
        assertNull(aggregate.catalog(withContext, context, 0).emitted()); // same file again: nothing to write
        RepositoryAggregate.Step absent = aggregate.catalog(withContext, null, 0);
        assertNull(absent.emitted().getAppContext());
        assertEquals(3, absent.emitted().getVersion());
    }

    @Test
    void stateSurvivesItsStoreEncoding() {
        RepositoryState s = seen(RepositoryState.EMPTY, "p", "acme", "Geordi", T0).state();
        s = aggregate.languageTags(s, List.of("go"), 0).state();
        s = aggregate.catalog(s, AppContext.newBuilder().setFilePath("c.yaml").setError("bad").build(), 0).state();
        byte[] bytes = StateCodec.encode(s);
        RepositoryState decoded = StateCodec.decodeRepository(bytes);
        assertArrayEquals(bytes, StateCodec.encode(decoded));
        assertEquals(s.sightings(), decoded.sightings());
        assertEquals(List.of("go"), decoded.manualLanguages());
        assertEquals("java", decoded.bitbucketLanguage());
        assertEquals("bad", decoded.appContext().getError());
        assertEquals(T0, decoded.asset().getFirstSeen());
        assertEquals(StateCodec.encode(RepositoryState.EMPTY).length,
                StateCodec.encode(StateCodec.decodeRepository(StateCodec.encode(RepositoryState.EMPTY))).length);
    }

    @Test
    void versionsNeverFallBelowTheFloorSoAReplayOutranksWhatWasWrittenBefore() {
        RepositoryAggregate.Step first = aggregate.seen(RepositoryState.EMPTY, facts("acme", "Geordi", "java"),
                new Sighting("p", "acme"), T0, 1_000);
        assertEquals(1_000, first.emitted().getVersion());
        RepositoryAggregate.Step next = aggregate.languageTags(first.state(), List.of("go"), 500);
        assertEquals(1_001, next.emitted().getVersion());
    }

    @Test
    void stateWrittenWithOtherSchemasIsRefusedClearly() {
        byte[] bytes = StateCodec.encode(seen(RepositoryState.EMPTY, "p", "acme", "Geordi", T0).state());
        bytes[3] ^= 0x5a; // a different schema fingerprint
        byte[] tampered = bytes;
        UnreadableStateException e = org.junit.jupiter.api.Assertions.assertThrows(UnreadableStateException.class,
                () -> StateCodec.decodeRepository(tampered));
        assertTrue(e.getMessage().contains("bbinv rebuild"), e.getMessage());
    }

    private static CommitRead read(String profile, Instant fetchedAt, Instant last, String email) {
        return new CommitRead(profile, fetchedAt, last, List.of(Developer.newBuilder().setEmail(email)
                .setDiscoveredBy(profile).setCommitCount(1).setLastCommitAt(last).build()));
    }

    @Test
    void anOlderCommitReadOfAProfileIsIgnoredAndAProfileThatLostTheRepositoryNoLongerCounts() {
        Instant wallClock = T0.plus(Duration.ofDays(1));
        RepositoryState s = seen(RepositoryState.EMPTY, "a", "acme", "Geordi", T0).state();
        s = seen(s, "b", "acme", "Geordi", T0).state();
        s = aggregate.commits(s, read("a", T0, T0.minusSeconds(100), "ann@acme.com"), wallClock.toEpochMilli()).state();
        RepositoryAggregate.Step both = aggregate.commits(s, read("b", T0, T0.minusSeconds(10), "bob@acme.com"),
                wallClock.toEpochMilli());
        assertEquals(T0.minusSeconds(10), both.emitted().getLastCommitAt());
        assertEquals(List.of("bob@acme.com", "ann@acme.com"),
                both.emitted().getDevelopers().stream().map(Developer::getEmail).toList());

        RepositoryAggregate.Step older = aggregate.commits(both.state(),
                read("b", T0.minusSeconds(3600), T0.minusSeconds(5000), "old@acme.com"), wallClock.toEpochMilli());
        assertNull(older.emitted());
        assertEquals(both.state(), older.state());

        RepositoryAggregate.Step bGone = aggregate.removed(both.state(), new Sighting("b", "acme"), "repo-deleted",
                T0.plusSeconds(60), wallClock.toEpochMilli());
        assertEquals(T0.minusSeconds(100), bGone.emitted().getLastCommitAt());
        assertEquals(List.of("ann@acme.com"),
                bGone.emitted().getDevelopers().stream().map(Developer::getEmail).toList());
    }

    @Test
    void aRecheckWritesOnlyWhatTimeChangedAndSaysWhenToLookAgain() {
        Instant last = T0.minus(Duration.ofDays(80));
        RepositoryState s = seen(RepositoryState.EMPTY, "p", "acme", "Geordi", T0).state();
        s = aggregate.commits(s, read("p", T0, last, "ann@acme.com"), T0.toEpochMilli()).state();
        Instant inactiveAt = last.atZone(java.time.ZoneOffset.UTC).plusMonths(3).toInstant();
        assertEquals(inactiveAt, s.recheckAt());
        assertEquals(Freshness.ACTIVE, s.asset().getFreshness());

        assertNull(aggregate.recheck(s, inactiveAt.minusMillis(1).toEpochMilli()).emitted());
        RepositoryAggregate.Step due = aggregate.recheck(s, inactiveAt.toEpochMilli());
        assertEquals(Freshness.INACTIVE, due.emitted().getFreshness());
        assertEquals(inactiveAt.toEpochMilli(), due.emitted().getVersion()); // the wall clock is the version floor
        assertEquals(last.atZone(java.time.ZoneOffset.UTC).plusMonths(6).toInstant().plusMillis(1),
                due.state().recheckAt());
    }
}
