package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.bbinv.schemas.AssetIds;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.auth.Credential;
import dev.bbinv.sim.auth.Dialect;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.estate.AdminUsers;
import dev.bbinv.sim.fault.Fault;

/**
 * {@code bbinv run --once} through the real command line against the simulator (issue #11, item 2): it always ends,
 * prints per profile and per scope what happened, and exits 0 only when every scope completed (with or without
 * removals), 3 when a scope failed for a reason only the operator can fix, 4 when one had not ended in time.
 */
@Timeout(180)
class OnceIT {
    private static final String FAST = "retry.max.attempts=2";

    private static CliRun runOnce(Path dir, Path profiles, String wait, String... sets) {
        List<String> args = new ArrayList<>(List.of("run", "--once", "--once-wait", wait, "--profiles",
                profiles.toString(), "--data-dir", dir.resolve("data").toString(), "--set", FAST,
                "--set", "retry.backoff.initial.ms=10", "--set", "retry.backoff.max.ms=50",
                "--set", "poll.interval.ms=300", "--set", "api.port=0", "--set", "ops.http.port=0"));
        for (String set : sets) {
            args.add("--set");
            args.add(set);
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        System.out.print(run.out());
        return run;
    }

    private static Path profiles(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("profiles.yaml");
        Files.writeString(file, "profiles:\n" + yaml);
        return file;
    }

    private static String cloud(String name, BitbucketSimulator sim, String email, String token, String workspaces) {
        return "  - name: " + name + "\n    type: cloud\n    baseUrl: " + sim.cloudApiBase() + "\n    auth: {email: '"
                + email + "', apiToken: '" + token + "'}\n" + (workspaces == null ? "" : "    workspaces: " + workspaces + "\n");
    }

    private static Set<String> ids(Path dir, String table) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/inventory.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT id FROM " + table)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    @Test
    void listingsThatDisagreeWithThemselvesStillCompleteTheRunWithEverySightingInTheInventory() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.builder().estate(EstateSpec.builder().cloudWorkspaces(2)
                .cloudRepos(260).cloudMembersPerWorkspace(6).catalogShare(0).serverProjects(1).serverRepos(40)
                .serverUsers(3).archivedShare(0).catalogShare(0).seed(41).build()).serverLimitCap(25).start()) {
            String w0 = sim.cloud().workspaces().get(0).slug();
            String w1 = sim.cloud().workspaces().get(1).slug();
            String project = sim.server().projects().get(0).key();
            // Given: the member page of w0 claims 9 more members than it holds (one page, no next, as recorded),
            // w0's repository pages leave size out, w1's second page skips a repository, and the DC project's first
            // page says it is not the last without a nextPageStart
            sim.inject(Fault.sizeInflated(9).on("/2.0/workspaces/" + w0 + "/members").always());
            sim.inject(Fault.sizeOmitted().on("/2.0/repositories/" + w0).always());
            sim.inject(Fault.skips().on("/2.0/repositories/" + w1).onPage(2).always());
            sim.inject(Fault.missingNext().onlyFor(Dialect.SERVER).on("/rest/api/1.0/projects/" + project + "/repos")
                    .always());
            Path dir = Files.createTempDirectory("once-complete");
            Path file = profiles(dir, cloud("cloud", sim, BitbucketSimulator.CLOUD_EMAIL,
                    BitbucketSimulator.CLOUD_API_TOKEN, null)
                    + "  - name: dc\n    type: server\n    baseUrl: " + sim.serverBase() + "\n    auth: {username: "
                    + BitbucketSimulator.SERVER_ADMIN + ", password: " + BitbucketSimulator.SERVER_ADMIN_PASSWORD + "}\n");

            // When bbinv run --once runs
            CliRun run = runOnce(dir, file, "2m");

            // Then it ends with 0, each scope saying how it ended
            assertEquals(0, run.exit(), run.out());
            assertTrue(run.out().contains("First sync complete."), run.out());
            assertTrue(run.out().contains("    users in " + w0 + ": complete without removals (pages 1, entities 6,"
                    + " removals 0): the listing announced size 15 but ended after 6 object(s)"), run.out());
            assertTrue(run.out().contains("    repositories in " + w0 + ": complete (pages 2, entities 130,"), run.out());
            assertTrue(run.out().contains("    repositories in " + w1 + ": complete without removals (pages 2, entities"
                    + " 129, removals 0): the listing announced size 130 but ended after 129 object(s)"), run.out());
            assertTrue(run.out().contains("    repositories in " + project + ": complete without removals (pages 1,"
                    + " entities 25, removals 0): page at start 0 says isLastPage false without nextPageStart"), run.out());
            assertTrue(run.out().contains("    users in " + w1 + ": complete (pages 1, entities 6,"), run.out());
            // And the inventory holds every repository and user the pages showed
            List<CloudRepo> w1Repos = sim.cloud().repositories(w1);
            Set<String> cloudShown = new HashSet<>();
            sim.cloud().repositories(w0).forEach(r -> cloudShown.add(AssetIds.cloud(r.uuid())));
            w1Repos.stream().filter(r -> r != w1Repos.get(100)).forEach(r -> cloudShown.add(AssetIds.cloud(r.uuid())));
            Set<String> repositories = ids(dir, "repositories");
            assertEquals(259 + 25, repositories.size());
            assertTrue(repositories.containsAll(cloudShown));
            Set<String> cloudMembers = sim.cloud().workspaces().stream().flatMap(w -> w.members().stream())
                    .map(u -> AssetIds.cloud(u.uuid())).collect(Collectors.toSet());
            Set<String> users = ids(dir, "users");
            assertEquals(cloudMembers.size() + sim.server().users().size(), users.size(), users.toString());
            assertTrue(users.containsAll(cloudMembers), users.toString());
        }
    }

    @Test
    void dataCenterWithoutAdminUsersBehindItsRateLimiterAndCloudsOwnLanguageValuesCompleteTheRun() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.builder().estate(EstateSpec.builder().cloudWorkspaces(1)
                .cloudRepos(48).cloudMembersPerWorkspace(3).catalogShare(0).languageShare(1.0).serverProjects(2)
                .serverRepos(60).serverUsers(4).seed(44).build()).serverAdminUsers(AdminUsers.NOT_FOUND).start()) {
            // Given: DC answers 404 to /admin/users and rate-limits the credential (a burst of 10, 20 a second) while
            // the connector is allowed 40 a second; Cloud's repositories carry Bitbucket's own language values
            sim.serverRateLimit().enable(10, 20);
            Path dir = Files.createTempDirectory("once-real");
            Path file = profiles(dir, cloud("cloud", sim, BitbucketSimulator.CLOUD_EMAIL,
                    BitbucketSimulator.CLOUD_API_TOKEN, null)
                    + "  - name: dc\n    type: server\n    baseUrl: " + sim.serverBase() + "\n    auth: {username: "
                    + BitbucketSimulator.SERVER_ADMIN + ", appPassword: " + BitbucketSimulator.SERVER_ADMIN_PASSWORD + "}\n");

            CliRun run = runOnce(dir, file, "2m", "request.rate.per.second=40", "request.rate.burst=40");

            // Then the run completes, the instance's users listed from /users
            assertEquals(0, run.exit(), run.out());
            String out = run.out();
            assertTrue(out.contains("First sync complete."), out);
            assertTrue(out.contains("    users of the instance: complete ("), out);
            for (var project : sim.server().projects()) {
                assertTrue(out.contains("    repositories in " + project.key() + ": complete ("), out);
            }
            assertTrue(sim.requests().all().stream().anyMatch(r -> r.status() == 429), "the server's bucket did refuse");
            // And the inventory holds every repository and user, Bitbucket's values under Linguist's names
            Set<String> users = ids(dir, "users");
            sim.server().users().forEach(u -> assertTrue(users.contains(AssetIds.server(sim.serverBase(), u.id())),
                    u.slug() + " in " + users));
            assertEquals(48 + 60, ids(dir, "repositories").size());
            Set<String> nodejs = sim.cloud().repositories(sim.cloud().workspaces().get(0).slug()).stream()
                    .filter(r -> "nodejs".equals(r.language())).map(r -> AssetIds.cloud(r.uuid()))
                    .collect(Collectors.toSet());
            assertTrue(!nodejs.isEmpty(), "the estate has nodejs repositories");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/inventory.db"));
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT repository_id, name, recognised FROM repository_languages WHERE raw = 'nodejs'")) {
                Set<String> recorded = new HashSet<>();
                while (rs.next()) {
                    assertEquals("JavaScript", rs.getString(2));
                    assertTrue(rs.getBoolean(3));
                    recorded.add(rs.getString(1));
                }
                assertEquals(nodejs, recorded);
            }
        }
    }

    @Test
    void everyWayAScopeFailsEndsTheRunWithItsReasonAndExitCode3() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.builder().estate(EstateSpec.builder().cloudWorkspaces(2)
                        .cloudRepos(20).cloudMembersPerWorkspace(2).catalogShare(0).seed(42).build())
                .credential(Credential.cloudApiToken("limited@example.com", "limited-token")
                        .withScopes("read:user:bitbucket", "read:workspace:bitbucket"))
                .start()) {
            String w0 = sim.cloud().workspaces().get(0).slug();
            String w1 = sim.cloud().workspaces().get(1).slug();
            // Given: w1's repository listing answers 500 to every try
            sim.inject(Fault.status(500).on("/2.0/repositories/" + w1).always());
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            Path dir = Files.createTempDirectory("once-failed");
            Path file = profiles(dir,
                    cloud("good", sim, BitbucketSimulator.CLOUD_EMAIL, BitbucketSimulator.CLOUD_API_TOKEN,
                            "[" + w0 + ", ghost, " + w1 + "]")
                    + cloud("refused", sim, BitbucketSimulator.CLOUD_EMAIL, "not-the-token", "[" + w0 + "]")
                    + cloud("limited", sim, "limited@example.com", "limited-token", "[" + w0 + "]")
                    + "  - name: down\n    type: server\n    baseUrl: http://127.0.0.1:" + closedPort + "\n"
                    + "    auth: {username: a, password: b}\n    projects: [PLAT]\n"
                    + "  - name: nowhere\n    type: cloud\n    baseUrl: http://127.0.0.1:" + closedPort + "/2.0\n"
                    + "    auth: {email: a@example.com, apiToken: t}\n");

            CliRun run = runOnce(dir, file, "2m");

            assertEquals(3, run.exit(), run.out());
            String out = run.out();
            assertTrue(out.contains("First sync ended; some scopes failed (exit code 3)."), out);
            assertTrue(out.contains("  profile good: 3 of 6 scope(s) failed"), out);
            assertTrue(out.contains("    repositories in " + w0 + ": complete ("), out);
            assertTrue(out.contains("    repositories in ghost: failed, not found: workspace 'ghost' not found"), out);
            assertTrue(out.contains("    users in ghost: failed, not found: workspace 'ghost' not found"), out);
            assertTrue(out.contains("    repositories in " + w1 + ": failed, unavailable: GET /2.0/repositories/"
                    + w1 + " answered 500"), out);
            assertTrue(out.contains("  profile refused: stopped: GET /2.0/repositories/" + w0 + " answered 401"), out);
            assertTrue(out.contains("    repositories in " + w0 + ": failed, credential refused: GET"), out);
            assertTrue(out.contains("  profile limited: 1 of 2 scope(s) failed"), out);
            assertTrue(out.contains("    repositories in " + w0 + ": failed, forbidden: repositories of workspace '"
                    + w0 + "' refused to this credential (403): it lacks read:repository:bitbucket"), out);
            assertTrue(out.contains("  profile down: 2 of 2 scope(s) failed"), out);
            assertTrue(out.contains("    repositories in PLAT: failed, unavailable: GET /rest/api/1.0/projects/PLAT/repos"
                    + " on 127.0.0.1 failed (ConnectException) after 2 attempt(s)"), out);
            assertTrue(out.contains("  profile nowhere: failed: cannot list its scopes: GET /2.0/user/workspaces on"
                    + " 127.0.0.1 failed (ConnectException) after 2 attempt(s)"), out);
        }
    }

    @Test
    void scopesHeldBackByRateLimitsOrTheRequestBudgetEndTheRunAtTheWaitLimitWithExitCode4() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.builder().estate(EstateSpec.builder().cloudWorkspaces(2)
                        .cloudRepos(300).cloudMembersPerWorkspace(2).catalogShare(0).seed(43).build())
                .credential(Credential.cloudApiToken("throttled@example.com", "throttled-token"))
                .start()) {
            String w0 = sim.cloud().workspaces().get(0).slug();
            String w1 = sim.cloud().workspaces().get(1).slug();
            // Given: Bitbucket rate-limits every listing of w1; and the connector's own budget is 2 requests an hour
            sim.inject(Fault.rateLimit().on("/2.0/repositories/" + w1).always());
            Path dir = Files.createTempDirectory("once-waiting");
            Path file = profiles(dir,
                    cloud("budget", sim, BitbucketSimulator.CLOUD_EMAIL, BitbucketSimulator.CLOUD_API_TOKEN, null)
                    + cloud("throttled", sim, "throttled@example.com", "throttled-token", "[" + w1 + "]"));

            long started = System.nanoTime();
            CliRun run = runOnce(dir, file, "4s", "request.budget.per.hour=2");
            long seconds = (System.nanoTime() - started) / 1_000_000_000;

            assertEquals(4, run.exit(), run.out());
            String out = run.out();
            assertTrue(out.contains("First sync did not end within 4s (--once-wait); stopped waiting (exit code 4)."),
                    out);
            assertTrue(out.contains("  profile budget: not ended (request budget left: 0)"), out);
            assertTrue(out.contains("    repositories in " + w0 + ": not ended: no scan of it has ended yet"), out);
            assertTrue(out.contains("  profile throttled: not ended (request budget left: "), out);
            assertTrue(out.contains("    repositories in " + w1 + ": not ended: rate-limited: GET /2.0/repositories/"
                    + w1 + " answered 429"), out);
            // And what was published before the wait ran out reached the inventory: w0's first page
            assertEquals(100, ids(dir, "repositories").size());
            assertTrue(seconds < 60, "ended in " + seconds + " s");
        }
    }
}
