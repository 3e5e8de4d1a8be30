package dev.bbinv.connector.it;

import static dev.bbinv.connector.it.ConnectorIts.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.CatalogSettings;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.schemas.Topics;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.testkit.TestKafka;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A Data Center scan through the simulator's per-user token bucket (Bitbucket DC's rate limiter): the connector paces
 * itself below it, so few requests are rejected, the scan completes in bounded time, and the rejected ones do not use
 * up the hourly request budget. {@code -Dpacing.repos=1000 -Dpacing.burst=60 -Dpacing.refill=5} measures the estate
 * of issue #11 with the connector's default pace.
 */
@Timeout(900)
class RateLimitIT {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitIT.class);
    private static final int BUDGET = 100_000;

    @BeforeAll
    static void topics() {
        TestKafka.createTopics(Topics.all(3));
    }

    @Test
    void aDataCenterScanPacesBelowTheServersTokenBucketAndRejectedRequestsDoNotUseTheBudget() throws Exception {
        int repos = Integer.getInteger("pacing.repos", 200);
        int serverBurst = Integer.getInteger("pacing.burst", 20);
        double serverRefill = Double.parseDouble(System.getProperty("pacing.refill", "20"));
        // Deliberately faster than the server allows, so the pace must adapt (unless a measurement asks for defaults).
        String connectorRate = System.getProperty("pacing.connector.rate", "40");
        String connectorBurst = System.getProperty("pacing.connector.burst", "20");
        try (BitbucketSimulator sim = BitbucketSimulator.builder()
                .estate(EstateSpec.builder().serverProjects(4).serverRepos(repos).serverUsers(5).catalogShare(0.3)
                        .archivedShare(0).seed(41).build())
                .start()) {
            sim.serverRateLimit().enable(serverBurst, serverRefill);
            String name = unique("paced");
            Profile profile = Profile.server(name, URI.create(sim.serverBase()),
                    Credentials.basic(BitbucketSimulator.SERVER_ADMIN, Secret.of(BitbucketSimulator.SERVER_ADMIN_PASSWORD)),
                    List.of()).withCatalog(new CatalogSettings(true, "catalog-info.yaml", Map.of()));
            Map<String, Object> config = ConnectorIts.config(3_600_000, 3_600_000);
            config.put("retry.max.attempts", "5");
            config.put("retry.backoff.initial.ms", "100");
            config.put("retry.backoff.max.ms", "2000");
            config.put("request.budget.per.hour", String.valueOf(BUDGET));
            config.put("catalog.fetch.concurrency", "4");
            if (connectorRate.isEmpty()) {
                config.remove("request.rate.per.second"); // the connector's defaults
                config.remove("request.rate.burst");
            } else {
                config.put("request.rate.per.second", connectorRate);
                config.put("request.rate.burst", connectorBurst);
            }
            long started = System.nanoTime();
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (ConnectorRole role = ConnectorRole.start(config, List.of(profile))) {
                List<ProfileSync> sync = role.firstCompleteSync().get(600, TimeUnit.SECONDS);
                long elapsedMs = (System.nanoTime() - started) / 1_000_000;
                role.bindMetrics(meters);
                assertFalse(sync.get(0).stopped(), sync.toString());
                assertTrue(sync.get(0).scans().stream().allMatch(s -> s.finished()), sync.toString());

                long all = sim.requests().all().size();
                long rejected = sim.requests().all().stream().filter(r -> r.status() == 429).count();
                LOG.info("PACING {} DC repositories, server bucket burst {} refill {}/s, connector rate {} burst {}:"
                        + " {} requests, {} answered 429, {} ms to the first complete sync", repos, serverBurst,
                        serverRefill, connectorRate.isEmpty() ? "default" : connectorRate,
                        connectorRate.isEmpty() ? "default" : connectorBurst, all, rejected, elapsedMs);
                assertTrue(rejected <= all / 20, rejected + " of " + all + " requests were rejected (429)");
                // No stall: about as fast as the server's refill allows (twice that, plus start-up), not an hour.
                long bound = (long) (2_000 * repos / serverRefill) + 30_000;
                assertTrue(elapsedMs <= bound, "took " + elapsedMs + " ms, more than " + bound);
                // Every repository and its catalog file made it, none given up after its last attempt.
                assertEquals(repos, repositories(name).size());
                assertEquals(repos, catalogFiles(name).size());

                // DC's limiter rejects before any work and does not count: neither does the connector's budget.
                // The connector's own count: a request lost to an I/O error never reached the simulator's log, yet counts.
                long sent = 0;
                long answered429 = 0;
                for (FunctionCounter c : meters.find("bbinv.connector.requests").functionCounters()) {
                    sent += (long) c.count();
                    answered429 += "429".equals(c.getId().getTag("status")) ? (long) c.count() : 0;
                }
                assertEquals(rejected, answered429);
                double left = meters.get("bbinv.connector.budget.left").gauge().value();
                assertEquals(BUDGET - (sent - rejected), (long) left, "budget used by accepted requests only");
                assertTrue(rejected > 0 || !connectorRate.equals("40"),
                        "a pace above the server's made it answer 429 at least once");
            }
        }
    }
}
