package dev.bbinv.sink.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MultiRowStatementTest {
    @Test
    void rowsPerStatementStaysWithinTheParameterLimit() {
        assertEquals(1_489, MultiRowStatement.rowsPerStatement(22, 0, MultiRowStatement.PARAMETER_LIMIT));
        assertEquals(363, MultiRowStatement.rowsPerStatement(22, 0, MultiRowStatement.MAX_PARAMETERS));
        assertEquals(7_999, MultiRowStatement.rowsPerStatement(1, 1, MultiRowStatement.MAX_PARAMETERS));
        assertEquals(2, MultiRowStatement.rowsPerStatement(3, 1, 7));
        assertThrows(IllegalArgumentException.class, () -> MultiRowStatement.rowsPerStatement(8, 0, 7));
    }

    @Test
    void valuesListAndMarksHaveOnePlaceholderPerValue() {
        assertEquals("(?, ?), (?, ?), (?, ?)", MultiRowStatement.valuesList(3, 2));
        assertEquals("?, ?, ?", MultiRowStatement.marks(3));
    }
}
