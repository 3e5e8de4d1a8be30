package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SourceIdSetTest {

    @Test
    void addsContainsAndCountsAcrossGrowth() {
        SourceIdSet set = new SourceIdSet();
        Set<String> added = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            String id = "{" + UUID.nameUUIDFromBytes(("r" + i).getBytes()) + "}";
            assertTrue(set.add(id));
            added.add(id);
        }
        assertEquals(200_000, set.size());
        for (String id : added) {
            assertTrue(set.contains(id), id);
        }
        assertFalse(set.add(added.iterator().next()), "a second add is no add");
        assertEquals(200_000, set.size());
        for (int i = 0; i < 200_000; i++) {
            assertFalse(set.contains("{" + UUID.nameUUIDFromBytes(("other" + i).getBytes()) + "}"));
        }
    }

    @Test
    void similarIdsHashApart() {
        // DC ids are small numbers; they must not collide with each other.
        Set<Long> hashes = new HashSet<>();
        SourceIdSet seeded = new SourceIdSet(42L);
        for (int i = 0; i < 100_000; i++) {
            assertTrue(hashes.add(seeded.hash(Integer.toString(i))));
        }
        SourceIdSet set = new SourceIdSet();
        set.addAll(List.of("1", "2", "12"));
        assertTrue(set.contains("12"));
        assertFalse(set.contains("21"));
        assertEquals(3, set.size());
    }

    @Test
    void eachSetHashesWithItsOwnSeedSoACollisionDoesNotRepeatInTheNextScan() {
        // Were the seed applied after hashing (h ^ seed, h + seed), hashes under two seeds would differ by one
        // constant, and two ids colliding under one seed would collide under every seed: the same repository
        // hidden from every scan. The differences must vary.
        Set<Long> differences = new HashSet<>();
        SourceIdSet one = new SourceIdSet(1L);
        SourceIdSet two = new SourceIdSet(2L);
        for (int i = 0; i < 1_000; i++) {
            String id = Integer.toString(i);
            long a = one.hash(id);
            long b = two.hash(id);
            differences.add(a ^ b);
            differences.add(a - b);
        }
        assertTrue(differences.size() > 1_900, "hashes under two seeds are related: " + differences.size());
    }
}
