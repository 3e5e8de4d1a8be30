package dev.bbinv.ops;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Settings of the metrics and status endpoint every bbinv process serves. */
public final class OpsConfig extends AbstractConfig {
    public static final String HTTP_PORT_CONFIG = "ops.http.port";
    public static final String HTTP_BIND_ADDRESS_CONFIG = "ops.http.bind.address";
    public static final int DEFAULT_PORT = 9464;

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(HTTP_PORT_CONFIG, Type.INT, DEFAULT_PORT, Range.between(0, 65535), Importance.MEDIUM,
                    "Port of the endpoint every process serves: /metrics (Prometheus), /status (JSON), /health; 0 picks a free one.")
            .define(HTTP_BIND_ADDRESS_CONFIG, Type.STRING, "127.0.0.1", Importance.LOW,
                    "Address the metrics and status endpoint listens on (0.0.0.0 in containers).");

    public OpsConfig(Map<String, ?> originals) {
        // Other roles' keys share the map; only these are validated here.
        super(CONFIG_DEF, originals, false);
    }

    public int httpPort() {
        return getInt(HTTP_PORT_CONFIG);
    }

    public String httpBindAddress() {
        return getString(HTTP_BIND_ADDRESS_CONFIG);
    }
}
