package dev.bbinv.sink.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class LatestVersionsTest {
    private record Row(String id, long version, String tag) {}

    @Test
    void onePerIdKeepsTheHighestVersionAndTheLaterOfEqualOnes() {
        List<Row> rows = List.of(new Row("a", 2, "a2"), new Row("b", 1, "b1"), new Row("a", 1, "a1"),
                new Row("b", 1, "b1-later"), new Row("a", 3, "a3"));
        assertEquals(List.of(new Row("a", 3, "a3"), new Row("b", 1, "b1-later")),
                LatestVersions.onePerId(rows, Row::id, Row::version));
    }
}
