package dev.bbinv.sink.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class UserFacetTest {
    @Test
    void countsPresentUsersPerProfileFromTheUserProfileRowsOnly() {
        List<Object> params = new ArrayList<>();

        String sql = UserFacet.PROFILE.countSql(RemovedFilter.PRESENT_ONLY, params);

        assertEquals("SELECT p.profile AS v, COUNT(*) AS n FROM users u JOIN asset_profiles p ON p.asset_id = u.id"
                + " WHERE p.asset_type = 'user' AND u.removed = ? GROUP BY p.profile ORDER BY COUNT(*) DESC, p.profile",
                sql);
        assertEquals(List.of(false), params);
    }

    @Test
    void countsEveryUserPerScopeWhenRemovedOnesAreAsked() {
        List<Object> params = new ArrayList<>();

        String sql = UserFacet.SCOPE.countSql(RemovedFilter.ANY, params);

        assertEquals("SELECT s.scope AS v, COUNT(*) AS n FROM users u JOIN user_scopes s ON s.user_id = u.id"
                + " WHERE 1 = 1 GROUP BY s.scope ORDER BY COUNT(*) DESC, s.scope", sql);
        assertEquals(List.of(), params);
    }
}
