package dev.bbinv.sink.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.AssetTag;
import dev.bbinv.schemas.avro.LanguageSource;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.sink.api.AssetJson;
import dev.bbinv.sink.api.InventoryApi;
import dev.bbinv.sink.testing.Fixtures;

/**
 * Paging a listing through one real database: pages after and before a row (seek paging) and offset pages, also
 * those read from the end, hold exactly the rows of one big page in the same order, across ties and NULLs, for every
 * kind of sort column. Run for SQLite and PostgreSQL by the subclasses.
 */
abstract class ListingPagesDbContract {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int REPOSITORIES = 31;

    protected Database db;
    private InventoryWriter writer;
    private InventoryReader reader;
    private InventoryApi api;

    protected abstract Database newDatabase();

    @BeforeEach
    void setUp() {
        db = newDatabase();
        writer = new InventoryWriter(db);
        reader = new InventoryReader(db);
        List<RepositoryRecord> repos = new ArrayList<>();
        for (int i = 1; i <= REPOSITORIES; i++) {
            // Seven names for 31 repositories, so that pages split ties; owners and creation times partly NULL.
            RepositoryAsset.Builder b = Fixtures.repository(i, 1).setName("svc-" + (i % 7))
                    .setArchived(i % 5 == 0)
                    .setCreatedAt(i % 3 == 0 ? null : NOW.minusSeconds(86_400L * (i % 4)));
            b.setAppContext(i % 4 == 0 ? null : Fixtures.appContext("team-" + (i % 3), "app", "production", "service"));
            if (i == 13) {
                b.setRemoved(true).setRemovedReasons(List.of("repo-deleted")).setRemovedAt(NOW);
            }
            repos.add(Fixtures.record(b.build()));
        }
        List<UserRecord> users = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            users.add(Fixtures.record(Fixtures.user(i, 1).build()));
        }
        writer.apply(new InventoryBatch(List.of(), repos, List.of(), users, List.of()), NOW);
    }

    @AfterEach
    void tearDown() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void pagesAfterAndBeforeARowAndOffsetPagesHoldTheRowsOfOneBigPageForEverySort() {
        for (RepositorySort sort : List.of(RepositorySort.NAME, RepositorySort.OWNER, RepositorySort.ARCHIVED,
                RepositorySort.CREATED_AT, RepositorySort.ID, RepositorySort.FULL_NAME)) {
            for (boolean descending : List.of(false, true)) {
                String what = sort + (descending ? " descending" : "");
                List<String> all = ids(reader.repositories(query(sort, descending, 500, 0, null, null)));
                assertEquals(REPOSITORIES - 1, all.size(), what);

                List<String> forwards = new ArrayList<>();
                Page<RepositoryRecord> page = reader.repositories(query(sort, descending, 4, 0, null, null));
                forwards.addAll(ids(page));
                assertNull(page.previous(), what + ": nothing before the first page");
                while (page.next() != null) {
                    page = reader.repositories(query(sort, descending, 4, 0, page.next(), null));
                    forwards.addAll(ids(page));
                }
                assertEquals(all, forwards, what + ", page after page");

                List<String> backwards = new ArrayList<>();
                page = reader.repositories(query(sort, descending, 4, all.size() - 4, null, null));
                backwards.addAll(0, ids(page));
                assertNull(page.next(), what + ": nothing after the last page");
                while (page.previous() != null) {
                    page = reader.repositories(query(sort, descending, 4, 0, null, page.previous()));
                    backwards.addAll(0, ids(page));
                }
                assertEquals(all, backwards, what + ", page before page from the end");

                for (int offset = 0; offset <= all.size(); offset += 3) {
                    assertEquals(all.subList(offset, Math.min(all.size(), offset + 4)),
                            ids(reader.repositories(query(sort, descending, 4, offset, null, null))),
                            what + ", offset " + offset);
                }
                assertEquals(all.subList(12, 16), ids(reader.repositories(query(sort, descending, 4, 2, all.get(9),
                        null))), what + ": an offset counts on from the row the page starts after");
            }
        }
    }

    @Test
    void aPageFromARepositoryNoLongerStoredIsRefusedAndById() throws Exception {
        List<String> all = ids(reader.repositories(query(RepositorySort.NAME, false, 500, 0, null, null)));
        String gone = all.get(5);
        writer.apply(new InventoryBatch(List.of(gone), List.of(), List.of(), List.of(), List.of()), NOW);

        PageAnchorGoneException e = assertThrows(PageAnchorGoneException.class,
                () -> reader.repositories(query(RepositorySort.NAME, false, 4, 0, gone, null)));
        assertTrue(e.getMessage().contains(gone), e.getMessage());
        List<String> byId = ids(reader.repositories(query(RepositorySort.ID, false, 500, 0, null, null)));
        int after = (int) byId.stream().filter(id -> id.compareTo(gone) < 0).count();
        assertEquals(byId.subList(after, after + 4),
                ids(reader.repositories(query(RepositorySort.ID, false, 4, 0, gone, null))),
                "by id, the place of a row is its id, stored or not");

        startApi();
        HttpResponse<String> refused = get("/repositories?after=" + URLEncoder.encode(gone, StandardCharsets.UTF_8));
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(AssetJson.MAPPER.readTree(refused.body()).path("error").asText().contains("start again from the first page"), refused.body());
    }

    @Test
    void theApiPagesOnFromTheIdsItGivesAndRefusesAfterWithBefore() throws Exception {
        startApi();
        JsonNode first = json(get("/repositories?limit=4"));
        assertTrue(first.path("previous").isNull(), first.toString());
        JsonNode second = json(get("/repositories?limit=4&after=" + enc(first.path("next").asText())));
        assertEquals(items(json(get("/repositories?limit=4&offset=4"))), items(second));
        assertEquals(first.path("items").get(3).path("id").asText(), first.path("next").asText());
        JsonNode back = json(get("/repositories?limit=4&before=" + enc(second.path("previous").asText())));
        assertEquals(items(first), items(back));
        assertEquals(400, get("/repositories?after=x&before=y").statusCode());

        JsonNode users = json(get("/users?limit=5"));
        JsonNode more = json(get("/users?limit=5&after=" + enc(users.path("next").asText())));
        assertEquals(items(json(get("/users?limit=5&offset=5"))), items(more));
        JsonNode last = json(get("/users?limit=5&offset=10"));
        assertEquals(1, last.path("items").size());
        assertTrue(last.path("next").isNull(), last.toString());
        assertEquals(items(more), items(json(get("/users?limit=5&before=" + enc(last.path("previous").asText())))));

        JsonNode userFacets = json(get("/facets/users")).path("facets");
        assertEquals("dc-main", userFacets.path("profile").path(0).path("value").asText(), userFacets.toString());
        assertEquals(11, userFacets.path("profile").path(0).path("count").asInt(), userFacets.toString());
    }

    @Test
    void facetCountsOfOnePassOverTheRowsEqualAGroupByOfEachFacetTiesAndNullsIncluded() {
        RepositoryQuery present = query(RepositorySort.NAME, false, 50, 0, null, null);
        Map<RepositoryFacet, List<ValueCount>> facets = reader.facets(present, 3);
        for (RepositoryFacet facet : List.of(RepositoryFacet.OWNER, RepositoryFacet.ARCHIVED, RepositoryFacet.CREATED,
                RepositoryFacet.SCOPE, RepositoryFacet.FRESHNESS)) {
            List<List<String>> expected = SqlProbe.rows(db, "SELECT " + facet.value + ", COUNT(*) FROM repositories r"
                    + " LEFT JOIN repository_app_context a ON a.repository_id = r.id WHERE r.removed = "
                    + (db.dialect() == Dialect.SQLITE ? "0" : "FALSE") + " GROUP BY " + facet.value + " ORDER BY COUNT(*)"
                    + " DESC, (" + facet.value + " IS NULL), " + facet.value + " LIMIT 3");
            assertEquals(expected, facets.get(facet).stream().map(v -> java.util.Arrays.asList(v.value(),
                    String.valueOf(v.count()))).toList(), facet.toString());
        }
        // team-0 and team-2 tie at 8 (by value), team-1 ties at 7 with no owner (no catalog file: NULL, last).
        assertEquals(List.of(new ValueCount("team-0", 8), new ValueCount("team-2", 8), new ValueCount("team-1", 7)),
                facets.get(RepositoryFacet.OWNER));
    }

    @Test
    void aRepositoryWithOneValueTwiceCountsOnceAndTheCountsEndpointAgreesWithTheFacets() {
        RepositoryAsset twice = Fixtures.repository(40, 1).setName("twice")
                .setLanguages(List.of(Fixtures.language("Go", "go", LanguageSource.BITBUCKET),
                        Fixtures.language("Go", "golang", LanguageSource.MANUAL)))
                .setTags(List.of(tag("manual"), tag("policy:prod")))
                .build();
        writer.apply(InventoryBatch.ofRepositories(List.of(Fixtures.record(twice))), NOW);

        Map<RepositoryFacet, List<ValueCount>> facets = reader.facets(query(RepositorySort.NAME, false, 50, 0, null,
                null), 10);
        assertEquals(List.of(new ValueCount("Java", REPOSITORIES - 1), new ValueCount("Go", 1)),
                facets.get(RepositoryFacet.LANGUAGE));
        assertEquals(List.of(new ValueCount("env:prod", 1)), facets.get(RepositoryFacet.TAG));
        assertEquals(facets.get(RepositoryFacet.LANGUAGE), reader.counts(CountDimension.LANGUAGES,
                RemovedFilter.PRESENT_ONLY));
        assertEquals(facets.get(RepositoryFacet.OWNER), reader.counts(CountDimension.OWNERS, RemovedFilter.PRESENT_ONLY));
        assertEquals(List.of(new ValueCount("Java", REPOSITORIES), new ValueCount("Go", 1)),
                reader.counts(CountDimension.LANGUAGES, RemovedFilter.ANY));
    }

    private static AssetTag tag(String source) {
        return AssetTag.newBuilder().setKey("env").setValue("prod").setSource(source).build();
    }

    private static RepositoryQuery query(RepositorySort sort, boolean descending, int limit, int offset, String after,
                                         String before) {
        return new RepositoryQuery(null, null, null, null, null, null, null, RemovedFilter.PRESENT_ONLY, null, sort,
                descending, limit, offset, after, null, null, null, null, null, null, null, null, before);
    }

    private static List<String> ids(Page<RepositoryRecord> page) {
        return page.items().stream().map(RepositoryRecord::id).toList();
    }

    private static List<String> items(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("items").forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    private void startApi() {
        api = InventoryApi.start(db, "127.0.0.1", 0);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api.baseUri() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return AssetJson.MAPPER.readTree(response.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
