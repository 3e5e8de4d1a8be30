package dev.bbinv.sim.estate;

import java.util.SplittableRandom;
import java.util.UUID;

/** Deterministic identifiers (UUIDs, hex hashes) from a seeded random source. */
final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Ids() {
    }

    static UUID uuid(SplittableRandom random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    static String braced(UUID uuid) {
        return "{" + uuid + "}";
    }

    static String hex(SplittableRandom random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = HEX[random.nextInt(16)];
        }
        return new String(out);
    }
}
