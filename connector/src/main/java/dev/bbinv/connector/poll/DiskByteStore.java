package dev.bbinv.connector.poll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * A {@link ByteStore} in RocksDB on disk (UTF-8 keys): the heap holds nothing per key. What it holds is rebuilt at each
 * start (from the checkpoint topic, or by the next scan), so it lives in a fresh directory that {@link #close()}
 * deletes, and nothing is synced to disk.
 */
final class DiskByteStore implements ByteStore {
    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final Options options;
    private final LRUCache cache;
    private final WriteOptions writes;
    private final RocksDB db;
    /** Readers and writers share; close takes it alone, so no thread touches the native store once it is freed. */
    private final ReentrantReadWriteLock open = new ReentrantReadWriteLock();
    private boolean closed;

    private DiskByteStore(Path dir, Options options, LRUCache cache, WriteOptions writes, RocksDB db) {
        this.dir = dir;
        this.options = options;
        this.cache = cache;
        this.writes = writes;
        this.db = db;
    }

    /** Opens a new store in a fresh directory under {@code parent}. */
    static DiskByteStore open(Path parent) {
        Path dir;
        try {
            Files.createDirectories(parent);
            dir = Files.createTempDirectory(parent, "connector-state-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the connector's state directory under " + parent, e);
        }
        LRUCache cache = new LRUCache(32L * 1024 * 1024);
        Options options = new Options().setCreateIfMissing(true)
                .setWriteBufferSize(16L * 1024 * 1024)
                .setMaxWriteBufferNumber(2)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache));
        WriteOptions writes = new WriteOptions().setDisableWAL(true).setSync(false);
        try {
            return new DiskByteStore(dir, options, cache, writes, RocksDB.open(options, dir.toString()));
        } catch (RocksDBException e) {
            options.close();
            writes.close();
            cache.close();
            throw new IllegalStateException("cannot open the connector's state store in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean put(String key, byte[] value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return whileOpen(() -> {
            try {
                boolean added = db.get(k) == null;
                db.put(writes, k, value);
                return added;
            } catch (RocksDBException e) {
                throw failed("write", e);
            }
        });
    }

    @Override
    public synchronized boolean remove(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return whileOpen(() -> {
            try {
                if (db.get(k) == null) {
                    return false;
                }
                db.delete(writes, k);
                return true;
            } catch (RocksDBException e) {
                throw failed("delete", e);
            }
        });
    }

    @Override
    public byte[] get(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return whileOpen(() -> {
            try {
                return db.get(k);
            } catch (RocksDBException e) {
                throw failed("read", e);
            }
        });
    }

    @Override
    public void forEach(String prefix, BiConsumer<String, byte[]> action) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        whileOpen(() -> {
            try (RocksIterator it = db.newIterator()) {
                for (it.seek(p); it.isValid() && startsWith(it.key(), p); it.next()) {
                    action.accept(new String(it.key(), StandardCharsets.UTF_8), it.value());
                }
            }
            return null;
        });
    }

    @Override
    public java.util.List<java.util.Map.Entry<String, byte[]>> page(String prefix, String after, int limit) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] a = after == null ? null : after.getBytes(StandardCharsets.UTF_8);
        return whileOpen(() -> {
            java.util.List<java.util.Map.Entry<String, byte[]>> page = new java.util.ArrayList<>();
            try (RocksIterator it = db.newIterator()) {
                it.seek(a != null ? a : p);
                if (a != null && it.isValid() && java.util.Arrays.equals(it.key(), a)) {
                    it.next();
                }
                for (; it.isValid() && startsWith(it.key(), p) && page.size() < limit; it.next()) {
                    page.add(java.util.Map.entry(new String(it.key(), StandardCharsets.UTF_8), it.value()));
                }
            }
            return page;
        });
    }

    @Override
    public void close() {
        open.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            open.writeLock().unlock();
        }
        db.close();
        writes.close();
        options.close();
        cache.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover cache directory is harmless; the next start makes a new one
        }
    }

    private <T> T whileOpen(Supplier<T> action) {
        open.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the connector's state store is closed");
            }
            return action.get();
        } finally {
            open.readLock().unlock();
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private IllegalStateException failed(String what, RocksDBException e) {
        return new IllegalStateException("the connector's state store in " + dir + " failed to " + what + ": "
                + e.getMessage(), e);
    }
}
