package dev.bbinv.ops;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

import dev.bbinv.schemas.http.LocalOnly;

/** Settings of the metrics and status endpoint every bbinv process serves. */
public final class OpsConfig extends AbstractConfig {
    public static final String HTTP_PORT_CONFIG = "ops.http.port";
    public static final String HTTP_BIND_ADDRESS_CONFIG = "ops.http.bind.address";
    public static final String HTTP_TOKEN_CONFIG = "ops.http.token";
    /** The query API's token, which the ops endpoint takes when it has none of its own. */
    static final String API_TOKEN_CONFIG = "api.token";
    public static final int DEFAULT_PORT = 9464;

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(HTTP_PORT_CONFIG, Type.INT, DEFAULT_PORT, Range.between(0, 65535), Importance.MEDIUM,
                    "Port of the endpoint every process serves: /metrics (Prometheus), /status (JSON), /health; 0 picks a free one.")
            .define(HTTP_BIND_ADDRESS_CONFIG, Type.STRING, "127.0.0.1", Importance.LOW,
                    "Address the metrics and status endpoint listens on (0.0.0.0 in containers); any address but "
                            + "loopback needs a token (ops.http.token or api.token), else the process refuses to start.")
            .define(HTTP_TOKEN_CONFIG, Type.PASSWORD, null, Importance.LOW,
                    "Bearer token /metrics and /status require (Authorization: Bearer <token>); unset, api.token is "
                            + "used when set. /health stays open for health checks.");

    public OpsConfig(Map<String, ?> originals) {
        // Other roles' keys share the map; only these are validated here.
        super(CONFIG_DEF, originals, false);
        LocalOnly.requireTokenOffLoopback(HTTP_BIND_ADDRESS_CONFIG, httpBindAddress(), HTTP_TOKEN_CONFIG, httpToken());
    }

    /** {@code ops.http.token}, else {@code api.token}; null when neither is set. */
    public String httpToken() {
        Password own = getPassword(HTTP_TOKEN_CONFIG);
        if (own != null && !own.value().isBlank()) {
            return own.value();
        }
        Object api = originals().get(API_TOKEN_CONFIG);
        String value = api instanceof Password p ? p.value() : api == null ? null : api.toString();
        return value == null || value.isBlank() ? null : value;
    }

    public int httpPort() {
        return getInt(HTTP_PORT_CONFIG);
    }

    public String httpBindAddress() {
        return getString(HTTP_BIND_ADDRESS_CONFIG);
    }
}
