package dev.bbinv.enricher.state;

import static dev.bbinv.enricher.Fixtures.T0;
import static dev.bbinv.enricher.Fixtures.cloud;
import static dev.bbinv.enricher.Fixtures.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.enricher.normalize.UserFacts;
import dev.bbinv.enricher.normalize.UserNormalizer;
import dev.bbinv.schemas.avro.UserAsset;

class UserAggregateTest {
    private final UserAggregate aggregate = new UserAggregate(new EmitPolicy(Duration.ofHours(24)));
    private final UserFacts erik = UserNormalizer.normalize(cloud("p", "ws", T0),
            resource("cloud/workspace-membership.json"));

    @Test
    void aCloudUserListsTheWorkspacesItIsSeenIn() {
        UserAggregate.Step first = aggregate.seen(UserState.EMPTY, erik, new Sighting("p", "ws-a"), T0, 0);
        assertEquals(List.of("ws-a"), first.emitted().getScopes());
        UserAggregate.Step second = aggregate.seen(first.state(), erik, new Sighting("p", "ws-b"), T0.plusSeconds(1), 0);
        assertEquals(List.of("ws-a", "ws-b"), second.emitted().getScopes());
        assertEquals(List.of("p"), second.emitted().getProfiles());
        assertEquals(2, second.emitted().getVersion());

        UserAggregate.Step leftOne = aggregate.removed(second.state(), new Sighting("p", "ws-a"), "user-removed",
                T0.plusSeconds(2), 0);
        assertEquals(List.of("ws-b"), leftOne.emitted().getScopes());
        assertFalse(leftOne.emitted().getRemoved());

        UserAggregate.Step leftAll = aggregate.removed(leftOne.state(), new Sighting("p", "ws-b"), "user-removed",
                T0.plusSeconds(3), 0);
        assertTrue(leftAll.emitted().getRemoved());
        assertEquals(List.of("user-removed"), leftAll.emitted().getRemovedReasons());
    }

    @Test
    void anEmailSeenByOneCredentialIsNotErasedByAnotherThatCannotSeeIt() {
        UserAsset withEmail = aggregate.seen(UserState.EMPTY, erik, new Sighting("admin", "ws"), T0, 0).emitted();
        UserFacts withoutEmail = new UserFacts(erik.assetId(), erik.serviceType(), erik.baseUrl(), erik.accountId(),
                erik.username(), erik.displayName(), null, erik.active(), null);
        UserAggregate.Step step = aggregate.seen(
                aggregate.seen(UserState.EMPTY, erik, new Sighting("admin", "ws"), T0, 0).state(),
                withoutEmail, new Sighting("member", "ws"), T0.plusSeconds(1), 0);
        assertEquals(withEmail.getEmail(), step.emitted().getEmail());
    }

    @Test
    void anUnchangedUserIsNotWrittenAgainAndStateRoundTrips() {
        UserState s = aggregate.seen(UserState.EMPTY, erik, new Sighting("p", "ws"), T0, 0).state();
        UserAggregate.Step again = aggregate.seen(s, erik, new Sighting("p", "ws"), T0.plusSeconds(60), 0);
        assertNull(again.emitted());
        byte[] bytes = StateCodec.encode(again.state());
        assertArrayEquals(bytes, StateCodec.encode(StateCodec.decodeUser(bytes)));
    }
}
