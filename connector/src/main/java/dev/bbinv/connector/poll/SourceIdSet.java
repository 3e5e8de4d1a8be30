package dev.bbinv.connector.poll;

/**
 * The source ids one scan has seen, as 64-bit hashes in an open-addressing table: 8 to 16 bytes an id instead of a
 * string and a map node (a million-repository scan holds a million). Two ids sharing a hash would make the second
 * look seen already (a duplicate: not published in that scan, and the scan removes nothing); at a million ids that
 * chance is about one in 30 million per scan. Each set hashes with a seed of its own, so two ids that share a hash in
 * one scan almost surely do not in the next: a fixed hash would hide the same repository from every scan. Thread-safe.
 */
final class SourceIdSet {
    private static final long EMPTY = 0;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    /** Where every hash of this set starts: the FNV offset and the scrambled seed, worked out once. */
    private final long start;
    private long[] slots = new long[64];
    private int size;
    /** Whether the id hashing to {@link #EMPTY} (which marks a free slot) is in. */
    private boolean hasZero;

    SourceIdSet() {
        this(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }

    SourceIdSet(long seed) {
        this.start = FNV_OFFSET ^ finalise(seed);
    }

    /** Adds the id; returns whether it was not in yet. */
    synchronized boolean add(String sourceId) {
        long h = hash(sourceId);
        if (h == EMPTY) {
            boolean added = !hasZero;
            hasZero = true;
            size += added ? 1 : 0;
            return added;
        }
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        if (!insert(slots, h)) {
            return false;
        }
        size++;
        return true;
    }

    synchronized void addAll(Iterable<String> sourceIds) {
        sourceIds.forEach(this::add);
    }

    synchronized boolean contains(String sourceId) {
        long h = hash(sourceId);
        if (h == EMPTY) {
            return hasZero;
        }
        int mask = slots.length - 1;
        for (int i = (int) (h ^ (h >>> 32)) & mask; slots[i] != EMPTY; i = (i + 1) & mask) {
            if (slots[i] == h) {
                return true;
            }
        }
        return false;
    }

    synchronized int size() {
        return size;
    }

    private static boolean insert(long[] table, long h) {
        int mask = table.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (table[i] != EMPTY) {
            if (table[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = h;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long h : slots) {
            if (h != EMPTY) {
                insert(bigger, h);
            }
        }
        slots = bigger;
    }

    /**
     * FNV-1a over the UTF-16 chars from a start drawn from the seed, then MurmurHash3's 64-bit finaliser to spread the
     * bits. The seed goes in first, scrambled (seeds 1 and 2 as starts differ in two bits, and most of that survives
     * short ids): mixed in after the loop, a collision under one seed would stay one under every seed.
     */
    long hash(String s) {
        long h = start;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return finalise(h);
    }

    private static long finalise(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe53f55cbL;
        h ^= h >>> 33;
        return h;
    }

    @Override
    public synchronized String toString() {
        return "SourceIdSet[" + size + " id(s)]";
    }
}
