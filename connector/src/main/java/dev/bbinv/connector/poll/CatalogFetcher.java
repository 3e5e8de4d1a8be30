package dev.bbinv.connector.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.bbinv.connector.bitbucket.BitbucketApiException;
import dev.bbinv.connector.bitbucket.BitbucketException;
import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.bitbucket.ScanCancelledException;

/**
 * Fetches the catalog files of one page with at most {@code catalog.fetch.concurrency} requests in flight (shared by
 * every profile); results come back in the page's order so a batch is the same whatever finished first. Every request
 * still goes through the credential's budget. One failed file is a result; a 429 or a cancellation ends the page.
 */
final class CatalogFetcher implements AutoCloseable {
    /** A file, or why it could not be fetched after retries. */
    record Fetched(CatalogFile file, BitbucketException failure) {}

    private final int concurrency;
    private final ExecutorService pool;

    CatalogFetcher(int concurrency) {
        this.concurrency = concurrency;
        AtomicInteger count = new AtomicInteger();
        this.pool = concurrency <= 1 ? null : Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "bbinv-catalog-fetch-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    List<Fetched> fetchAll(List<Supplier<CatalogFile>> fetches) {
        List<Fetched> results = new ArrayList<>(fetches.size());
        if (pool == null || fetches.size() <= 1) {
            fetches.forEach(fetch -> results.add(fetchOne(fetch)));
            return results;
        }
        List<Future<Fetched>> futures = new ArrayList<>(fetches.size());
        fetches.forEach(fetch -> futures.add(pool.submit(() -> fetchOne(fetch))));
        try {
            for (Future<Fetched> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScanCancelledException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            futures.forEach(f -> f.cancel(true)); // a page that ends early sends no more requests
        }
    }

    private static Fetched fetchOne(Supplier<CatalogFile> fetch) {
        try {
            return new Fetched(fetch.get(), null);
        } catch (BitbucketApiException e) {
            if (e.status() == 429) {
                throw e; // the budget is spent: the scan stops as incomplete
            }
            return new Fetched(null, e);
        } catch (BitbucketException e) {
            return new Fetched(null, e);
        }
    }

    int concurrency() {
        return concurrency;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
