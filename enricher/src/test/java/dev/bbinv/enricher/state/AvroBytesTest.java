package dev.bbinv.enricher.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.AssetSource;
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
}
