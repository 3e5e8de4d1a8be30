package dev.bbinv.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.CommitHistories.SimCommit;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.estate.ServerRepo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commit histories: their spread over the estate, and Cloud's and Data Center's commit listings over HTTP. */
class CommitsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static BitbucketSimulator sim;

    @BeforeAll
    static void start() {
        sim = BitbucketSimulator.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .estate(EstateSpec.builder().cloudWorkspaces(2).cloudRepos(400).cloudMembersPerWorkspace(12)
                        .serverProjects(3).serverRepos(300).serverUsers(25).build())
                .start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void theEstateHasActiveInactiveDormantAndEmptyRepositoriesAndLinkedAndUnlinkedAuthors() {
        int active = 0, inactive = 0, dormant = 0, empty = 0, linked = 0, unlinked = 0, severalPages = 0;
        for (CloudRepo r : sim.cloud().allRepositories()) {
            List<SimCommit> commits = sim.cloud().commits(r);
            if (commits.isEmpty()) {
                empty++;
                continue;
            }
            // updated_on is where the last push put it: at the newest commit
            assertEquals(r.updatedOn(), commits.get(0).date());
            long days = ChronoUnit.DAYS.between(commits.get(0).date(), NOW);
            if (days < 90) {
                active++;
            } else if (days <= 180) {
                inactive++;
            } else {
                dormant++;
            }
            severalPages += commits.size() > 200 ? 1 : 0;
            for (SimCommit c : commits) {
                if (c.author().user() != null) {
                    linked++;
                } else {
                    unlinked++;
                }
                assertFalse(c.date().isBefore(r.createdOn()), "no commit before the repository was created");
            }
        }
        assertTrue(active > 40 && inactive > 20 && dormant > 40, active + "/" + inactive + "/" + dormant);
        assertTrue(empty > 0 && linked > 0 && unlinked > 0 && severalPages > 0,
                empty + " empty, " + linked + " linked, " + unlinked + " unlinked, " + severalPages + " very active");
        // and the history of a repository is the same each time it is asked
        CloudRepo first = sim.cloud().allRepositories().get(0);
        assertEquals(sim.cloud().commits(first), sim.cloud().commits(first));
    }

    @Test
    void cloudListsABranchsCommitsNewestFirstPagedByNextWithLinkedAndRawAuthors() {
        CloudRepo busy = sim.cloud().allRepositories().stream().filter(r -> sim.cloud().commits(r).size() > 200)
                .findFirst().orElseThrow();
        List<SimCommit> expected = sim.cloud().commits(busy);
        sim.requests().reset();
        List<JsonNode> values = new ArrayList<>();
        String url = sim.cloudApiBase() + "/repositories/" + busy.fullName() + "/commits/" + busy.mainbranch()
                + "?pagelen=100";
        int pages = 0;
        while (url != null) {
            JsonNode page = SimHttp.getJson(url, SimHttp.cloudAuth());
            assertEquals(100, page.get("pagelen").asInt());
            page.get("values").forEach(values::add);
            url = page.has("next") ? page.get("next").asText() : null;
            pages++;
        }
        assertEquals((expected.size() + 99) / 100, pages);
        assertEquals(pages, sim.requests().count("GET /2.0/repositories/{workspace}/{repo_slug}/commits/{revision}"));
        assertEquals(expected.size(), values.size());
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            SimCommit c = expected.get(i);
            assertEquals(c.hash(), v.get("hash").asText());
            assertEquals(c.date().truncatedTo(ChronoUnit.SECONDS), OffsetDateTime.parse(v.get("date").asText()).toInstant());
            assertEquals(c.author().raw(), v.get("author").get("raw").asText());
            assertEquals(c.author().user() != null, v.get("author").has("user"));
            if (c.author().user() != null) {
                JsonNode user = v.get("author").get("user");
                assertTrue(user.get("uuid").asText().startsWith("{"));
                assertTrue(user.hasNonNull("nickname") && user.hasNonNull("display_name"));
                assertTrue(user.get("links").get("html").hasNonNull("href"));
            }
        }
    }

    @Test
    void cloudAnswers404ForTheMainBranchOfAnEmptyRepositoryAndForAnUnknownBranch() {
        CloudRepo empty = sim.cloud().allRepositories().stream().filter(r -> sim.cloud().commits(r).isEmpty())
                .findFirst().orElseThrow();
        assertEquals(404, SimHttp.get(sim.cloudApiBase() + "/repositories/" + empty.fullName() + "/commits/"
                + empty.mainbranch(), SimHttp.cloudAuth()).statusCode());
        CloudRepo any = sim.cloud().allRepositories().stream().filter(r -> !sim.cloud().commits(r).isEmpty())
                .findFirst().orElseThrow();
        assertEquals(404, SimHttp.get(sim.cloudApiBase() + "/repositories/" + any.fullName() + "/commits/no-such",
                SimHttp.cloudAuth()).statusCode());
    }

    @Test
    void dataCenterListsCommitsUntilTheBranchPagedByNextPageStartWithUsersAndPeople() {
        ServerRepo busy = java.util.Arrays.stream(sim.server().allRepositories().all())
                .filter(r -> sim.server().commits(r).size() > 150).findFirst().orElseThrow();
        List<SimCommit> expected = sim.server().commits(busy);
        List<JsonNode> values = new ArrayList<>();
        String base = sim.serverBase() + "/rest/api/1.0/projects/" + busy.projectKey() + "/repos/" + busy.slug()
                + "/commits?until=" + busy.defaultBranch() + "&limit=100";
        Optional<Integer> start = Optional.of(0);
        int pages = 0;
        while (start.isPresent()) {
            JsonNode page = SimHttp.getJson(base + "&start=" + start.get(), SimHttp.serverAuth());
            assertEquals(100, page.get("limit").asInt());
            assertEquals(start.get(), page.get("start").asInt());
            page.get("values").forEach(values::add);
            start = page.get("isLastPage").asBoolean() ? Optional.empty() : Optional.of(page.get("nextPageStart").asInt());
            pages++;
        }
        assertEquals((expected.size() + 99) / 100, pages);
        assertEquals(expected.size(), values.size());
        boolean sawUser = false, sawPerson = false;
        for (int i = 0; i < values.size(); i++) {
            JsonNode author = values.get(i).get("author");
            assertEquals(expected.get(i).hash(), values.get(i).get("id").asText());
            assertEquals(expected.get(i).date().truncatedTo(ChronoUnit.SECONDS).toEpochMilli(),
                    values.get(i).get("authorTimestamp").asLong());
            if (expected.get(i).author().user() != null) {
                sawUser = true;
                assertTrue(author.has("id") && author.has("slug") && author.has("emailAddress"), author.toString());
            } else {
                sawPerson = true;
                assertFalse(author.has("id"), author.toString());
                assertEquals(expected.get(i).author().email(), author.get("emailAddress").asText());
            }
        }
        assertTrue(sawUser, "a linked author");
        // outsiders need not be among a given repository's authors; over the instance they are
        assertTrue(sawPerson || java.util.Arrays.stream(sim.server().allRepositories().all())
                .flatMap(r -> sim.server().commits(r).stream()).anyMatch(c -> c.author().user() == null));
    }

    @Test
    void bothDialectsListFromACommitIdAbbreviatedToSevenCharactersOrMore() {
        CloudRepo cloud = sim.cloud().allRepositories().stream()
                .filter(r -> sim.cloud().commits(r).size() >= 3 && sim.cloud().commits(r).size() <= 100)
                .findFirst().orElseThrow();
        List<SimCommit> cloudHistory = sim.cloud().commits(cloud);
        String cloudBase = sim.cloudApiBase() + "/repositories/" + cloud.fullName() + "/commits/";
        JsonNode fromThird = SimHttp.getJson(cloudBase + cloudHistory.get(2).hash().substring(0, 7) + "?pagelen=100",
                SimHttp.cloudAuth());
        assertEquals(cloudHistory.get(2).hash(), fromThird.at("/values/0/hash").asText());
        assertEquals(cloudHistory.size() - 2, fromThird.get("values").size());
        assertEquals(404, SimHttp.get(cloudBase + cloudHistory.get(2).hash().substring(0, 6), SimHttp.cloudAuth())
                .statusCode(), "six characters are too few");

        ServerRepo server = java.util.Arrays.stream(sim.server().allRepositories().all())
                .filter(r -> sim.server().commits(r).size() >= 3).findFirst().orElseThrow();
        List<SimCommit> serverHistory = sim.server().commits(server);
        String serverBase = sim.serverBase() + "/rest/api/1.0/projects/" + server.projectKey() + "/repos/"
                + server.slug() + "/commits?until=";
        assertEquals(serverHistory.get(2).hash(), SimHttp.getJson(serverBase + serverHistory.get(2).hash().substring(0, 7),
                SimHttp.serverAuth()).at("/values/0/id").asText());
        assertEquals(serverHistory.get(0).hash(), SimHttp.getJson(serverBase + "refs/heads/" + server.defaultBranch(),
                SimHttp.serverAuth()).at("/values/0/id").asText());
        assertEquals(404, SimHttp.get(serverBase + serverHistory.get(2).hash().substring(0, 6), SimHttp.serverAuth())
                .statusCode(), "six characters are too few");
    }

    @Test
    void dataCenterRepositoryWithoutDefaultBranchHasNoCommits() {
        ServerRepo empty = java.util.Arrays.stream(sim.server().allRepositories().all())
                .filter(r -> r.defaultBranch() == null).findFirst().orElseThrow();
        String url = sim.serverBase() + "/rest/api/1.0/projects/" + empty.projectKey() + "/repos/" + empty.slug()
                + "/commits";
        assertEquals(404, SimHttp.get(url + "?until=main", SimHttp.serverAuth()).statusCode());
        JsonNode page = SimHttp.getJson(url, SimHttp.serverAuth());
        assertEquals(0, page.get("values").size());
        assertTrue(page.get("isLastPage").asBoolean());
        // the dates of the others are spread before the estate's generation time
        long dormant = java.util.Arrays.stream(sim.server().allRepositories().all())
                .filter(r -> r.defaultBranch() != null)
                .filter(r -> sim.server().commits(r).get(0).date().isBefore(NOW.minus(Duration.ofDays(180)))).count();
        assertTrue(dormant > 0);
    }
}
