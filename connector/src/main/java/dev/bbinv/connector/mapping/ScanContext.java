package dev.bbinv.connector.mapping;

import dev.bbinv.connector.config.ServiceKind;
import dev.bbinv.connector.dialect.Dialect;

/** Which profile, instance, scope and scan an event comes from. */
public record ScanContext(String profile, ServiceKind kind, String baseUrl, String scope, String scanId) {

    public Dialect dialect() {
        return Dialect.of(kind);
    }
}
