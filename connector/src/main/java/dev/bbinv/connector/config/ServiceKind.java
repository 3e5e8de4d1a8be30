package dev.bbinv.connector.config;

import java.util.Locale;

/** The Bitbucket dialect a profile talks to, as written in the profiles file. */
public enum ServiceKind {
    CLOUD, SERVER;

    /** {@code cloud} or {@code server} (case-insensitive), else null. */
    public static ServiceKind parse(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "cloud" -> CLOUD;
            case "server", "datacenter", "data-center" -> SERVER;
            default -> null;
        };
    }

    public dev.bbinv.schemas.avro.ServiceType avro() {
        return this == CLOUD ? dev.bbinv.schemas.avro.ServiceType.CLOUD : dev.bbinv.schemas.avro.ServiceType.SERVER;
    }
}
