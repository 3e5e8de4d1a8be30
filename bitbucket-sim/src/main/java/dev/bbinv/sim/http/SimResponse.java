package dev.bbinv.sim.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response the handler has decided on, written to the exchange by {@link SimulatorHttpHandler}. */
record SimResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
    static final ObjectMapper JSON = new ObjectMapper();

    static SimResponse json(int status, JsonNode node) {
        try {
            return new SimResponse(status, "application/json; charset=utf-8", new LinkedHashMap<>(),
                    JSON.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    static SimResponse text(int status, String contentType, String body) {
        return new SimResponse(status, contentType, new LinkedHashMap<>(), body.getBytes(StandardCharsets.UTF_8));
    }

    SimResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
