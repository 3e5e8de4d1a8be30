package dev.bbinv.sink.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Pure: which of the incoming asset rows of one batch are written: one per id, the latest version. */
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
}
