package dev.bbinv.sink.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.bbinv.sink.db.RemovedFilter;

/** The query string rules at their boundaries: value length, integer range, removed filter, echoed input. */
class QueryParametersTest {
    private static final Set<String> ALLOWED = Set.of("limit", "removed", "q");

    private static String bad(String query) {
        return assertThrows(BadRequestException.class, () -> QueryParameters.parse(query, ALLOWED)).getMessage();
    }

    @Test
    void aValueOfExactlyTheMaximumLengthIsAcceptedAndOneMoreIsNot() {
        String longest = "x".repeat(QueryParameters.MAX_VALUE_LENGTH);
        QueryParameters.parse("q=" + longest, ALLOWED);
        assertEquals("parameter 'q' is longer than 1000 characters", bad("q=" + longest + "x"));
    }

    @Test
    void integersAreAcceptedFromMinToMaxInclusive() {
        assertEquals(1, QueryParameters.parse("limit=1", ALLOWED).integer("limit", 50, 1, 500));
        assertEquals(500, QueryParameters.parse("limit=500", ALLOWED).integer("limit", 50, 1, 500));
        assertEquals(50, QueryParameters.parse(null, ALLOWED).integer("limit", 50, 1, 500));
        for (String outside : new String[] {"0", "501", "ten"}) {
            assertEquals("parameter 'limit' must be a whole number from 1 to 500, got '" + outside + "'",
                    assertThrows(BadRequestException.class, () -> QueryParameters.parse("limit=" + outside, ALLOWED)
                            .integer("limit", 50, 1, 500)).getMessage());
        }
    }

    @Test
    void removedTakesTrueFalseOrAnyInAnyCase() {
        assertEquals(RemovedFilter.PRESENT_ONLY, QueryParameters.parse("removed=FALSE", ALLOWED).removed(RemovedFilter.ANY));
        assertEquals(RemovedFilter.REMOVED_ONLY, QueryParameters.parse("removed=True", ALLOWED).removed(RemovedFilter.ANY));
        assertEquals(RemovedFilter.ANY, QueryParameters.parse("removed=any", ALLOWED).removed(RemovedFilter.PRESENT_ONLY));
        assertEquals(RemovedFilter.REMOVED_ONLY, QueryParameters.parse("", ALLOWED).removed(RemovedFilter.REMOVED_ONLY));
        assertEquals("parameter 'removed' must be true, false or any, got 'maybe'",
                assertThrows(BadRequestException.class, () -> QueryParameters.parse("removed=maybe", ALLOWED)
                        .removed(RemovedFilter.ANY)).getMessage());
    }

    @Test
    void echoedInputIsCutAfter100CharactersAndLosesControlCharacters() {
        assertEquals("a?b", QueryParameters.printable("a\nb"));
        String hundred = "y".repeat(100);
        assertEquals(hundred, QueryParameters.printable(hundred));
        assertEquals(hundred + "...", QueryParameters.printable(hundred + "z"));
        assertEquals("unknown parameter 'p?q'; allowed: limit, q, removed", bad("p%0Aq=1"));
        assertEquals("parameter 'q' is given more than once", bad("q=1&q=2"));
        assertEquals("parameter 'q' needs a value", bad("q"));
        assertEquals("parameter 'q' needs a value", bad("&q="));
    }
}
