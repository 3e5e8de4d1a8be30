package dev.bbinv.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bbinv.sim.auth.Dialect;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.fault.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultInjectionTest {
    private static BitbucketSimulator sim;
    private static String cloudRepos;
    private static String dcRepos;

    @BeforeAll
    static void start() {
        sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(30)
                .serverProjects(1).serverRepos(30).build());
        cloudRepos = sim.cloudApiBase() + "/repositories/acme";
        dcRepos = sim.serverBase() + "/rest/api/1.0/projects/PLAT/repos";
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void clear() {
        sim.faults().clear();
        sim.budgets().clear();
    }

    @Test
    void cloudRateLimitIsPlainTextWithoutRetryAfterThenRecovers() {
        sim.inject(Fault.rateLimit().on("/2.0/repositories/acme").times(2));
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = SimHttp.get(cloudRepos, SimHttp.cloudAuth());
            assertEquals(429, r.statusCode());
            assertEquals("Rate limit for this resource has been exceeded", r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
            assertTrue(r.headers().firstValue("Retry-After").isEmpty());
        }
        assertEquals(200, SimHttp.get(cloudRepos, SimHttp.cloudAuth()).statusCode());
    }

    @Test
    void serverRateLimitCarriesRetryAfter() {
        sim.inject(Fault.rateLimit().retryAfter(7).onlyFor(Dialect.SERVER));
        assertEquals(200, SimHttp.get(cloudRepos, SimHttp.cloudAuth()).statusCode(), "Cloud is not aimed at");
        HttpResponse<String> r = SimHttp.get(dcRepos, SimHttp.serverAuth());
        assertEquals(429, r.statusCode());
        assertEquals("7", r.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(SimHttp.json(r).has("errors"));
    }

    @Test
    void statusFaultHitsOnlyTheAimedPage() {
        sim.inject(Fault.status(503).on("/2.0/repositories/acme").onPage(2));
        assertEquals(200, SimHttp.get(cloudRepos + "?page=1", SimHttp.cloudAuth()).statusCode());
        HttpResponse<String> failed = SimHttp.get(cloudRepos + "?page=2", SimHttp.cloudAuth());
        assertEquals(503, failed.statusCode());
        assertEquals("error", SimHttp.json(failed).get("type").asText());
        assertEquals(200, SimHttp.get(cloudRepos + "?page=2", SimHttp.cloudAuth()).statusCode(), "used up");
        sim.inject(Fault.status(500).on(".*/projects/PLAT/repos").always());
        assertEquals(500, SimHttp.get(dcRepos, SimHttp.serverAuth()).statusCode());
        assertEquals(500, SimHttp.get(dcRepos, SimHttp.serverAuth()).statusCode());
    }

    @Test
    void slowResponseOutlastsAClientTimeout() {
        sim.inject(Fault.delay(Duration.ofSeconds(3)));
        Throwable t = assertThrows(RuntimeException.class,
                () -> SimHttp.get(cloudRepos, SimHttp.cloudAuth(), Duration.ofMillis(300)));
        assertInstanceOf(HttpTimeoutException.class, t.getCause());
    }

    @Test
    void cloudPageWithoutNextEndsTheListingEarly() {
        sim.inject(Fault.missingNext().onPage(1));
        JsonNode page = SimHttp.getJson(cloudRepos, SimHttp.cloudAuth());
        assertEquals(30, page.get("size").asInt());
        assertEquals(10, page.get("values").size());
        assertFalse(page.has("next"));
    }

    @Test
    void serverPageSaysNotLastButHasNoNextPageStart() {
        sim.inject(Fault.missingNext().onlyFor(Dialect.SERVER));
        JsonNode page = SimHttp.getJson(dcRepos + "?limit=10", SimHttp.serverAuth());
        assertFalse(page.get("isLastPage").asBoolean());
        assertFalse(page.has("nextPageStart"));
    }

    @Test
    void duplicatesRepeatThePreviousPagesLastItem() {
        sim.inject(Fault.duplicatesAcrossPages().onPage(2).onlyFor(Dialect.CLOUD));
        JsonNode one = SimHttp.getJson(cloudRepos, SimHttp.cloudAuth());
        JsonNode two = SimHttp.getJson(one.get("next").asText(), SimHttp.cloudAuth());
        assertEquals(11, two.get("values").size());
        assertEquals(one.get("values").get(9).get("uuid"), two.get("values").get(0).get("uuid"));
        sim.inject(Fault.duplicatesAcrossPages().onlyFor(Dialect.SERVER).onPage(2));
        JsonNode dc1 = SimHttp.getJson(dcRepos + "?limit=10", SimHttp.serverAuth());
        JsonNode dc2 = SimHttp.getJson(dcRepos + "?limit=10&start=" + dc1.get("nextPageStart").asInt(),
                SimHttp.serverAuth());
        assertEquals(dc1.get("values").get(9).get("id"), dc2.get("values").get(0).get("id"));
    }

    @Test
    void duplicatesAimedAtNoPageAreKeptForTheFirstPageThatHasAPreviousOne() {
        for (String listing : List.of(cloudRepos + "?pagelen=10", sim.cloudApiBase() + "/workspaces/acme/members?pagelen=2")) {
            sim.inject(Fault.duplicatesAcrossPages().onlyFor(Dialect.CLOUD).times(1));
            JsonNode one = SimHttp.getJson(listing, SimHttp.cloudAuth());
            int pagelen = one.get("pagelen").asInt();
            assertEquals(pagelen, one.get("values").size(), listing + ": page 1 has no previous page to repeat");
            JsonNode two = SimHttp.getJson(one.get("next").asText(), SimHttp.cloudAuth());
            assertEquals(pagelen + 1, two.get("values").size(), listing + ": page 2 repeats page 1's last item");
            assertEquals(one.get("values").get(pagelen - 1), two.get("values").get(0), listing);
            assertEquals(pagelen, SimHttp.getJson(one.get("next").asText(), SimHttp.cloudAuth()).get("values").size(),
                    listing + ": used up by page 2");
        }
    }

    @Test
    void cloudSizeCanBeLeftOutOrClaimMoreThanIsServed() {
        sim.inject(Fault.sizeOmitted().on("/2.0/repositories/acme"));
        JsonNode without = SimHttp.getJson(cloudRepos + "?pagelen=50", SimHttp.cloudAuth());
        assertFalse(without.has("size"), without.toString());
        assertEquals(30, without.get("values").size());
        sim.inject(Fault.sizeInflated(5).on("/2.0/repositories/acme"));
        JsonNode inflated = SimHttp.getJson(cloudRepos + "?pagelen=50", SimHttp.cloudAuth());
        assertEquals(35, inflated.get("size").asInt());
        assertEquals(30, inflated.get("values").size());
        assertFalse(inflated.has("next"), "one page: no next although size says more");
        assertEquals(30, SimHttp.getJson(cloudRepos + "?pagelen=50", SimHttp.cloudAuth()).get("size").asInt(),
                "once only");
    }

    @Test
    void skipsLeaveOutAPagesFirstItemWhileSizeStillCountsIt() {
        sim.inject(Fault.skips().onPage(2).onlyFor(Dialect.CLOUD));
        JsonNode one = SimHttp.getJson(cloudRepos, SimHttp.cloudAuth());
        JsonNode two = SimHttp.getJson(one.get("next").asText(), SimHttp.cloudAuth());
        assertEquals(9, two.get("values").size());
        assertEquals(30, two.get("size").asInt());
        JsonNode plain = SimHttp.getJson(one.get("next").asText(), SimHttp.cloudAuth());
        assertEquals(plain.get("values").get(1).get("uuid"), two.get("values").get(0).get("uuid"));
        sim.inject(Fault.skips().onlyFor(Dialect.SERVER));
        sim.inject(Fault.sizeInflated(3).onlyFor(Dialect.SERVER));
        JsonNode dc = SimHttp.getJson(dcRepos + "?limit=10", SimHttp.serverAuth());
        assertEquals(9, dc.get("values").size());
        assertEquals(12, dc.get("size").asInt(), "DC's page count claims more than the page holds");
    }

    @Test
    void nextCanPointToAnotherHost() {
        sim.inject(Fault.nextOnHost("evil.example.com:8443"));
        JsonNode page = SimHttp.getJson(cloudRepos + "?pagelen=5", SimHttp.cloudAuth());
        assertTrue(page.get("next").asText().startsWith("http://evil.example.com:8443/2.0/repositories/acme?"),
                page.get("next").asText());
    }

    @Test
    void hourlyBudgetRefusesPastTheLimitInEachDialectsStyle() {
        sim.budgets().limit(BitbucketSimulator.CLOUD_EMAIL, 3);
        sim.budgets().limit(BitbucketSimulator.SERVER_ADMIN, 1);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(SimHttp.get(cloudRepos, SimHttp.cloudAuth()).statusCode());
        }
        assertEquals(List.of(200, 200, 200, 429, 429), statuses);
        assertEquals(3, sim.budgets().used(BitbucketSimulator.CLOUD_EMAIL));
        assertEquals(200, SimHttp.get(cloudRepos, "Bearer " + BitbucketSimulator.CLOUD_ACCESS_TOKEN).statusCode(),
                "each credential has its own budget");
        assertEquals(200, SimHttp.get(dcRepos, SimHttp.serverAuth()).statusCode());
        HttpResponse<String> dc = SimHttp.get(dcRepos, SimHttp.serverAuth());
        assertEquals(429, dc.statusCode());
        long retryAfter = Long.parseLong(dc.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 3000 && retryAfter <= 3601, "about an hour: " + retryAfter);
    }
}
