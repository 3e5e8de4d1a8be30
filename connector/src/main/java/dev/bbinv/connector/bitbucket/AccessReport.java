package dev.bbinv.connector.bitbucket;

import java.util.List;

/**
 * What {@code profiles check} proved of one profile's access: what it saw (permissions proven, the DC user listing
 * that scans will use), and each permission or scope found missing, in words that name it.
 */
public record AccessReport(String seen, List<String> missing) {
    public AccessReport {
        missing = List.copyOf(missing);
    }

    /** Every permission the connector needs was proven. */
    public boolean complete() {
        return missing.isEmpty();
    }
}
