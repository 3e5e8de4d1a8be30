package dev.bbinv.sim.http;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.bbinv.sim.estate.CloudWorkspace;
import dev.bbinv.sim.search.CodeSearch;

/**
 * {@code GET /2.0/workspaces/{workspace}/search/code}: the {@code search_result_page} envelope (size, page, pagelen,
 * query_substituted, next, previous) of {@code code_search_result} values, {@code file.commit.repository} only when
 * {@code fields} asks for it, and 404/403 when search is switched off.
 */
final class CloudSearchApi {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** A parsed {@code search_query}: the {@code path:} filter and the words every result must contain. */
    record Query(String path, List<String> terms) {
        static Query parse(String text) {
            if (text == null || text.isBlank()) {
                throw new BadRequest("search_query", "Search query is required");
            }
            String path = null;
            List<String> terms = new ArrayList<>();
            for (String token : text.trim().split("\\s+")) {
                if (token.startsWith("path:")) {
                    path = token.substring("path:".length());
                } else {
                    terms.add(token.length() > 1 && token.startsWith("\"") && token.endsWith("\"")
                            ? token.substring(1, token.length() - 1) : token);
                }
            }
            if (terms.isEmpty()) {
                // Bitbucket's search needs one search term besides its filters.
                throw new BadRequest("search_query", "A query has to contain one search term");
            }
            return new Query(path, terms);
        }
    }

    private final HttpSettings settings;
    private final CloudJson json;

    CloudSearchApi(HttpSettings settings, CloudJson json) {
        this.settings = settings;
        this.json = json;
    }

    SimResponse search(SimRequest req, CloudWorkspace w, int page) {
        CodeSearch search = settings.codeSearch();
        if (!search.enabled()) {
            return switch (search.disabledStatus()) {
                case 404 -> CloudApi.error(404, "Search is not enabled for the requested workspace",
                        "navigate to https://bitbucket.org/search to turn it on");
                case 401 -> CloudApi.error(401, "Unauthorized", "Search refused to this credential.");
                default -> CloudApi.error(403, "Search is not available for this workspace", null);
            };
        }
        Query query = Query.parse(req.param("search_query"));
        int pagelen = Math.min(req.intParam("pagelen", CloudPager.DEFAULT_PAGELEN), CloudPager.MAX_PAGELEN);
        if (pagelen < 1 || page < 1) {
            throw new BadRequest("pagelen", "Invalid pagination: page " + page + ", pagelen " + pagelen);
        }
        List<CodeSearch.Hit> hits = search.search(w, query.path(), String.join(" ", query.terms()));
        String fields = req.param("fields");
        boolean withCommit = fields != null && fields.contains("values.file.commit");
        int from = (int) Math.min((long) (page - 1) * pagelen, hits.size());
        int to = Math.min(from + pagelen, hits.size());
        ObjectNode env = F.objectNode();
        env.put("size", hits.size());
        env.put("page", page);
        env.put("pagelen", pagelen);
        env.put("query_substituted", false);
        if (to < hits.size()) {
            env.put("next", CloudPager.pageUrl(settings.cloudApiBase(), req, page + 1));
        }
        if (page > 1) {
            env.put("previous", CloudPager.pageUrl(settings.cloudApiBase(), req, page - 1));
        }
        ArrayNode values = env.putArray("values");
        String term = query.terms().get(0);
        for (CodeSearch.Hit hit : hits.subList(from, to)) {
            values.add(result(hit, w, term, withCommit));
        }
        return SimResponse.json(200, FieldsFilter.apply(env, fields));
    }

    private ObjectNode result(CodeSearch.Hit hit, CloudWorkspace w, String term, boolean withCommit) {
        ObjectNode r = F.objectNode();
        r.put("type", "code_search_result");
        ArrayNode contentMatches = r.putArray("content_matches");
        String[] lines = hit.content().split("\n", -1);
        int count = 0;
        for (int i = 0; i < lines.length; i++) {
            int at = lines[i].indexOf(term);
            if (at >= 0) {
                count++;
                ArrayNode segments = contentMatches.addObject().putArray("lines").addObject().put("line", i + 1)
                        .putArray("segments");
                segments.addObject().put("text", lines[i].substring(0, at));
                segments.addObject().put("text", term).put("match", true);
                segments.addObject().put("text", lines[i].substring(at + term.length()));
            }
        }
        r.put("content_match_count", count);
        ArrayNode pathMatches = r.putArray("path_matches");
        int at = hit.path().indexOf(term);
        if (at >= 0) {
            pathMatches.addObject().put("text", hit.path().substring(0, at));
            pathMatches.addObject().put("text", term).put("match", true);
            pathMatches.addObject().put("text", hit.path().substring(at + term.length()));
        }
        ObjectNode file = r.putObject("file");
        file.put("path", hit.path());
        file.put("type", "commit_file");
        String src = settings.cloudApiBase() + "/repositories/" + hit.repository().fullName() + "/src/"
                + hit.repository().headCommit() + "/" + hit.path();
        file.putObject("links").putObject("self").put("href", src);
        if (withCommit) {
            ObjectNode commit = file.putObject("commit");
            commit.put("type", "commit");
            commit.put("hash", hit.repository().headCommit());
            commit.set("repository", json.repository(hit.repository(), w));
        }
        return r;
    }
}
