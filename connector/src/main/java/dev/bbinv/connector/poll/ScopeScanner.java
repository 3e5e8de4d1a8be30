package dev.bbinv.connector.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.connector.bitbucket.ApiObject;
import dev.bbinv.connector.bitbucket.BitbucketApiException;
import dev.bbinv.connector.bitbucket.BitbucketClient;
import dev.bbinv.connector.bitbucket.BitbucketException;
import dev.bbinv.connector.bitbucket.Page;
import dev.bbinv.connector.bitbucket.ScanCancelledException;
import dev.bbinv.connector.config.CommitSettings;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.dialect.Dialect;
import dev.bbinv.connector.mapping.ScanContext;
import dev.bbinv.connector.poll.ScanSummary.Outcome;
import dev.bbinv.connector.poll.ScopeKey.Entity;
import dev.bbinv.connector.publish.Batch;
import dev.bbinv.connector.publish.PublishException;
import dev.bbinv.connector.publish.PublishedCatalogFiles;
import dev.bbinv.connector.publish.TransactionalPublisher;
import dev.bbinv.schemas.avro.ConnectorCheckpoint;
import dev.bbinv.schemas.avro.ScopeProgress;

/**
 * Scans one scope (a profile's repositories or users in one workspace/project), page by page: each page's changed
 * entities, catalog files and checkpoint are committed in one transaction; a complete scan ends by removing what it
 * did not see, unless the removal guard refuses. A scan that stops early resumes from its checkpoint next time.
 */
public final class ScopeScanner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScopeScanner.class);

    private final TransactionalPublisher publisher;
    private final ConnectorState state;
    private final Clock clock;
    private final double removalMaxShare;
    private final String owner;
    private final Duration progressInterval;
    /** Per scope, the scan under way and the entities it has seen so far in this process. */
    private final java.util.Map<ScopeKey, SeenInScan> seenInScans = new java.util.concurrent.ConcurrentHashMap<>();

    private record SeenInScan(String scanId, SourceIdSet sourceIds) {}
    /**
     * Catalog fetch threads, size cap, how often a Data Center catalog file of an unchanged repository is asked again,
     * and the catalog events already published (read back when only a profile's attribute keys changed).
     */
    private final PageChanges.Catalog catalog;
    /** Reads each listed repository's commit activity once the scope's listing is done. */
    private final CommitActivityReader commits;
    /** How each scope's catalog files were last found, and when its last search began. */
    private final CatalogSearches searches = new CatalogSearches();
    /** How long a push may take to reach the code search index ({@code catalog.search.index.lag.ms}). */
    private Duration searchIndexLag = Duration.ofHours(1);

    public ScopeScanner(TransactionalPublisher publisher, ConnectorState state, Clock clock, double removalMaxShare,
            long catalogMaxBytes, String owner, Duration progressInterval, int catalogConcurrency,
            Duration catalogRefresh, PublishedCatalogFiles publishedCatalogFiles, CommitSettings commitSettings) {
        this.commits = new CommitActivityReader(publisher, state, clock, commitSettings);
        this.catalog = new PageChanges.Catalog(new CatalogFetcher(catalogConcurrency), catalogMaxBytes, catalogRefresh,
                publishedCatalogFiles);
        this.owner = owner;
        this.progressInterval = progressInterval;
        this.publisher = publisher;
        this.state = state;
        this.clock = clock;
        this.removalMaxShare = removalMaxShare;
    }

    /** Repositories pushed within {@code lag} before a search are asked for their file whatever the search said. */
    public ScopeScanner withCatalogSearchIndexLag(Duration lag) {
        this.searchIndexLag = lag;
        return this;
    }

    /** How the profile's catalog files were found by each scope's latest complete scan; null before any. */
    public String catalogDiscovery(String profile) {
        return searches.describe(profile);
    }

    /** Stops the catalog fetch and commit read threads. */
    @Override
    public void close() {
        catalog.fetcher().close();
        commits.close();
    }

    /** Whether the scope is due a complete scan: never had one, the last is older than {@code interval}, or one is unfinished. */
    public boolean completeDue(ScopeKey key, Duration interval, Dialect dialect) {
        ScopeProgress progress = state.scope(key);
        if (progress == null || progress.getLastCompleteScanAt() == null || progress.getWatermark() == null
                && key.entity() == Entity.REPOSITORIES && dialect.incrementalListing()) {
            return true;
        }
        if (key.entity() == Entity.REPOSITORIES && !dialect.incrementalListing()) {
            return true;
        }
        return !progress.getLastCompleteScanAt().plus(interval).isAfter(clock.instant());
    }

    /** When {@code key} last finished a complete scan, from the checkpoints; null when it never did. */
    public Instant lastCompleteScanAt(ScopeKey key) {
        ScopeProgress progress = state.scope(key);
        return progress == null ? null : progress.getLastCompleteScanAt();
    }

    /** Runs (or resumes) a scan of {@code key}; never throws for Bitbucket or Kafka faults, they are in the summary. */
    public ScanSummary scan(Profile profile, BitbucketClient client, ScopeKey key, boolean completeWanted) {
        Run run = new Run(profile, client, key, completeWanted);
        ScanSummary summary = run.execute();
        // One WARN per scan whose listing disagreed with itself: its sightings are in, its removals are not.
        if (!summary.finished() && summary.outcome() != Outcome.CANCELLED
                || summary.outcome() == Outcome.COMPLETE_NO_REMOVALS) {
            LOG.warn("{}", summary.toLogLine());
        } else {
            LOG.info("{}", summary.toLogLine());
        }
        return summary;
    }

    /** Why a scope's listing answered 404, naming the workspace, the project or the instance whose users it lists. */
    static String notFoundReason(Profile profile, ScopeKey key) {
        return profile.dialect().notFoundReason(profile.baseUrlText(), key.entity(), key.scope());
    }

    /** Why a scope's listing answered 403, naming the scope and the permission its listing needs. */
    static String forbiddenReason(Profile profile, ScopeKey key, String message) {
        return ScopeWords.listing(profile, key) + " refused to this credential (403): it lacks "
                + profile.dialect().listingPermission(key.entity())
                + " there; " + message;
    }

    /** The state of one scan while it runs: the paging loop and what its outcome is. */
    private final class Run {
        private final Profile profile;
        private final BitbucketClient client;
        private final ScopeKey key;
        private final long started = System.nanoTime();
        /** This run's start, the watermark cap of a resumed scan whose id does not carry its start. */
        private final Instant runStart = clock.instant();
        private final long requestsBefore;
        /** The watermark this scan started from (an incremental scan lists what was updated since). */
        private final String watermark;
        private final String scanId;
        private final boolean complete;
        private final ScanContext context;
        /** The profile's catalog settings fingerprint, recorded with every repository this scan publishes. */
        private final String catalogSettings;
        /** Whether this run began the scan: only then did it see every repository under the current settings. */
        private final boolean fromStart;
        private final PageChanges changes;
        private final ScanCheckpoints checkpoints;
        private final CommitActivityReader.Pass commitReads;
        /** The entities this scan saw, in this process (earlier runs of the same scan included). */
        private final SourceIdSet seenInScan;
        /** Whether earlier pages of this scan were read by another process, so what they showed is not known. */
        private final boolean seenUnknown;
        private String cursor;
        /** This complete scan's code search for catalog files; null where it has none. */
        private CatalogSearchRun search;
        private int pagesDone;
        private int pages;
        private int removals;
        /** What the listing said about itself, which decides whether this scan may remove. */
        private final ListingCheck listing = new ListingCheck();
        /** Why this scan decided no removals and kept the watermark; null while it may remove. */
        private String noRemovals;
        /** Why a complete scan removed nothing although entities went unseen, for its summary line. */
        private String guardReason;
        private long lastProgress = System.nanoTime();
        /** The listing's total when Bitbucket says it (Cloud {@code size} of the first page fetched in this run). */
        private Long total;

        Run(Profile profile, BitbucketClient client, ScopeKey key, boolean completeWanted) {
            this.profile = profile;
            this.client = client;
            this.key = key;
            this.requestsBefore = client.requestCount();
            this.catalogSettings = CatalogValidators.ofSettings(profile.catalog());
            ScopeProgress progress = state.scope(key);
            this.watermark = progress == null ? null : progress.getWatermark();
            String pending = null;
            if (progress != null && progress.getScanInProgress() != null) {
                scanId = progress.getScanInProgress();
                complete = progress.getScanComplete();
                cursor = progress.getCursor();
                pagesDone = progress.getPagesDone();
                pending = progress.getPendingWatermark();
                LOG.info("Resuming scan {} of {} after page {}", scanId, key, pagesDone);
            } else {
                scanId = ScanIds.newId(clock.instant());
                // An incremental scan needs a watermark and a dialect that can filter by it.
                // Changed catalog settings must reach unchanged repositories too, which only a complete scan lists.
                complete = completeWanted || key.entity() != Entity.REPOSITORIES || watermark == null
                        || !profile.dialect().incrementalListing() || progress != null
                        && CatalogValidators.settingsChanged(progress.getCatalogSettings(), catalogSettings);
                cursor = null;
                pagesDone = 0;
            }
            this.context = new ScanContext(profile.name(), profile.kind(), profile.baseUrlText(), key.scope(), scanId);
            this.fromStart = cursor == null;
            SeenInScan prior = seenInScans.get(key);
            SourceIdSet seenBefore = prior != null && prior.scanId().equals(scanId) ? prior.sourceIds() : null;
            // A scan resumed by another process: which unchanged entities its earlier pages showed is not known here.
            this.seenUnknown = !fromStart && seenBefore == null;
            SeenInScan seen = new SeenInScan(scanId, seenBefore != null ? seenBefore : new SourceIdSet());
            seenInScans.put(key, seen);
            this.seenInScan = seen.sourceIds();
            this.changes = new PageChanges(new PageChanges.Scan(profile, client, key, context, catalogSettings, listing),
                    catalog, state, clock, pending, seenInScan);
            this.commitReads = commits.begin(client, key, context);
            if (complete && key.entity() == Entity.REPOSITORIES && profile.catalog().enabled()) {
                String unsupported = profile.dialect().catalogSearchUnsupported(profile.catalog().fileName());
                if (unsupported == null) {
                    search = new CatalogSearchRun(profile, client, key, clock, searches, searchIndexLag);
                    changes.discoverWith(search::discover);
                } else {
                    searches.probes(key, unsupported);
                }
            }
            this.checkpoints = new ScanCheckpoints(state, key, scanId, complete, watermark, profile.kind().name(),
                    context.baseUrl(), owner);
        }

        ScanSummary execute() {
            try {
                String since = complete ? null : watermark;
                do {
                    Page<ApiObject> page = key.entity() == Entity.REPOSITORIES
                            ? client.repositories(key.scope(), cursor, since)
                            : client.users(key.scope(), cursor);
                    listing.page(page);
                    Batch batch = new Batch();
                    Set<String> seenHere = changes.add(page, pagesDone + 1, batch);
                    commitReads.listed(page.values());
                    String next = page.nextCursor();
                    if (next == null) {
                        finish(batch, seenHere);
                    } else {
                        batch.checkpoint(key.checkpointKey(), checkpoints.scopeRecord(
                                checkpoints.inProgress(next, pagesDone + 1, changes.pending())));
                    }
                    publisher.commit(batch);
                    batch.checkpoints().forEach(e -> state.apply(e.key(), (ConnectorCheckpoint) e.value()));
                    cursor = next;
                    pagesDone++;
                    pages++;
                    if (total == null) {
                        total = page.total();
                    }
                    reportProgress(next != null);
                } while (cursor != null);
                // After the listing (and its removals) are committed: commit reads never hold up the inventory.
                commitReads.readDue();
                if (noRemovals != null) {
                    return summary(Outcome.COMPLETE_NO_REMOVALS, noRemovals);
                }
                return summary(complete ? Outcome.COMPLETE : Outcome.INCREMENTAL, guardReason);
            } catch (BitbucketApiException e) {
                if (e.status() == 401) {
                    return summary(Outcome.AUTH_FAILED, e.getMessage());
                }
                if (e.status() == 403) {
                    // A permission missing on one workspace/project fails that scope; the profile's others go on.
                    return summary(Outcome.FORBIDDEN, forbiddenReason(profile, key, e.getMessage()));
                }
                if (e.status() == 404) {
                    // Catalog file 404s never get here (they are ABSENT events): this is the scope's own listing.
                    return summary(Outcome.NOT_FOUND, notFoundReason(profile, key));
                }
                if (e.status() == 429) {
                    return summary(Outcome.INCOMPLETE, "rate-limited: " + e.getMessage());
                }
                return pageFailed(e);
            } catch (BitbucketException e) {
                return pageFailed(e);
            } catch (PublishException e) {
                return summary(e.fatal() ? Outcome.STOPPED : Outcome.INCOMPLETE, "publishing failed: " + e.getMessage());
            } catch (ScanCancelledException e) {
                return summary(Outcome.CANCELLED, "connector closing");
            }
        }
        /**
         * A page failed after retries (5xx, unreachable, unreadable answer). Before any page: the listing is
         * unavailable. After some: the scan ends with what it saw, without removals and without moving the watermark,
         * so the next round scans the scope again from its start.
         */
        private ScanSummary pageFailed(BitbucketException e) {
            if (pagesDone == 0) {
                return summary(Outcome.UNAVAILABLE, e.getMessage());
            }
            noRemovals = "page " + (pagesDone + 1) + " failed: " + e.getMessage();
            Batch batch = new Batch();
            batch.checkpoint(key.checkpointKey(), checkpoints.scopeRecord(closed(false).build()));
            try {
                publisher.commit(batch);
            } catch (PublishException p) {
                return summary(p.fatal() ? Outcome.STOPPED : Outcome.INCOMPLETE, "publishing failed: " + p.getMessage());
            }
            batch.checkpoints().forEach(c -> state.apply(c.key(), (ConnectorCheckpoint) c.value()));
            return summary(Outcome.COMPLETE_NO_REMOVALS, noRemovals);
        }

        /** Logs a progress line when {@code progress.interval.ms} has passed since the last one (or the start). */
        private void reportProgress(boolean more) {
            long now = System.nanoTime();
            if (!more || now - lastProgress < progressInterval.toNanos()) {
                return;
            }
            lastProgress = now;
            LOG.info("{}", ScanProgress.line(key, pagesDone, changes.entities(), Duration.ofNanos(now - started),
                    client.requestsLeft(), total));
        }

        /**
         * Closes the scan in the last page's transaction: removals (complete scans) and the new watermark, or, when
         * the listing disagreed with itself, neither (the next round scans the scope completely again).
         */
        private void finish(Batch batch, Set<String> seenHere) {
            noRemovals = seenUnknown ? "resumed after a restart: the entities its earlier pages showed are not"
                    + " known here, so nothing is removed until the next complete scan"
                    : listing.noRemovalsReason(distinctSeen(seenHere));
            ScopeProgress.Builder done = closed(noRemovals == null);
            if (complete && noRemovals == null) {
                UnseenRemovals.Result removed = UnseenRemovals.add(batch, context, key, state, seenInScan,
                        removalMaxShare, clock.instant());
                removals += removed.removals();
                guardReason = removed.guardReason();
                done.setLastCompleteScanId(scanId).setLastCompleteScanAt(clock.instant());
            }
            if (search != null && fromStart) {
                search.scanCompleted();
            }
            if (changes.knownAbsent() > 0) {
                LOG.info("{}: {} catalog file(s) known absent from the code search, not asked", key,
                        changes.knownAbsent());
            }
            batch.checkpoint(key.checkpointKey(), checkpoints.scopeRecord(done.build()));
        }

        /** The scope's checkpoint with no scan in progress; the watermark moves only after a {@code trusted} listing. */
        private ScopeProgress.Builder closed(boolean trusted) {
            boolean allUnderSettings = trusted && complete && fromStart && changes.catalogFailures() == 0
                    && key.entity() == Entity.REPOSITORIES;
            return checkpoints.closed(trusted, changes.pending(), runStart, allUnderSettings ? catalogSettings : null);
        }

        /**
         * Entities this scan saw, on earlier pages (their checkpoints carry its id, earlier runs too) and this one:
         * the ids seen in this process (this page's are in already), and those only checkpoints know of.
         */
        private long distinctSeen(Set<String> seenHere) {
            long[] seen = {seenInScan.size()};
            for (String id : seenHere) {
                if (!seenInScan.contains(id)) {
                    seen[0]++;
                }
            }
            state.forEachEntity(key, entity -> {
                if (scanId.equals(entity.getLastSeenScanId()) && !seenInScan.contains(entity.getSourceId())
                        && !seenHere.contains(entity.getSourceId())) {
                    seen[0]++;
                }
            });
            return seen[0];
        }

        private ScanSummary summary(Outcome outcome, String reason) {
            return new ScanSummary(key, scanId, outcome, reason, pages, changes.entities(), changes.changes(), removals,
                    changes.catalogFailures(),
                    client.requestCount() - requestsBefore, Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
