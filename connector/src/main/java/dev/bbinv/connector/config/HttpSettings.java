package dev.bbinv.connector.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** How the connector reaches Bitbucket: timeout, optional proxy, optional trust store for an on-premise CA. */
public record HttpSettings(Duration timeout, URI proxy, Path trustStore, Secret trustStorePassword, String trustStoreType) {

    public static HttpSettings defaults(Duration timeout) {
        return new HttpSettings(timeout, null, null, null, "PKCS12");
    }
}
