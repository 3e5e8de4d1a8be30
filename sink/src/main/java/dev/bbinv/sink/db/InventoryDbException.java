package dev.bbinv.sink.db;

import java.sql.SQLException;

/** A database operation of the inventory failed; the message says which, the cause says why. */
public class InventoryDbException extends RuntimeException {
    private final boolean dataError;

    public InventoryDbException(String message, Throwable cause) {
        super(message, cause);
        this.dataError = isDataError(cause);
    }

    public InventoryDbException(String message) {
        super(message);
        this.dataError = false;
    }

    /**
     * Whether the database refused the data itself (e.g. PostgreSQL's "invalid byte sequence" for a NUL character,
     * a constraint) rather than being unavailable: retrying the same row would fail forever.
     */
    public boolean isDataError() {
        return dataError;
    }

    private static boolean isDataError(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    String state = e.getSQLState();
                    // SQLSTATE class 22 data exception, 23 integrity constraint violation.
                    if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                        return true;
                    }
                    // SQLite result codes: 18 TOOBIG, 19 CONSTRAINT, 20 MISMATCH (extended codes keep them in the low byte).
                    int code = e.getErrorCode() & 0xff;
                    if (state == null && (code == 18 || code == 19 || code == 20)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
