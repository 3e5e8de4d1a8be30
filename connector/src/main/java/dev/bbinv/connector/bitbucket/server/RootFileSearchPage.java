package dev.bbinv.connector.bitbucket.server;

import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bbinv.connector.bitbucket.BitbucketProtocolException;

/**
 * Pure: one page of {@code repos-matching-root-file}, read more loosely than a documented listing since the endpoint
 * has no published contract. Extra fields are ignored; a body that is not a DC page at all is {@link Unreadable}
 * (the instance does not serve this search); a page that cannot be trusted to list every match (no
 * {@code isLastPage}, {@code isLastPage: false} without a {@code nextPageStart} past this one, a repository without
 * its project or of the project without a numeric id) is a {@link BitbucketProtocolException}: a repository missing
 * from the answer would be taken for one without the file, so such a search is not used.
 *
 * @param ids  numeric ids (as text) of the repositories of the project asked about; others the loose query matched
 *             are dropped
 * @param next the next page's {@code start}, or null after the last page
 */
record RootFileSearchPage(Set<String> ids, String next) {

    /** An answer that is not a Data Center page: this instance does not serve the search as we know it. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    RootFileSearchPage {
        ids = Set.copyOf(ids);
    }

    static RootFileSearchPage of(JsonNode body, String projectKey, int start) {
        if (body == null || !body.isObject() || !body.path("values").isArray()) {
            throw new Unreadable("not a paged list of repositories");
        }
        String where = CatalogSearchAvailability.PATH + " page at start " + start;
        JsonNode last = body.get("isLastPage");
        if (last == null || !last.isBoolean()) {
            throw new BitbucketProtocolException(where + " has no isLastPage");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode repo : body.path("values")) {
            String key = repo.path("project").path("key").asText(null);
            if (key == null) {
                throw new BitbucketProtocolException(where + " lists a repository without its project key");
            }
            if (!key.equalsIgnoreCase(projectKey)) {
                continue; // the query matches names loosely: another project's repository
            }
            ids.add(numericId(repo.get("id"), where));
        }
        if (last.asBoolean()) {
            return new RootFileSearchPage(ids, null);
        }
        // DC pages continue from nextPageStart, never start+size; one that does not move on would loop.
        JsonNode next = body.get("nextPageStart");
        if (next == null || !next.canConvertToInt() || !next.isIntegralNumber() || next.asInt() <= start) {
            throw new BitbucketProtocolException(where + " says isLastPage false without a nextPageStart after it");
        }
        return new RootFileSearchPage(ids, String.valueOf(next.asInt()));
    }

    private static String numericId(JsonNode id, String where) {
        try {
            if (id != null && id.isValueNode()) {
                return String.valueOf(Long.parseLong(id.asText()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BitbucketProtocolException(where + " lists a repository of the project without a numeric id");
    }
}
