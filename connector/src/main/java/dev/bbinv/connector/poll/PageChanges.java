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
import dev.bbinv.connector.bitbucket.BitbucketClient;
import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.bitbucket.Page;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.dialect.Dialect;
import dev.bbinv.connector.mapping.RawEvents;
import dev.bbinv.connector.mapping.ScanContext;
import dev.bbinv.connector.poll.ScopeKey.Entity;
import dev.bbinv.connector.publish.Batch;
import dev.bbinv.connector.publish.PublishedCatalogFiles;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.EntityProgress;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;

/**
 * Change detection for one scan's pages: which entities of a page changed since their checkpoints, which catalog
 * files are asked again (the dialect decides when), and the events and entity checkpoints that follow. One instance
 * per scan run; counts what it saw for the scan's summary.
 */
final class PageChanges {
    private static final Logger LOG = LoggerFactory.getLogger(PageChanges.class);

    /** What a scan run shares with its pages. */
    record Scan(Profile profile, BitbucketClient client, ScopeKey key, ScanContext context, String catalogSettings,
            ListingCheck listing) {}

    /** The scanner's settings that decide catalog fetches. */
    record Catalog(CatalogFetcher fetcher, long maxBytes, Duration refresh, PublishedCatalogFiles published) {}

    /** One entity of a page as read, before its events are added; {@code known} is its checkpoint, or null. */
    private record Seen(ApiObject object, EntityProgress known, String sourceId, String fingerprint, String updatedOn,
            boolean changed, boolean fetched, boolean settingsChanged, RawCatalogFileEvent remapFrom,
            boolean checkpointStale) {
        /** The catalog validator recorded with its last fetch, or null. */
        String validator() {
            return known == null ? null : known.getCatalogValidator();
        }

        /** The catalog settings its checkpoint was recorded under, or null. */
        String knownSettings() {
            return known == null ? null : known.getCatalogSettings();
        }

        /**
         * Whether its catalog file is asked whatever the code search says: new to a scope scanned before, JSON changed,
         * or its last fetch found something (a file the lagging index has not seen yet must not be published ABSENT).
         */
        boolean moved(boolean scopeScannedBefore) {
            return known == null ? scopeScannedBefore
                    : changed || validator() != null && !CatalogValidators.isAbsent(validator());
        }
    }

    private final Scan scan;
    private final Catalog catalog;
    private final Dialect dialect;
    private final ConnectorState state;
    private final Clock clock;
    private final String scanId;
    /** This profile's and scope's catalog events as published, read once when first needed. */
    private Map<String, RawCatalogFileEvent> published;
    /** The latest updated_on seen by this scan, the next watermark once the scan closes trusted. */
    private String pending;
    private int entities;
    private int changes;
    /** Catalog files that could not be fetched this run (kept for the next scan, not counted as absent). */
    private int catalogFailures;
    /** Runs the code search the first time a page has enough files to ask; null once run, or without search. */
    private Supplier<CatalogDiscovery> discoverer;
    /** What the search found, deciding which files are asked; null: every due file is asked (probes). */
    private CatalogDiscovery discovery;
    /** Files known absent from the search without a request. */
    private int knownAbsent;
    /**
     * Every entity of this scan's committed pages in this process, across runs: unchanged ones get no checkpoint
     * record. The scan adds a page's ids once the page is committed.
     */
    private final SourceIdSet seenInScan;

    /** @param seenInScan the entities of this scan's committed pages (in this process), read for duplicates */
    PageChanges(Scan scan, Catalog catalog, ConnectorState state, Clock clock, String pending, SourceIdSet seenInScan) {
        this.seenInScan = seenInScan;
        this.scan = scan;
        this.catalog = catalog;
        this.dialect = scan.profile().dialect();
        this.state = state;
        this.clock = clock;
        this.scanId = scan.context().scanId();
        this.pending = pending;
    }

    /** Lets this scan find catalog files by {@code search} once a page has enough of them to ask. */
    void discoverWith(Supplier<CatalogDiscovery> search) {
        this.discoverer = search;
    }

    /** Catalog files this run published ABSENT from the code search, without a request. */
    int knownAbsent() {
        return knownAbsent;
    }

    String pending() {
        return pending;
    }

    int entities() {
        return entities;
    }

    int changes() {
        return changes;
    }

    int catalogFailures() {
        return catalogFailures;
    }

    /**
     * Adds the page's changed entities, catalog files and entity checkpoints; returns the page's source ids, for the
     * caller to add to {@code seenInScan} once the page is committed (a page that fails is listed again).
     */
    Set<String> add(Page<ApiObject> page, int pageNumber, Batch batch) {
        Instant now = clock.instant();
        ScopeKey key = scan.key();
        Profile profile = scan.profile();
        // Without push times (DC) a repository new to a scope scanned before, or whose JSON changed, has moved.
        dev.bbinv.schemas.avro.ScopeProgress progress = state.scope(key);
        boolean scannedBefore = progress != null && progress.getLastCompleteScanAt() != null;
        Set<String> seenHere = new HashSet<>();
        List<Seen> seen = new ArrayList<>();
        List<Supplier<CatalogFile>> fetches = new ArrayList<>();
        for (ApiObject object : page.values()) {
            String sourceId;
            try {
                sourceId = dialect.sourceId(object);
            } catch (IllegalArgumentException e) {
                scan.listing().skipped();
                LOG.warn("{}: skipped an object on page {}: {}", key, pageNumber, e.getMessage());
                continue;
            }
            EntityProgress known = state.entity(key, sourceId);
            if (!seenHere.add(sourceId) || seenInScan.contains(sourceId)
                    || known != null && scanId.equals(known.getLastSeenScanId())) {
                scan.listing().duplicate();
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
                    && CatalogValidators.settingsChanged(known.getCatalogSettings(), scan.catalogSettings());
            boolean eligible = key.entity() == Entity.REPOSITORIES && profile.catalog().enabled()
                    && !dialect.isArchived(object);
            // When to ask again is the dialect's: Cloud when updated_on moved, DC when the JSON changed or
            // catalog.refresh.interval.ms passed.
            boolean due = dialect.catalogDue(updatedOn, validator, changed, now, catalog.refresh());
            // Only the attribute keys changed and the file is not due: publish the last event again with the
            // new keys (the enricher applies them), no request; fetch only when it cannot be found.
            RawCatalogFileEvent remapFrom = eligible && settingsChanged && !due
                    && CatalogValidators.sameFile(known.getCatalogSettings(), scan.catalogSettings())
                    ? publishedFile(sourceId) : null;
            boolean fetch = eligible && (due || settingsChanged && remapFrom == null);
            // A checkpoint only when what it holds changes (not for being seen again): on Data Center, where every
            // poll lists everything, rewriting each entity each poll grew the topic faster than compaction.
            boolean stale = known == null || changed || !java.util.Objects.equals(updatedOn, known.getUpdatedOn())
                    || UnseenRemovals.isMissed(known);
            seen.add(new Seen(object, known, sourceId, fingerprint, updatedOn, changed, fetch, settingsChanged,
                    remapFrom, stale));
        }
        long due = seen.stream().filter(Seen::fetched).count();
        if (discoverer != null && due >= CatalogDiscovery.MIN_DUE_ON_PAGE) {
            discovery = discoverer.get(); // once per scan run: null when search is unavailable (probes)
            discoverer = null;
        }
        for (Seen entity : seen) {
            if (!entity.fetched()) {
                continue;
            }
            ApiObject object = entity.object();
            if (discovery != null
                    && discovery.knownAbsent(entity.sourceId(), entity.updatedOn(), entity.moved(scannedBefore))) {
                String branch = dialect.defaultBranch(object);
                fetches.add(() -> CatalogFile.absent(branch)); // the search did not find it: no request
                knownAbsent++;
            } else {
                fetches.add(() -> scan.client().catalogFile(object, profile.catalog().fileName(), catalog.maxBytes()));
            }
        }
        Iterator<CatalogFetcher.Fetched> files = catalog.fetcher().fetchAll(profile.name(), fetches).iterator();
        for (Seen entity : seen) {
            addEvents(entity, files, page.etag(), now, batch);
        }
        return seenHere;
    }

    private void addEvents(Seen entity, Iterator<CatalogFetcher.Fetched> files, String etag, Instant now,
            Batch batch) {
        ScopeKey key = scan.key();
        ScanContext context = scan.context();
        Profile profile = scan.profile();
        String assetId = dialect.assetId(context.baseUrl(), entity.sourceId());
        if (entity.changed()) {
            changes++;
            if (key.entity() == Entity.REPOSITORIES) {
                batch.event(Topics.RAW_REPOSITORIES_TOPIC, assetId, RawEvents.repository(context, entity.object(), now, etag));
            } else {
                batch.event(Topics.RAW_USERS_TOPIC, assetId, RawEvents.user(context, entity.object(), now, etag));
            }
        }
        String validator = entity.validator();
        String settings = key.entity() == Entity.REPOSITORIES ? scan.catalogSettings() : null;
        if (entity.settingsChanged() && !profile.catalog().enabled()) {
            // Catalog disabled: the enricher drops the app context on ABSENT; no request needed. The
            // validator is forgotten so that enabling the catalog again fetches the file.
            batch.event(Topics.RAW_CATALOG_FILES_TOPIC, assetId, RawEvents.catalogFile(context, entity.sourceId(),
                    profile.catalog().fileName(), CatalogFile.absent(null), profile.catalog().attributeKeys(), now));
            validator = null;
        }
        if (entity.remapFrom() != null) {
            batch.event(Topics.RAW_CATALOG_FILES_TOPIC, assetId, RawEvents.withAttributeKeys(entity.remapFrom(),
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
                    batch.event(Topics.RAW_CATALOG_FILES_TOPIC, assetId, RawEvents.catalogFile(context,
                            entity.sourceId(), profile.catalog().fileName(), fetched.file(),
                            profile.catalog().attributeKeys(), now));
                    validator = result;
                }
            }
        }
        // The commit reader's validator is its own (CommitActivityReader): carried over, never reset by a sighting.
        if (entity.checkpointStale() || !java.util.Objects.equals(validator, entity.validator())
                || !java.util.Objects.equals(settings, entity.knownSettings())) {
            EntityProgress known = entity.known();
            batch.checkpoint(key.entityKey(entity.sourceId()), ScanCheckpoints.entityRecord(key,
                    new EntityProgress(entity.sourceId(), entity.updatedOn(), scanId, validator, entity.fingerprint(),
                            settings, known == null ? null : known.getCommitsValidator())));
        }
    }

    /** The catalog event last published for a repository with this profile's file, or null. */
    private RawCatalogFileEvent publishedFile(String sourceId) {
        ScopeKey key = scan.key();
        if (published == null) {
            try {
                published = catalog.published().latest(scan.profile().name(), key.scope());
                LOG.info("{}: catalog attribute keys changed; read back {} published catalog event(s)", key,
                        published.size());
            } catch (RuntimeException e) {
                LOG.warn("{}: could not read back the published catalog events, fetching the files instead: {}",
                        key, e.toString());
                published = Map.of();
            }
        }
        RawCatalogFileEvent event = published.get(dialect.assetId(scan.context().baseUrl(), sourceId));
        return event != null && scan.profile().catalog().fileName().equals(event.getPath()) ? event : null;
    }
}
