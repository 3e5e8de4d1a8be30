package dev.bbinv.sink.db;

/** The inventory a reading command asked for does not exist yet: no SQLite file, or a database without its tables. */
public final class NoInventoryException extends RuntimeException {
    public NoInventoryException(String message) {
        super(message);
    }
}
