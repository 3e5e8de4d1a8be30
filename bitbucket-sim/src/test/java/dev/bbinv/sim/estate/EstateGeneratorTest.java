package dev.bbinv.sim.estate;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EstateGeneratorTest {
    private static final EstateSpec SPEC = EstateSpec.builder().cloudWorkspaces(3).cloudRepos(1000)
            .serverProjects(4).serverRepos(1000).serverUsers(20).serverPersonalProjects(3).build();

    @Test
    void theSameSeedGivesTheSameEstate() {
        // Commit dates (and so Cloud updated_on) are drawn as ages before the clock's now: the same clock, the same estate.
        Clock clock = Clock.fixed(java.time.Instant.parse("2026-12-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        Estate a = EstateGenerator.generate(SPEC, clock);
        Estate b = EstateGenerator.generate(SPEC, clock);
        assertEquals(a.cloud().allRepositories(), b.cloud().allRepositories());
        assertEquals(a.server().allRepositories().all().length, b.server().allRepositories().all().length);
        assertEquals(List.of(a.server().allRepositories().all()), List.of(b.server().allRepositories().all()));
        Estate other = EstateGenerator.generate(SPEC.toBuilder().seed(7).build(), Clock.systemUTC());
        assertNotEquals(a.cloud().allRepositories().get(0).uuid(), other.cloud().allRepositories().get(0).uuid());
    }

    @Test
    void spreadsTotalsAndKeepsSlugsAndIdsUnique() {
        Estate e = EstateGenerator.generate(SPEC, Clock.systemUTC());
        assertEquals(1000, e.cloud().size());
        assertEquals(List.of(333, 333, 334), e.cloud().workspaces().stream().map(w -> w.snapshot().size()).toList());
        for (CloudWorkspace w : e.cloud().workspaces()) {
            Set<String> slugs = new HashSet<>();
            w.snapshot().inCreationOrder().forEach(r -> assertTrue(slugs.add(r.slug()), r.slug()));
        }
        assertEquals(1000 + 3, e.server().size(), "3 personal projects with one repository each");
        assertEquals(4 + 3, e.server().projects().size());
        Set<Integer> ids = new HashSet<>();
        for (ServerRepo r : e.server().allRepositories().all()) {
            assertTrue(ids.add(r.id()));
        }
    }

    @Test
    void sharesProduceEveryKindOfCatalogFileAndArchivedRepositories() {
        Estate e = EstateGenerator.generate(SPEC, Clock.systemUTC());
        long withCatalog = e.cloud().allRepositories().stream().filter(r -> !r.files().isEmpty()).count();
        assertTrue(withCatalog > 350 && withCatalog < 650, "about half: " + withCatalog);
        Set<String> shapes = new HashSet<>();
        e.cloud().allRepositories().forEach(r -> {
            String text = r.files().get("catalog-info.yaml");
            if (text != null) {
                shapes.add(text.contains("---") ? "multi" : text.contains("[unclosed") ? "invalid"
                        : text.contains("owner:") ? "valid" : "missing-fields");
            }
        });
        assertEquals(Set.of("multi", "invalid", "valid", "missing-fields"), shapes);
        long archived = e.server().allRepositories().archived().length;
        assertTrue(archived > 50 && archived < 150, "about 10%: " + archived);
    }

    @Test
    void aMutationIsNewerThanEveryRepositoryEvenUnderAnEarlyFixedClock() {
        Clock early = Clock.fixed(java.time.Instant.parse("2020-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        Estate e = EstateGenerator.generate(SPEC, early);
        java.time.Instant newest = e.cloud().allRepositories().stream().map(CloudRepo::updatedOn)
                .max(java.time.Instant::compareTo).orElseThrow();
        CloudRepo first = e.cloud().touch(e.cloud().repositories("acme").get(0).uuid());
        CloudRepo second = e.cloud().touch(e.cloud().repositories("acme").get(1).uuid());
        assertTrue(first.updatedOn().isAfter(newest));
        assertTrue(second.updatedOn().isAfter(first.updatedOn()));
    }

    @Test
    void rejectsInconsistentSpecsNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EstateSpec.builder().cloudRepos(-1).build());
        assertTrue(e.getMessage().contains("cloudRepos"));
        assertThrows(IllegalArgumentException.class, () -> EstateSpec.builder().catalogShare(1.5).build());
        assertThrows(IllegalArgumentException.class,
                () -> EstateSpec.builder().serverUsers(1).serverPersonalProjects(2).build());
    }
}
