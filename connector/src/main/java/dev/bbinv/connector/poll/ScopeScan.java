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
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.mapping.ScanContext;
import dev.bbinv.connector.poll.ScanSummary.Outcome;
import dev.bbinv.connector.poll.ScopeKey.Entity;
import dev.bbinv.connector.publish.Batch;
import dev.bbinv.connector.publish.PublishException;
import dev.bbinv.connector.publish.TransactionalPublisher;
import dev.bbinv.schemas.avro.ConnectorCheckpoint;
import dev.bbinv.schemas.avro.ScopeProgress;

/**
 * One run of a scope's scan, started or resumed ({@link ScanStart}): the paging loop, one transaction per page, and
 * how the scan closes and ends. Per page {@link PageChanges} decides what changed and {@link ScanCheckpoints} builds
 * the records; at the end {@link ListingCheck} says whether the listing may remove and {@link UnseenRemovals} removes.
 */
final class ScopeScan {
    /** The scanner's logger: a scan's lines keep the logger name operators filter by. */
    private static final Logger LOG = LoggerFactory.getLogger(ScopeScanner.class);

    /** What every scan of one {@link ScopeScanner} shares. */
    record Shared(TransactionalPublisher publisher, ConnectorState state, Clock clock, double removalMaxShare,
            String owner, Duration progressInterval, PageChanges.Catalog catalog, CommitActivityReader commits,
            CatalogSearches searches, SeenInScans seenInScans) {}

    private final Shared shared;
    private final Profile profile;
    private final BitbucketClient client;
    private final ScopeKey key;
    private final long started = System.nanoTime();
    /** This run's start, the watermark cap of a resumed scan whose id does not carry its start. */
    private final Instant runStart;
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
    /** The entities of this scan's committed pages, in this process (earlier runs of the same scan included). */
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

    /** @param searchIndexLag how long a push may take to reach the code search index */
    ScopeScan(Shared shared, Profile profile, BitbucketClient client, ScopeKey key, boolean completeWanted,
            Duration searchIndexLag) {
        this.shared = shared;
        ConnectorState state = shared.state();
        Clock clock = shared.clock();
        this.runStart = clock.instant();
        this.profile = profile;
        this.client = client;
        this.key = key;
        this.requestsBefore = client.requestCount();
        this.catalogSettings = CatalogValidators.ofSettings(profile.catalog());
        ScanStart start = ScanStart.of(state.scope(key), key, completeWanted, profile.dialect().incrementalListing(),
                catalogSettings, runStart);
        this.scanId = start.scanId();
        this.complete = start.complete();
        this.watermark = start.watermark();
        this.cursor = start.cursor();
        this.pagesDone = start.pagesDone();
        if (start.resumed()) {
            LOG.info("Resuming scan {} of {} after page {}", scanId, key, pagesDone);
        }
        this.context = new ScanContext(profile.name(), profile.kind(), profile.baseUrlText(), key.scope(), scanId);
        this.fromStart = !start.resumed();
        SeenInScans.Seen seen = shared.seenInScans().begin(key, scanId);
        // A scan resumed by another process: which unchanged entities its earlier pages showed is not known here.
        this.seenUnknown = !fromStart && !seen.earlierRunsHere();
        this.seenInScan = seen.sourceIds();
        this.changes = new PageChanges(new PageChanges.Scan(profile, client, key, context, catalogSettings, listing),
                shared.catalog(), state, clock, start.pending(), seenInScan);
        this.commitReads = shared.commits().begin(client, key, context);
        if (complete && key.entity() == Entity.REPOSITORIES && profile.catalog().enabled()) {
            String unsupported = profile.dialect().catalogSearchUnsupported(profile.catalog().fileName());
            if (unsupported == null) {
                search = new CatalogSearchRun(profile, client, key, clock, shared.searches(), searchIndexLag);
                changes.discoverWith(search::discover);
            } else {
                shared.searches().probes(key, unsupported);
            }
        }
        this.checkpoints = new ScanCheckpoints(state, key, scanId, complete, watermark, profile.kind().name(),
                context.baseUrl(), shared.owner());
    }

    /** Runs the scan to its end or until it stops; never throws for Bitbucket or Kafka faults, its summary says. */
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
                commit(batch);
                // Only now: a page that failed (a 429 on a catalog read, a publish) is listed again by the next run
                // of this scan, whose duplicate check must not take its entities for ones already seen.
                seenInScan.addAll(seenHere);
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
            ListingFailures.Ended ended = ListingFailures.of(profile, key, e);
            return ended != null ? summary(ended.outcome(), ended.reason()) : pageFailed(e);
        } catch (BitbucketException e) {
            return pageFailed(e);
        } catch (PublishException e) {
            return summary(e.fatal() ? Outcome.STOPPED : Outcome.INCOMPLETE, "publishing failed: " + e.getMessage());
        } catch (ScanCancelledException e) {
            return summary(Outcome.CANCELLED, "connector closing");
        }
    }

    /** Commits the page's transaction, then applies its checkpoints to the state the next page reads. */
    private void commit(Batch batch) {
        shared.publisher().commit(batch);
        batch.checkpoints().forEach(c -> shared.state().apply(c.key(), (ConnectorCheckpoint) c.value()));
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
            commit(batch);
        } catch (PublishException p) {
            return summary(p.fatal() ? Outcome.STOPPED : Outcome.INCOMPLETE, "publishing failed: " + p.getMessage());
        }
        return summary(Outcome.COMPLETE_NO_REMOVALS, noRemovals);
    }

    /** Logs a progress line when {@code progress.interval.ms} has passed since the last one (or the start). */
    private void reportProgress(boolean more) {
        long now = System.nanoTime();
        if (!more || now - lastProgress < shared.progressInterval().toNanos()) {
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
        ConnectorState state = shared.state();
        SeenInScans.Sighted seen = new SeenInScans.Sighted(seenInScan, seenHere);
        noRemovals = seenUnknown ? "resumed after a restart: the entities its earlier pages showed are not"
                + " known here, so nothing is removed until the next complete scan"
                : listing.noRemovalsReason(SeenInScans.distinct(state, key, scanId, seen));
        ScopeProgress.Builder done = closed(noRemovals == null);
        if (complete && noRemovals == null) {
            Instant now = shared.clock().instant();
            UnseenRemovals.Result removed = UnseenRemovals.add(batch, context, key, state, seen,
                    shared.removalMaxShare(), now);
            removals += removed.removals();
            guardReason = removed.guardReason();
            done.setLastCompleteScanId(scanId).setLastCompleteScanAt(now);
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

    private ScanSummary summary(Outcome outcome, String reason) {
        return new ScanSummary(key, scanId, outcome, reason, pages, changes.entities(), changes.changes(), removals,
                changes.catalogFailures(),
                client.requestCount() - requestsBefore, Duration.ofNanos(System.nanoTime() - started));
    }
}
