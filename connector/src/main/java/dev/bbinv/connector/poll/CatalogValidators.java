package dev.bbinv.connector.poll;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.bbinv.connector.bitbucket.CatalogFile;

/** Pure: the validator of a catalog fetch result (status, content, reason), for files fetched every scan (DC). */
final class CatalogValidators {
    /** Prefix that tells a result validator from a Cloud updated_on one. */
    static final String RESULT = "result:";

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
