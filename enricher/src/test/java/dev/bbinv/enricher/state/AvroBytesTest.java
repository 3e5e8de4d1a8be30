package dev.bbinv.enricher.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.AppContext;
import dev.bbinv.schemas.avro.AssetLabel;
import dev.bbinv.schemas.avro.AssetLanguage;
import dev.bbinv.schemas.avro.AssetSource;
import dev.bbinv.schemas.avro.CloneUrl;
import dev.bbinv.schemas.avro.Developer;
import dev.bbinv.schemas.avro.Freshness;
import dev.bbinv.schemas.avro.LanguageSource;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.ServiceType;
import dev.bbinv.schemas.avro.Visibility;

class AvroBytesTest {
    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    private final AvroBytes<RepositoryAsset> withoutLastSeen =
            new AvroBytes<>(RepositoryAsset.getClassSchema(), RepositoryAsset.class, "lastSeen", "version");

    private static RepositoryAsset asset(String description, Instant lastSeen, long version) {
        return RepositoryAsset.newBuilder()
                .setId("cloud:{1}").setName("geordi")
                .setSource(AssetSource.newBuilder().setServiceType(ServiceType.values()[0])
                        .setBaseUrl("https://bitbucket.org").setScopeKey("acme").build())
                .setCloneUrls(List.of()).setVisibility(Visibility.PRIVATE).setDescription(description)
                .setLanguages(List.of()).setProfiles(List.of("p")).setRemovedReasons(List.of())
                .setFirstSeen(T).setLastSeen(lastSeen).setVersion(version)
                .build();
    }

    @Test
    void theLeftOutFieldsDoNotCount() {
        assertArrayEquals(withoutLastSeen.of(asset("d", T, 1)), withoutLastSeen.of(asset("d", T.plusSeconds(60), 7)));
        assertTrue(RepositoryAggregate.sameIgnoringLastSeen(asset("d", T, 1), asset("d", T.plusSeconds(60), 7)));
    }

    @Test
    void everyOtherFieldDoes() {
        assertFalse(Arrays.equals(withoutLastSeen.of(asset("d", T, 1)), withoutLastSeen.of(asset("e", T, 1))));
        assertFalse(RepositoryAggregate.sameIgnoringLastSeen(asset("d", T, 1), asset("e", T, 1)));
        RepositoryAsset other = RepositoryAsset.newBuilder(asset("d", T, 1)).setFirstSeen(T.minusSeconds(1)).build();
        assertFalse(RepositoryAggregate.sameIgnoringLastSeen(asset("d", T, 1), other)); // a timestamp still counts
    }

    @Test
    void anUnknownFieldIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new AvroBytes<>(RepositoryAsset.getClassSchema(), RepositoryAsset.class, "lastSeenAt"));
    }

    /** A fully populated asset to vary: every kind of field (unions, arrays of records, enums, timestamps). */
    private static RepositoryAsset full() {
        return RepositoryAsset.newBuilder(asset("d", T, 1))
                .setSlug("geordi").setFullName("acme/geordi").setDefaultBranch("main")
                .setCloneUrls(List.of(new CloneUrl("https", "https://x/geordi.git"), new CloneUrl("ssh", "git@x")))
                .setCreatedAt(T.minusSeconds(86_400)).setUpdatedAt(T.minusSeconds(3_600))
                .setLanguages(List.of(new AssetLanguage("Go", "go", LanguageSource.BITBUCKET, true)))
                .setAppContext(AppContext.newBuilder().setOwner("team-a").setFilePath("catalog-info.yaml").build())
                .setLastCommitAt(T.minusSeconds(60)).setFreshness(Freshness.ACTIVE)
                .setDevelopers(List.of(Developer.newBuilder().setEmail("ann@acme.com").setDiscoveredBy("p")
                        .setCommitCount(2).setLastCommitAt(T.minusSeconds(60)).build()))
                .setLabels(List.of(new AssetLabel("Go", "system"), new AssetLabel("Active", "system")))
                .build();
    }

    @Test
    void sameAgreesWithComparingTheBytesForEveryKindOfDifference() {
        Instant micros = T.minusSeconds(3_600).plusNanos(123_456_000); // Cloud's precision; written as millis
        List<RepositoryAsset> variants = List.of(
                full(),
                full(),
                RepositoryAsset.newBuilder(full()).setLastSeen(T.plusSeconds(5)).setVersion(9).build(),
                RepositoryAsset.newBuilder(full()).setDescription(null).build(),
                RepositoryAsset.newBuilder(full()).setDescription("").build(),
                RepositoryAsset.newBuilder(full()).setUpdatedAt(micros).build(),
                RepositoryAsset.newBuilder(full()).setUpdatedAt(micros.truncatedTo(ChronoUnit.MILLIS)).build(),
                RepositoryAsset.newBuilder(full()).setUpdatedAt(null).build(),
                RepositoryAsset.newBuilder(full()).setCloneUrls(List.of(full().getCloneUrls().get(1),
                        full().getCloneUrls().get(0))).build(),
                RepositoryAsset.newBuilder(full()).setCloneUrls(List.of(full().getCloneUrls().get(0))).build(),
                RepositoryAsset.newBuilder(full()).setAppContext(null).build(),
                RepositoryAsset.newBuilder(full()).setAppContext(AppContext.newBuilder().setOwner("team-b")
                        .setFilePath("catalog-info.yaml").build()).build(),
                RepositoryAsset.newBuilder(full()).setFreshness(Freshness.INACTIVE).build(),
                RepositoryAsset.newBuilder(full()).setDevelopers(List.of(Developer.newBuilder(
                        full().getDevelopers().get(0)).setLastCommitAt(T.minusSeconds(61)).build())).build(),
                RepositoryAsset.newBuilder(full()).setArchived(true).build(),
                RepositoryAsset.newBuilder(full()).setLabels(List.of()).build());
        for (RepositoryAsset a : variants) {
            for (RepositoryAsset b : variants) {
                assertEquals(Arrays.equals(withoutLastSeen.of(a), withoutLastSeen.of(b)), withoutLastSeen.same(a, b),
                        () -> a + " vs " + b);
            }
        }
        // Not trivially one answer: microseconds are written as milliseconds, an empty text is not a missing one.
        assertTrue(withoutLastSeen.same(variants.get(5), variants.get(6)));
        assertFalse(withoutLastSeen.same(variants.get(3), variants.get(4)));
        assertTrue(withoutLastSeen.same(variants.get(0), variants.get(2)));
    }
}
