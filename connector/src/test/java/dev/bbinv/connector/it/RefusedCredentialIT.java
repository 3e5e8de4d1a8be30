package dev.bbinv.connector.it;

import static dev.bbinv.connector.it.ConnectorIts.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.connector.poll.ProfileState;
import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.schemas.Topics;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;

/** A credential Bitbucket refused (401) is tried again on a slow backoff, and the profile connects once it works. */
@Timeout(120)
class RefusedCredentialIT {

    @BeforeAll
    static void topics() {
        TestKafka.createTopics(Topics.all(3));
    }

    @Test
    void aRefusedCredentialIsTriedAgainAndTheProfileConnectsWithoutARestart() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.builder()
                .estate(EstateSpec.builder().serverProjects(1).serverRepos(12).serverUsers(2).catalogShare(0)
                        .archivedShare(0).seed(51).build())
                .start()) {
            sim.credentials().suspend(BitbucketSimulator.SERVER_ADMIN);
            String name = unique("refused");
            Profile profile = Profile.server(name, URI.create(sim.serverBase()),
                    Credentials.basic(BitbucketSimulator.SERVER_ADMIN, Secret.of(BitbucketSimulator.SERVER_ADMIN_PASSWORD)),
                    List.of());
            Map<String, Object> config = ConnectorIts.config(3_600_000, 3_600_000);
            config.put("auth.retry.backoff.ms", "700");
            try (ConnectorRole role = ConnectorRole.start(config, List.of(profile))) {
                // The first sync still ends, as failed, so `--once` can report it and exit.
                ProfileSync sync = role.firstCompleteSync().get(30, TimeUnit.SECONDS).get(0);
                assertTrue(sync.stopped() && sync.reason().contains("401"), sync.toString());
                ProfileState failed = role.profileStates().get(0);
                assertEquals(ProfileState.FAILED, failed.state());
                assertTrue(failed.reason().contains("401") && failed.reason().contains(", retrying at "),
                        failed.reason());
                Instant retryAt = Instant.parse(failed.reason().substring(failed.reason().lastIndexOf(' ') + 1));
                assertTrue(retryAt.isAfter(Instant.now().minusSeconds(5)) && retryAt.isBefore(Instant.now().plusSeconds(5)),
                        "retrying at the backoff's end: " + retryAt);

                Await.until(Duration.ofSeconds(30), "the refused credential was tried again",
                        () -> sim.requests().count(r -> r.credential().equals("suspended:admin")) >= 3);
                long refused = sim.requests().count(r -> r.status() == 401);
                long sinceStart = sim.requests().all().get(sim.requests().all().size() - 1).at().toEpochMilli()
                        - sim.requests().all().get(0).at().toEpochMilli();
                assertTrue(refused <= sinceStart / 700 + 2, refused + " refusals in " + sinceStart + " ms: not paced");
                assertEquals(0, repositories(name).size());

                sim.credentials().restore(BitbucketSimulator.SERVER_ADMIN);
                Await.until(Duration.ofSeconds(30), () -> "Connected again, now " + role.profileStates().get(0),
                        () -> ProfileState.CONNECTED.equals(role.profileStates().get(0).state()));
                assertEquals(null, role.profileStates().get(0).reason());
                assertEquals(12, repositories(name).size());
            }
        }
    }
}
