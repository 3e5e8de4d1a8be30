package dev.bbinv.schemas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.avro.Schema;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class PipelineSettingsTest {

    private static Map<String, Object> base() {
        Map<String, Object> m = new HashMap<>();
        m.put("kafka.bootstrap.servers", "broker:9092");
        m.put("schema.registry.url", "http://registry:8081");
        return m;
    }

    @Test
    void kafkaClientKeysLoseTheirPrefixAndPasswordsAreUnwrapped() {
        Map<String, Object> m = base();
        m.put("kafka.client.security.protocol", "SASL_SSL");
        m.put("kafka.client.sasl.jaas.config", new Password("secret-jaas"));
        m.put("kafka.client.bootstrap.servers", "elsewhere:1");
        m.put("kafka.client.", "ignored");
        m.put("poll.interval.ms", "5");

        Map<String, Object> out = PipelineSettings.kafkaClientOverrides(m);

        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", "secret-jaas"), out);
        assertEquals("broker:9092", PipelineSettings.adminProperties(m).get("bootstrap.servers"));
        assertEquals("SASL_SSL", PipelineSettings.adminProperties(m).get("security.protocol"));
    }

    @Test
    void theSharedDefinitionValidatesTheRegistryUrlAndHidesItsCredentials() {
        ConfigDef def = PipelineSettings.define(new ConfigDef());
        Map<String, Object> m = base();
        m.put("schema.registry.url", "ftp://user:pw-in-url@registry");
        ConfigException e = assertThrows(ConfigException.class, () -> new AbstractConfig(def, m, false));
        assertTrue(e.getMessage().contains("schema.registry.url"), e.getMessage());
        assertFalse(e.getMessage().contains("pw-in-url"), e.getMessage());

        m.put("schema.registry.url", "http://registry:8081");
        m.put("schema.registry.basic.auth.user.info", "svc:s3cret");
        AbstractConfig ok = new AbstractConfig(def, m, false);
        assertEquals("[hidden]", ok.getPassword("schema.registry.basic.auth.user.info").toString());
    }

    @Test
    void urlsArePrintedWithoutTheirCredentials() {
        assertEquals("http://[hidden]@registry:8081/x", PipelineSettings.withoutCredentials("http://svc:pw@registry:8081/x"));
        assertEquals("jdbc:postgresql://db/inv?user=bbinv&password=[hidden]&ssl=true",
                PipelineSettings.withoutCredentials("jdbc:postgresql://db/inv?user=bbinv&password=s3cret&ssl=true"));
        assertEquals("http://registry:8081", PipelineSettings.withoutCredentials("http://registry:8081"));
    }

    @Test
    void theRegistryClientSendsTheConfiguredBasicCredentials() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"id\":7}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Map<String, Object> m = base();
            m.put("schema.registry.url", "http://127.0.0.1:" + server.getAddress().getPort());
            m.put("schema.registry.basic.auth.user.info", "svc:s3cret");
            AbstractConfig config = new AbstractConfig(PipelineSettings.define(new ConfigDef()), m, false);
            Schema schema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"T\",\"fields\":[]}");

            assertEquals(7, PipelineSettings.registryClient(config).register("t-value", schema));

            String expected = "Basic " + Base64.getEncoder().encodeToString("svc:s3cret".getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of(expected), authorizations);
        } finally {
            server.stop(0);
        }
    }
}
