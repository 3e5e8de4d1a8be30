package dev.bbinv.sink.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Pure: which incoming asset rows may be written, given the versions the database already holds. */
final class LatestVersions {
    private LatestVersions() {}

    /**
     * One row per id: the highest version, the later one on a tie (a replayed mapping fix lands). A multi-row
     * upsert must not name one key twice (PostgreSQL refuses it), and the later of two equal versions must win.
     */
    static <T> List<T> onePerId(List<T> rows, Function<T, String> id, ToLongFunction<T> version) {
        Map<String, T> latest = new LinkedHashMap<>();
        for (T row : rows) {
            latest.merge(id.apply(row), row,
                    (old, neu) -> version.applyAsLong(neu) >= version.applyAsLong(old) ? neu : old);
        }
        return new ArrayList<>(latest.values());
    }

    /** The rows whose version is exactly the stored one: after a guarded upsert, the ones whose upsert won. */
    static <T> List<T> heldExactly(List<T> rows, Map<String, Long> stored, Function<T, String> id,
                                   ToLongFunction<T> version) {
        List<T> won = new ArrayList<>(rows.size());
        for (T row : rows) {
            Long current = stored.get(id.apply(row));
            if (current != null && current == version.applyAsLong(row)) {
                won.add(row);
            }
        }
        return won;
    }
}
