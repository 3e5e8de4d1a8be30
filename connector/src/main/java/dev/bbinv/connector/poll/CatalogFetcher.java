package dev.bbinv.connector.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import dev.bbinv.connector.bitbucket.BitbucketApiException;
import dev.bbinv.connector.bitbucket.BitbucketException;
import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.bitbucket.ScanCancelledException;

/**
 * Fetches the catalog files of one page with at most {@code catalog.fetch.concurrency} requests in flight per
 * profile; results come back in the page's order so a batch is the same whatever finished first. Every request still
 * goes through the credential's budget. Each profile has a pool of its own: a profile whose credential waits (budget
 * spent, a long Retry-After) holds only its own threads, never another profile's reads. One failed file is a result;
 * a 429 or a cancellation ends the page.
 */
final class CatalogFetcher implements AutoCloseable {
    /** A file, or why it could not be fetched after retries. */
    record Fetched(CatalogFile file, BitbucketException failure) {}

    private final int concurrency;
    private final ProfilePools pools;
    private volatile boolean closed;

    CatalogFetcher(int concurrency) {
        this.concurrency = concurrency;
        this.pools = new ProfilePools("catalog-fetch", concurrency);
    }

    /** Fetches one page's files for {@code profile}, in its own pool. */
    List<Fetched> fetchAll(String profile, List<Supplier<CatalogFile>> fetches) {
        List<Fetched> results = new ArrayList<>(fetches.size());
        if (concurrency <= 1 || fetches.size() <= 1) {
            fetches.forEach(fetch -> results.add(fetchOne(fetch)));
            return results;
        }
        if (closed) {
            throw new ScanCancelledException(new InterruptedException("connector closed"));
        }
        ExecutorService pool = pools.of(profile);
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
        closed = true;
        pools.shutdownNow();
    }
}
