package dev.bbinv.sink.db;

/** A page was asked for after or before an asset that is no longer in the inventory, so its place is unknown. */
public final class PageAnchorGoneException extends RuntimeException {
    public PageAnchorGoneException(String message) {
        super(message);
    }
}
