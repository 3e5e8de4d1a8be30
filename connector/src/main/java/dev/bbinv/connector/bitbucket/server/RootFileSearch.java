package dev.bbinv.connector.bitbucket.server;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bbinv.connector.bitbucket.ApiObject;
import dev.bbinv.connector.bitbucket.BitbucketApiException;
import dev.bbinv.connector.bitbucket.BitbucketProtocolException;
import dev.bbinv.connector.bitbucket.CatalogSearch;
import dev.bbinv.connector.bitbucket.CatalogSearchUnavailableException;
import dev.bbinv.connector.bitbucket.HttpTransport;
import okhttp3.HttpUrl;

/**
 * {@code GET /rest/search/latest/repos-matching-root-file?query=<project name>&rootFile=<file>}, the search Atlassian's
 * Jenkins plugin uses (not in the REST API's OpenAPI description): a DC paged list of the repositories whose default
 * branch has the file at its root, matched by name loosely, so only the project's own are kept
 * ({@link RootFileSearchPage}). A refusal or an unreadable answer makes this profile probe for
 * {@link CatalogSearchAvailability#RETRY} ({@link CatalogSearchUnavailableException}, no request meanwhile); a page
 * that cannot be trusted to be complete is a {@link BitbucketProtocolException} (that scan probes). One per client.
 */
final class RootFileSearch {
    private final HttpTransport http;
    private final Clock clock;
    private final CatalogSearchAvailability availability = new CatalogSearchAvailability();
    /** Each project's name as its repository listing last gave it: the search's query (one entry per project). */
    private final Map<String, String> projectNames = new ConcurrentHashMap<>();

    RootFileSearch(HttpTransport http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** A page of the project's repository listing: its project's name is what the search is asked with. */
    void listed(String projectKey, List<ApiObject> repositories) {
        for (ApiObject repo : repositories) {
            String name = repo.node().path("project").path("name").asText(null);
            if (name != null && !name.isBlank()) {
                projectNames.put(projectKey, name);
                return;
            }
        }
    }

    CatalogSearch search(String projectKey, String rootFile) {
        String unavailable = availability.unavailable(clock.instant());
        if (unavailable != null) {
            throw new CatalogSearchUnavailableException(unavailable);
        }
        // The query is the project's name, as the Jenkins plugin sends it; the listing that led here gave it.
        String name = projectNames.get(projectKey);
        if (name == null) {
            throw new BitbucketProtocolException("no name known for project '" + projectKey + "' to search by");
        }
        Set<String> ids = new HashSet<>();
        int pages = 0;
        String start = "0";
        while (start != null) {
            HttpUrl url = http.base().newBuilder().addPathSegments("rest/search/latest/repos-matching-root-file")
                    .addQueryParameter("query", name).addQueryParameter("rootFile", rootFile)
                    .addQueryParameter("limit", String.valueOf(ServerClient.LIMIT))
                    .addQueryParameter("start", start).build();
            JsonNode body;
            try {
                body = http.getJson(url).body();
            } catch (BitbucketApiException e) {
                if (!CatalogSearchAvailability.isRefusal(e.status())) {
                    throw e; // 429, 5xx: the moment's; the scan handles them as for any request
                }
                throw new CatalogSearchUnavailableException(availability.refused(String.valueOf(e.status()),
                        clock.instant()));
            } catch (BitbucketProtocolException e) {
                // Not JSON (a login or proxy page) or far too large: not the search this client knows.
                throw unreadable(e.getMessage());
            }
            RootFileSearchPage page;
            try {
                page = RootFileSearchPage.of(body, projectKey, Integer.parseInt(start));
            } catch (RootFileSearchPage.Unreadable e) {
                throw unreadable("GET " + CatalogSearchAvailability.PATH + ": " + e.getMessage());
            }
            pages++;
            ids.addAll(page.ids());
            start = page.next();
        }
        availability.answered();
        return new CatalogSearch(ids, pages);
    }

    private CatalogSearchUnavailableException unreadable(String what) {
        return new CatalogSearchUnavailableException(availability.refused("unreadable answer (" + what + ")",
                clock.instant()));
    }
}
