package dev.bbinv.connector.bitbucket;

import java.util.Set;

/**
 * What a code search for the catalog file found in one scope: the source ids of the repositories that have it at
 * exactly the profile's path (as the search index knows them, which lags behind pushes), and the pages it took.
 */
public record CatalogSearch(Set<String> repositories, int pages) {
    public CatalogSearch {
        repositories = Set.copyOf(repositories);
    }
}
