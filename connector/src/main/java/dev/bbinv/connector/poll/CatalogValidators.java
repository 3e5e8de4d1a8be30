package dev.bbinv.connector.poll;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.TreeMap;

import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.config.CatalogSettings;
import dev.bbinv.connector.mapping.RawEvents;

/**
 * Pure: the validator of a catalog fetch result (status, content, reason) and when it was fetched, for Data Center,
 * where nothing in the repository JSON moves on a push: {@code result:<hash>@<epoch millis>}.
 */
public final class CatalogValidators {
    /** Prefix that tells a result validator from a Cloud updated_on one. */
    static final String RESULT = "result:";
    private static final char AT = '@';
    private static final String SETTINGS = "catalog:";
    private static final String SETTINGS_OFF = "off";
    /** The result part of every ABSENT fetch's validator (hashed once: it is asked for each listed repository). */
    private static final String ABSENT = ofResult(CatalogFile.absent(null));

    /** The validator of {@code file} fetched at {@code fetchedAt}. */
    public static String ofResult(CatalogFile file, Instant fetchedAt) {
        return ofResult(file) + AT + fetchedAt.toEpochMilli();
    }

    /** Whether two validators name the same result, whenever each was fetched. */
    public static boolean sameResult(String a, String b) {
        return a != null && b != null && resultOf(a).equals(resultOf(b));
    }

    /**
     * Whether {@code validator} records a fetch that found no file (ABSENT), whenever it was fetched; false for null or
     * a validator of another kind.
     */
    static boolean isAbsent(String validator) {
        return validator != null && validator.startsWith(RESULT)
                && resultOf(validator).equals(ABSENT);
    }

    /**
     * Whether the file behind {@code validator} should be asked again at {@code now}: never fetched, fetched longer ago
     * than {@code refresh}, or a validator of another kind.
     */
    public static boolean due(String validator, Instant now, Duration refresh) {
        if (validator == null || !validator.startsWith(RESULT)) {
            return true;
        }
        int at = validator.lastIndexOf(AT);
        if (at < 0) {
            return true;
        }
        try {
            Instant fetched = Instant.ofEpochMilli(Long.parseLong(validator.substring(at + 1)));
            return !fetched.plus(refresh).isAfter(now);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /**
     * The fingerprint of a profile's catalog settings, stored with each repository's checkpoint: {@code off} when
     * disabled, else {@code catalog:<hash of the file name>:<hash of the attribute key overrides, in key order>}.
     */
    static String ofSettings(CatalogSettings settings) {
        if (!settings.enabled()) {
            return SETTINGS_OFF;
        }
        StringBuilder keys = new StringBuilder();
        new TreeMap<>(settings.attributeKeys()).forEach((k, v) -> keys.append(k).append('=').append(v).append('\0'));
        return SETTINGS + RawEvents.fingerprint(settings.fileName()) + ':' + RawEvents.fingerprint(keys.toString());
    }

    /** Whether two settings fingerprints name the same file, enabled in both: only the attribute keys may differ. */
    static boolean sameFile(String a, String b) {
        return a != null && b != null && a.startsWith(SETTINGS) && b.startsWith(SETTINGS)
                && a.substring(0, a.lastIndexOf(':')).equals(b.substring(0, b.lastIndexOf(':')));
    }

    /**
     * Whether a checkpoint recorded under {@code recorded} must be brought to {@code current}. A checkpoint written
     * before settings were recorded (null) counts as current: an upgrade must not re-fetch every file.
     */
    static boolean settingsChanged(String recorded, String current) {
        return recorded != null && !recorded.equals(current);
    }

    private static String resultOf(String validator) {
        int at = validator.lastIndexOf(AT);
        return at < 0 ? validator : validator.substring(0, at);
    }

    static String ofResult(CatalogFile file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(file.status().name().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            if (file.content() != null) {
                digest.update(file.content());
            }
            digest.update((byte) 0);
            digest.update(String.valueOf(file.sizeBytes()).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            if (file.reason() != null) {
                digest.update(file.reason().getBytes(StandardCharsets.UTF_8));
            }
            return RESULT + HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private CatalogValidators() {}
}
