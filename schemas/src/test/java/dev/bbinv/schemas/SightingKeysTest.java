package dev.bbinv.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class SightingKeysTest {
    private static final String ASSET = "server:https://bitbucket.acme.com:42";

    @Test
    void keysNameOneSightingAndReadable() {
        assertEquals("sighting|seen|acme-dc|PLAT|" + ASSET, SightingKeys.seen("acme-dc", "PLAT", ASSET));
        assertEquals("sighting|removed|acme-dc|PLAT|" + ASSET, SightingKeys.removed("acme-dc", "PLAT", ASSET));
        assertEquals("sighting|first|acme-dc|PLAT|" + ASSET + "|scan-1", SightingKeys.first("acme-dc", "PLAT", ASSET, "scan-1"));
    }

    @Test
    void differentProfilesScopesAndKindsOfOneAssetHaveDifferentKeys() {
        String a = SightingKeys.seen("p1", "ws", ASSET);
        assertNotEquals(a, SightingKeys.seen("p2", "ws", ASSET));
        assertNotEquals(a, SightingKeys.seen("p1", "ws2", ASSET));
        assertNotEquals(a, SightingKeys.removed("p1", "ws", ASSET));
    }

    @Test
    void partsWithSeparatorsAndPercentSignsRoundTrip() {
        String key = SightingKeys.first("odd|name%7C", "~USER|x", ASSET, "s|1");
        SightingKeys.Key parsed = SightingKeys.parse(key);
        assertEquals(new SightingKeys.Key(SightingKeys.Kind.FIRST, "odd|name%7C", "~USER|x", ASSET, "s|1"), parsed);
        assertEquals(ASSET, SightingKeys.assetId(key));
    }

    @Test
    void aVersionOneKeyIsTheAssetIdItself() {
        assertFalse(SightingKeys.isSightingKey("cloud:470c176d"));
        assertEquals("cloud:470c176d", SightingKeys.assetId("cloud:470c176d"));
        assertTrue(SightingKeys.isSightingKey(SightingKeys.seen("p", "s", "cloud:470c176d")));
    }

    @Test
    void malformedSightingKeysAreRefusedWithTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SightingKeys.parse("sighting|seen|p|cloud:x"));
        assertTrue(e.getMessage().contains("'sighting|seen|p|cloud:x'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SightingKeys.parse("sighting|gone|p|s|cloud:x"));
        assertThrows(IllegalArgumentException.class, () -> SightingKeys.parse("sighting|seen|p|s|"));
    }

    @Test
    void thePartitionIsTheDefaultPartitionersChoiceForTheAssetIdKey() {
        for (int i = 0; i < 200; i++) {
            byte[] key = ("cloud:asset-" + i).getBytes(StandardCharsets.UTF_8);
            for (int partitions : new int[] {1, 3, 7}) {
                assertEquals(BuiltInPartitioner.partitionForKey(key, partitions), SightingKeys.partition(key, partitions));
            }
        }
    }
}
