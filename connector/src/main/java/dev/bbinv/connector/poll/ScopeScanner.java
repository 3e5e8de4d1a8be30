package dev.bbinv.connector.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.connector.bitbucket.ApiObject;
import dev.bbinv.connector.bitbucket.BitbucketApiException;
import dev.bbinv.connector.bitbucket.BitbucketClient;
import dev.bbinv.connector.bitbucket.BitbucketException;
import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.bitbucket.Page;
import dev.bbinv.connector.bitbucket.ScanCancelledException;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.dialect.Dialect;
import dev.bbinv.connector.mapping.RawEvents;
import dev.bbinv.connector.mapping.ScanContext;
import dev.bbinv.connector.poll.ScanSummary.Outcome;
import dev.bbinv.connector.poll.ScopeKey.Entity;
import dev.bbinv.connector.publish.Batch;
import dev.bbinv.connector.publish.PublishException;
import dev.bbinv.connector.publish.PublishedCatalogFiles;
import dev.bbinv.connector.publish.TransactionalPublisher;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.CheckpointKind;
import dev.bbinv.schemas.avro.ConnectorCheckpoint;
import dev.bbinv.schemas.avro.EntityProgress;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.avro.ScopeProgress;

/**
 * Scans one scope (a profile's repositories or users in one workspace/project), page by page: each page's changed
 * entities, catalog files and checkpoint are committed in one transaction; a complete scan ends by removing what it
 * did not see, unless the removal guard refuses. A scan that stops early resumes from its checkpoint next time.
 */
public final class ScopeScanner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScopeScanner.class);
    /** lastSeenScanId prefix of an entity a complete scan did not see; a second such scan removes it. */
    static final String MISSED = "missed:";

    private final TransactionalPublisher publisher;
    private final ConnectorState state;
    private final Clock clock;
    private final double removalMaxShare;
    private final long catalogMaxBytes;
    /** How often a Data Center catalog file of an unchanged repository is asked again. */
    private final Duration catalogRefresh;
    private final String owner;
    private final Duration progressInterval;
    private final CatalogFetcher catalogFetcher;
    /** The catalog events already published, read back when only a profile's attribute keys changed. */
    private final PublishedCatalogFiles publishedCatalogFiles;

    public ScopeScanner(TransactionalPublisher publisher, ConnectorState state, Clock clock, double removalMaxShare,
            long catalogMaxBytes, String owner, Duration progressInterval, int catalogConcurrency,
            Duration catalogRefresh, PublishedCatalogFiles publishedCatalogFiles) {
        this.publishedCatalogFiles = publishedCatalogFiles;
        this.catalogRefresh = catalogRefresh;
        this.catalogFetcher = new CatalogFetcher(catalogConcurrency);
        this.owner = owner;
        this.progressInterval = progressInterval;
        this.publisher = publisher;
        this.state = state;
        this.clock = clock;
        this.removalMaxShare = removalMaxShare;
        this.catalogMaxBytes = catalogMaxBytes;
    }

    /** Stops the catalog fetch threads. */
    @Override
    public void close() {
        catalogFetcher.close();
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

    /** One entity of a page as read, before its events are added. */
    private record Seen(ApiObject object, String sourceId, String fingerprint, String updatedOn, String validator,
            boolean changed, boolean fetched, String knownSettings, boolean settingsChanged,
            RawCatalogFileEvent remapFrom) {}

    /** Whether a complete scan already missed this entity and no scan has seen it since. */
    static boolean isMissed(EntityProgress entity) {
        return entity != null && entity.getLastSeenScanId() != null && entity.getLastSeenScanId().startsWith(MISSED);
    }

    /** The state of one scan while it runs. */
    private final class Run {
        private final Profile profile;
        private final BitbucketClient client;
        private final ScopeKey key;
        private final Dialect dialect;
        private final long started = System.nanoTime();
        /** This run's start, the watermark cap of a resumed scan whose id does not carry its start. */
        private final Instant runStart = clock.instant();
        private final long requestsBefore;
        private final String watermark;
        private final String scanId;
        private final boolean complete;
        private final ScanContext context;
        /** The profile's catalog settings fingerprint, recorded with every repository this scan publishes. */
        private final String catalogSettings;
        /** This profile's and scope's catalog events as published, read once when first needed. */
        private Map<String, RawCatalogFileEvent> published;
        /** Whether this run began the scan: only then did it see every repository under the current settings. */
        private final boolean fromStart;
        private String cursor;
        private int pagesDone;
        private String pending;
        private int pages;
        private int entities;
        private int changes;
        private int removals;
        /** What the listing said about itself, which decides whether this scan may remove. */
        private final ListingCheck listing = new ListingCheck();
        /** Why this scan decided no removals and kept the watermark; null while it may remove. */
        private String noRemovals;
        /** Catalog files that could not be fetched this run (kept for the next scan, not counted as absent). */
        private int catalogFailures;
        /** Why a complete scan removed nothing although entities went unseen, for its summary line. */
        private String guardReason;
        private long lastProgress = System.nanoTime();
        /** The listing's total when Bitbucket says it (Cloud {@code size} of the first page fetched in this run). */
        private Long total;

        Run(Profile profile, BitbucketClient client, ScopeKey key, boolean completeWanted) {
            this.profile = profile;
            this.client = client;
            this.key = key;
            this.dialect = profile.dialect();
            this.requestsBefore = client.requestCount();
            this.catalogSettings = CatalogValidators.ofSettings(profile.catalog());
            ScopeProgress progress = state.scope(key);
            this.watermark = progress == null ? null : progress.getWatermark();
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
                        || !dialect.incrementalListing() || progress != null
                        && CatalogValidators.settingsChanged(progress.getCatalogSettings(), catalogSettings);
                cursor = null;
                pagesDone = 0;
            }
            this.context = new ScanContext(profile.name(), profile.kind(), profile.baseUrlText(), key.scope(), scanId);
            this.fromStart = cursor == null;
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
                    Set<String> seenHere = pageEvents(page, batch);
                    String next = page.nextCursor();
                    if (next == null) {
                        finish(batch, seenHere);
                    } else {
                        batch.checkpoint(key.checkpointKey(), scopeRecord(progress(next, pagesDone + 1)));
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
            batch.checkpoint(key.checkpointKey(), scopeRecord(closed(false).build()));
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
            LOG.info("{}", ScanProgress.line(key, pagesDone, entities, Duration.ofNanos(now - started),
                    client.requestsLeft(), total));
        }

        /** Adds the page's changed entities, catalog files and entity checkpoints; returns the source ids seen. */
        private Set<String> pageEvents(Page<ApiObject> page, Batch batch) {
            Instant now = clock.instant();
            Set<String> seenHere = new HashSet<>();
            List<Seen> seen = new ArrayList<>();
            List<Supplier<CatalogFile>> fetches = new ArrayList<>();
            for (ApiObject object : page.values()) {
                String sourceId;
                try {
                    sourceId = dialect.sourceId(object);
                } catch (IllegalArgumentException e) {
                    listing.skipped();
                    LOG.warn("{}: skipped an object on page {}: {}", key, pagesDone + 1, e.getMessage());
                    continue;
                }
                EntityProgress known = state.entity(key, sourceId);
                if (!seenHere.add(sourceId) || known != null && scanId.equals(known.getLastSeenScanId())) {
                    listing.duplicate();
                    continue;
                }
                entities++;
                String fingerprint = RawEvents.fingerprint(object.json());
                String updatedOn = RawEvents.updatedOn(object);
                pending = Watermarks.later(pending, updatedOn);
                String validator = known == null ? null : known.getCatalogValidator();
                boolean changed = known == null || !fingerprint.equals(known.getFingerprint());
                // Catalog settings changed since this repository's event was published: fetch whatever the
                // validators say, and publish whatever the result (a disabled catalog needs no request, see below).
                boolean settingsChanged = key.entity() == Entity.REPOSITORIES && known != null
                        && CatalogValidators.settingsChanged(known.getCatalogSettings(), catalogSettings);
                boolean eligible = key.entity() == Entity.REPOSITORIES && profile.catalog().enabled()
                        && !dialect.isArchived(object);
                // When to ask again is the dialect's: Cloud when updated_on moved, DC when the JSON changed or
                // catalog.refresh.interval.ms passed.
                boolean due = dialect.catalogDue(updatedOn, validator, changed, now, catalogRefresh);
                // Only the attribute keys changed and the file is not due: publish the last event again with the
                // new keys (the enricher applies them), no request; fetch only when it cannot be found.
                RawCatalogFileEvent remapFrom = eligible && settingsChanged && !due
                        && CatalogValidators.sameFile(known.getCatalogSettings(), catalogSettings)
                        ? publishedFile(sourceId) : null;
                boolean fetch = eligible && (due || settingsChanged && remapFrom == null);
                if (fetch) {
                    fetches.add(() -> client.catalogFile(object, profile.catalog().fileName(), catalogMaxBytes));
                }
                seen.add(new Seen(object, sourceId, fingerprint, updatedOn, validator, changed, fetch,
                        known == null ? null : known.getCatalogSettings(), settingsChanged, remapFrom));
            }
            Iterator<CatalogFetcher.Fetched> files = catalogFetcher.fetchAll(fetches).iterator();
            for (Seen entity : seen) {
                String assetId = dialect.assetId(context.baseUrl(), entity.sourceId());
                if (entity.changed()) {
                    changes++;
                    if (key.entity() == Entity.REPOSITORIES) {
                        batch.event(Topics.RAW_REPOSITORIES, assetId,
                                RawEvents.repository(context, entity.object(), now, page.etag()));
                    } else {
                        batch.event(Topics.RAW_USERS, assetId,
                                RawEvents.user(context, entity.object(), now, page.etag()));
                    }
                }
                String validator = entity.validator();
                String settings = key.entity() == Entity.REPOSITORIES ? catalogSettings : null;
                if (entity.settingsChanged() && !profile.catalog().enabled()) {
                    // Catalog disabled: the enricher drops the app context on ABSENT; no request needed. The
                    // validator is forgotten so that enabling the catalog again fetches the file.
                    batch.event(Topics.RAW_CATALOG_FILES, assetId, RawEvents.catalogFile(context, entity.sourceId(),
                            profile.catalog().fileName(), CatalogFile.absent(null), profile.catalog().attributeKeys(),
                            now));
                    validator = null;
                }
                if (entity.remapFrom() != null) {
                    batch.event(Topics.RAW_CATALOG_FILES, assetId, RawEvents.withAttributeKeys(entity.remapFrom(),
                            context, profile.catalog().attributeKeys()));
                }
                if (entity.fetched()) {
                    CatalogFetcher.Fetched fetched = files.next();
                    if (fetched.failure() != null) {
                        // Not ABSENT (that would clear app context): the validator stays, so it is asked again;
                        // so do the old settings, so that a settings change is applied by a later scan.
                        catalogFailures++;
                        settings = entity.settingsChanged() ? entity.knownSettings() : settings;
                        LOG.warn("{}: catalog file of repository {} not fetched, will retry next scan: {}", key,
                                entity.sourceId(), fetched.failure().getMessage());
                    } else {
                        String result = dialect.catalogValidator(entity.updatedOn(), fetched.file(), now);
                        boolean same = dialect.sameCatalogResult(entity.updatedOn(), result, validator);
                        if (same && !entity.settingsChanged()) {
                            validator = result; // records when it was asked, so the refresh clock restarts
                        } else {
                            batch.event(Topics.RAW_CATALOG_FILES, assetId, RawEvents.catalogFile(context,
                                    entity.sourceId(), profile.catalog().fileName(), fetched.file(),
                                    profile.catalog().attributeKeys(), now));
                            validator = result;
                        }
                    }
                }
                batch.checkpoint(key.entityKey(entity.sourceId()), entityRecord(new EntityProgress(entity.sourceId(),
                        entity.updatedOn(), scanId, validator, entity.fingerprint(), settings)));
            }
            return seenHere;
        }

        /** The catalog event last published for a repository with this profile's file, or null. */
        private RawCatalogFileEvent publishedFile(String sourceId) {
            if (published == null) {
                try {
                    published = publishedCatalogFiles.latest(profile.name(), key.scope());
                    LOG.info("{}: catalog attribute keys changed; read back {} published catalog event(s)", key,
                            published.size());
                } catch (RuntimeException e) {
                    LOG.warn("{}: could not read back the published catalog events, fetching the files instead: {}",
                            key, e.toString());
                    published = Map.of();
                }
            }
            RawCatalogFileEvent event = published.get(dialect.assetId(context.baseUrl(), sourceId));
            return event != null && profile.catalog().fileName().equals(event.getPath()) ? event : null;
        }


        /**
         * Closes the scan in the last page's transaction: removals (complete scans) and the new watermark, or, when
         * the listing disagreed with itself, neither (the next round scans the scope completely again).
         */
        private void finish(Batch batch, Set<String> seenHere) {
            noRemovals = listing.noRemovalsReason(distinctSeen(seenHere));
            ScopeProgress.Builder done = closed(noRemovals == null);
            if (complete && noRemovals == null) {
                UnseenRemovals.Result removed = UnseenRemovals.add(batch, context, key, state.entities(key), seenHere,
                        removalMaxShare, clock.instant());
                removals += removed.removals();
                guardReason = removed.guardReason();
                done.setLastCompleteScanId(scanId).setLastCompleteScanAt(clock.instant());
            }
            batch.checkpoint(key.checkpointKey(), scopeRecord(done.build()));
        }

        /** The scope's checkpoint with no scan in progress; the watermark moves only after a {@code trusted} listing. */
        private ScopeProgress.Builder closed(boolean trusted) {
            Instant began = ScanIds.startedAt(scanId);
            ScopeProgress.Builder done = ScopeProgress.newBuilder()
                    .setWatermark(trusted ? Watermarks.later(watermark,
                            Watermarks.capped(pending, began != null ? began : runStart)) : watermark)
                    .setServiceType(profile.kind().name())
                    .setBaseUrl(context.baseUrl())
                    .setOwner(owner);
            ScopeProgress before = state.scope(key);
            if (before != null) {
                done.setLastCompleteScanId(before.getLastCompleteScanId())
                        .setLastCompleteScanAt(before.getLastCompleteScanAt())
                        .setCatalogSettings(before.getCatalogSettings());
            }
            if (trusted && complete && fromStart && catalogFailures == 0 && key.entity() == Entity.REPOSITORIES) {
                done.setCatalogSettings(catalogSettings); // every repository of the scope now has them
            }
            return done;
        }

        /** Entities this scan saw, on earlier pages (their checkpoints carry its id, earlier runs too) and this one. */
        private long distinctSeen(Set<String> seenHere) {
            Set<String> seen = new HashSet<>(seenHere);
            for (EntityProgress entity : state.entities(key).values()) {
                if (scanId.equals(entity.getLastSeenScanId())) {
                    seen.add(entity.getSourceId());
                }
            }
            return seen.size();
        }

        private ScopeProgress progress(String next, int done) {
            ScopeProgress before = state.scope(key);
            return ScopeProgress.newBuilder()
                    .setWatermark(watermark)
                    .setLastCompleteScanId(before == null ? null : before.getLastCompleteScanId())
                    .setLastCompleteScanAt(before == null ? null : before.getLastCompleteScanAt())
                    .setCatalogSettings(before == null ? null : before.getCatalogSettings())
                    .setScanInProgress(scanId)
                    .setScanComplete(complete)
                    .setCursor(next)
                    .setPagesDone(done)
                    .setPendingWatermark(pending)
                    .setServiceType(profile.kind().name())
                    .setBaseUrl(context.baseUrl())
                    .setOwner(owner)
                    .build();
        }

        private ConnectorCheckpoint scopeRecord(ScopeProgress progress) {
            return new ConnectorCheckpoint(CheckpointKind.SCOPE, key.profile(), key.entity().label, key.scope(),
                    progress, null);
        }

        private ConnectorCheckpoint entityRecord(EntityProgress progress) {
            return new ConnectorCheckpoint(CheckpointKind.ENTITY, key.profile(), key.entity().label, key.scope(), null,
                    progress);
        }

        private ScanSummary summary(Outcome outcome, String reason) {
            return new ScanSummary(key, scanId, outcome, reason, pages, entities, changes, removals, catalogFailures,
                    client.requestCount() - requestsBefore, Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
