package dev.bbinv.connector.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import dev.bbinv.connector.bitbucket.CatalogSearch;

/**
 * How each scope's catalog files were found by its latest complete scan, for status ("search (3 pages, 120 files)",
 * "probes (search unavailable: 404)"), and when the last complete scan that used a search began it. Kept in memory:
 * after a restart the index lag alone bounds which repositories are asked anyway. Thread-safe.
 */
final class CatalogSearches {
    private record Entry(String status, Instant lastSearch) {}

    private final Map<ScopeKey, Entry> scopes = new ConcurrentHashMap<>();

    /** When the search of the scope's last complete scan began; null when none used one. */
    Instant previousSearch(ScopeKey key) {
        Entry entry = scopes.get(key);
        return entry == null ? null : entry.lastSearch();
    }

    void searched(ScopeKey key, CatalogSearch search) {
        update(key, "search (" + search.pages() + " page(s), " + search.repositories().size() + " file(s))");
    }

    void probes(ScopeKey key, String why) {
        update(key, "probes (" + why + ")");
    }

    /** A complete scan that used a search begun at {@code at} finished: later pushes are the ones it missed. */
    void completed(ScopeKey key, Instant at) {
        scopes.compute(key, (k, e) -> new Entry(e == null ? null : e.status(), at));
    }

    /** The profile's scopes' discovery, "acme: search (…); beta: probes (…)"; null before any complete scan. */
    String describe(String profile) {
        List<String> parts = new ArrayList<>();
        scopes.entrySet().stream()
                .filter(e -> e.getKey().profile().equals(profile) && e.getValue().status() != null)
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(ScopeKey::scope)))
                .forEach(e -> parts.add(e.getKey().scope() + ": " + e.getValue().status()));
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private void update(ScopeKey key, String status) {
        scopes.compute(key, (k, e) -> new Entry(status, e == null ? null : e.lastSearch()));
    }
}
