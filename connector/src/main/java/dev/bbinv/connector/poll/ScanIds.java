package dev.bbinv.connector.poll;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Pure: a scan id that carries the scan's start ({@code 2026-11-29T03:00:00Z/uuid}), so a scan resumed after a
 * restart still knows when its listing began reading (its watermark may not be later than that).
 */
public final class ScanIds {

    public static String newId(Instant startedAt) {
        return startedAt + "/" + UUID.randomUUID();
    }

    /** When the scan began, or null for an id without a start (written before ids carried one). */
    public static Instant startedAt(String scanId) {
        int slash = scanId == null ? -1 : scanId.indexOf('/');
        if (slash < 0) {
            return null;
        }
        try {
            return Instant.parse(scanId.substring(0, slash));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private ScanIds() {}
}
