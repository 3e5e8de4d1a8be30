package dev.bbinv.connector.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.connector.bitbucket.BitbucketClient;
import dev.bbinv.connector.config.CommitSettings;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.dialect.Dialect;
import dev.bbinv.connector.poll.ScanSummary.Outcome;
import dev.bbinv.connector.poll.ScopeKey.Entity;
import dev.bbinv.connector.publish.PublishedCatalogFiles;
import dev.bbinv.connector.publish.TransactionalPublisher;
import dev.bbinv.schemas.avro.ScopeProgress;

/**
 * Scans one scope (a profile's repositories or users in one workspace/project), page by page: each page's changed
 * entities, catalog files and checkpoint are committed in one transaction; a complete scan ends by removing what it
 * did not see, unless the removal guard refuses. A scan that stops early resumes from its checkpoint next time.
 * Each scan runs as a {@link ScopeScan}; this class holds what the scans share and answers when a scope is due.
 */
public final class ScopeScanner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScopeScanner.class);

    /**
     * The publisher, checkpoints and clock of every scan; its catalog fetch threads, size cap, how often a Data Center
     * catalog file of an unchanged repository is asked again, and the catalog events already published (read back
     * when only a profile's attribute keys changed); the commit reader; each scope's catalog discovery and the
     * entities its scan under way has seen.
     */
    private final ScopeScan.Shared shared;
    /** How long a push may take to reach the code search index ({@code catalog.search.index.lag.ms}). */
    private Duration searchIndexLag = Duration.ofHours(1);

    public ScopeScanner(TransactionalPublisher publisher, ConnectorState state, Clock clock, double removalMaxShare,
            long catalogMaxBytes, String owner, Duration progressInterval, int catalogConcurrency,
            Duration catalogRefresh, PublishedCatalogFiles publishedCatalogFiles, CommitSettings commitSettings) {
        CommitActivityReader commits = new CommitActivityReader(publisher, state, clock, commitSettings);
        PageChanges.Catalog catalog = new PageChanges.Catalog(new CatalogFetcher(catalogConcurrency), catalogMaxBytes,
                catalogRefresh, publishedCatalogFiles);
        this.shared = new ScopeScan.Shared(publisher, state, clock, removalMaxShare, owner, progressInterval, catalog,
                commits, new CatalogSearches(), new SeenInScans());
    }

    /** Repositories pushed within {@code lag} before a search are asked for their file whatever the search said. */
    public ScopeScanner withCatalogSearchIndexLag(Duration lag) {
        this.searchIndexLag = lag;
        return this;
    }

    /** How the profile's catalog files were found by each scope's latest complete scan; null before any. */
    public String catalogDiscovery(String profile) {
        return shared.searches().describe(profile);
    }

    /** Stops the catalog fetch and commit read threads. */
    @Override
    public void close() {
        shared.catalog().fetcher().close();
        shared.commits().close();
    }

    /** Whether the scope is due a complete scan: never had one, the last is older than {@code interval}, or one is unfinished. */
    public boolean completeDue(ScopeKey key, Duration interval, Dialect dialect) {
        ScopeProgress progress = shared.state().scope(key);
        if (progress == null || progress.getLastCompleteScanAt() == null || progress.getWatermark() == null
                && key.entity() == Entity.REPOSITORIES && dialect.incrementalListing()) {
            return true;
        }
        if (key.entity() == Entity.REPOSITORIES && !dialect.incrementalListing()) {
            return true;
        }
        return !progress.getLastCompleteScanAt().plus(interval).isAfter(shared.clock().instant());
    }

    /** When {@code key} last finished a complete scan, from the checkpoints; null when it never did. */
    public Instant lastCompleteScanAt(ScopeKey key) {
        ScopeProgress progress = shared.state().scope(key);
        return progress == null ? null : progress.getLastCompleteScanAt();
    }

    /** Runs (or resumes) a scan of {@code key}; never throws for Bitbucket or Kafka faults, they are in the summary. */
    public ScanSummary scan(Profile profile, BitbucketClient client, ScopeKey key, boolean completeWanted) {
        ScanSummary summary = new ScopeScan(shared, profile, client, key, completeWanted, searchIndexLag).execute();
        // One WARN per scan whose listing disagreed with itself: its sightings are in, its removals are not.
        if (!summary.finished() && summary.outcome() != Outcome.CANCELLED
                || summary.outcome() == Outcome.COMPLETE_NO_REMOVALS) {
            LOG.warn("{}", summary.toLogLine());
        } else {
            LOG.info("{}", summary.toLogLine());
        }
        return summary;
    }
}
