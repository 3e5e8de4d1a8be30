package dev.bbinv.connector.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.connector.bitbucket.BitbucketApiException;
import dev.bbinv.connector.bitbucket.BitbucketClient;
import dev.bbinv.connector.bitbucket.BitbucketException;
import dev.bbinv.connector.bitbucket.CatalogSearch;
import dev.bbinv.connector.bitbucket.CatalogSearchUnavailableException;
import dev.bbinv.connector.bitbucket.ScanCancelledException;
import dev.bbinv.connector.config.Profile;

/**
 * One complete scan's code search for its scope's catalog file: asked at most once, when a page first has enough files
 * to ask ({@link PageChanges}); records in {@link CatalogSearches} how the files were found, for status and for the
 * next scan. Search switched off (404), refused (403), not offered (501) or failing leaves the scan to probe every
 * file; the next complete scan tries again (Data Center: after a day, {@link CatalogSearchUnavailableException}). A
 * 401 (Cloud) or 429 ends the scan as a listing's would.
 */
final class CatalogSearchRun {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogSearchRun.class);

    private final Profile profile;
    private final BitbucketClient client;
    private final ScopeKey key;
    private final Clock clock;
    private final CatalogSearches searches;
    private final Duration indexLag;
    /** When the successful search began; null without one. */
    private Instant started;

    CatalogSearchRun(Profile profile, BitbucketClient client, ScopeKey key, Clock clock, CatalogSearches searches,
            Duration indexLag) {
        this.profile = profile;
        this.client = client;
        this.key = key;
        this.clock = clock;
        this.searches = searches;
        this.indexLag = indexLag;
    }

    /** What the search found and which repositories are asked anyway; null when the scan probes every file. */
    CatalogDiscovery discover() {
        Instant start = clock.instant();
        try {
            CatalogSearch search = client.searchCatalogFiles(key.scope(), profile.catalog().fileName());
            started = start;
            searches.searched(key, search);
            Instant probeAfter = CatalogDiscovery.probeAfter(searches.previousSearch(key), start, indexLag);
            boolean withoutPushTimes = !profile.dialect().listsPushTimes();
            LOG.info("{}: code search found {} catalog file(s) in {} page(s); repositories {} are asked anyway", key,
                    search.repositories().size(), search.pages(), withoutPushTimes
                            ? "new or changed since the previous scan" : "pushed after " + probeAfter);
            return new CatalogDiscovery(search.repositories(), probeAfter, withoutPushTimes);
        } catch (CatalogSearchUnavailableException e) {
            // Data Center: refused, not served or unreadable, learned once per profile; a 401 here is no credential's.
            searches.probes(key, e.reason());
            LOG.info("{}: code search not used, asking each repository: {}", key, e.reason());
            return null;
        } catch (BitbucketApiException e) {
            if (e.status() == 401 || e.status() == 429) {
                throw e;
            }
            searches.probes(key, "search unavailable: " + e.status());
            LOG.info("{}: code search unavailable ({}), asking each repository: {}", key, e.status(), e.getMessage());
            return null;
        } catch (ScanCancelledException e) {
            throw e;
        } catch (BitbucketException e) {
            searches.probes(key, "search failed: " + e.getMessage());
            LOG.warn("{}: code search failed, asking each repository: {}", key, e.getMessage());
            return null;
        }
    }

    /** The scan went through every page from the first: pushes after its search are what the next one must ask. */
    void scanCompleted() {
        if (started != null) {
            searches.completed(key, started);
        }
    }
}
