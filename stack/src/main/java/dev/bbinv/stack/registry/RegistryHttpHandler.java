package dev.bbinv.stack.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Serves the Confluent Schema Registry REST subset over a {@link RegistryService}: routes by method and path,
 * turns JSON into calls and {@link RegistryError}s into Confluent's {@code {"error_code", "message"}} bodies.
 */
final class RegistryHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final RegistryService service;
    private final ObjectMapper json = new ObjectMapper();

    RegistryHttpHandler(RegistryService service) {
        this.service = service;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            Object body;
            try {
                body = route(exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()), exchange);
            } catch (RegistryError e) {
                status = e.httpStatus;
                body = error(e.errorCode, e.getMessage());
                if (e.httpStatus >= 500) {
                    LOG.error("Schema registry request {} {} failed: {}", exchange.getRequestMethod(),
                            exchange.getRequestURI().getRawPath(), e.getMessage(), e.getCause());
                }
            } catch (RuntimeException e) {
                status = 500;
                body = error(50001, "Error in the registry: " + e.getMessage());
                LOG.error("Schema registry request {} {} failed", exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), e);
            }
            byte[] bytes = json.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private Object route(String method, List<String> path, HttpExchange exchange) throws IOException {
        int n = path.size();
        if (n == 0) {
            return only(method, "GET", Map.of());
        }
        switch (path.get(0)) {
            case "subjects" -> {
                if (n == 1) {
                    only(method, "GET", null);
                    return service.subjects();
                }
                String subject = path.get(1);
                if (n == 2) {
                    only(method, "POST", null);
                    return versionBody(service.lookup(subject, schemaText(exchange)));
                }
                if (path.get(2).equals("versions")) {
                    if (n == 3 && method.equals("POST")) {
                        return Map.of("id", service.register(subject, schemaText(exchange)));
                    }
                    if (n == 3) {
                        only(method, "GET", null);
                        return service.versions(subject);
                    }
                    if (n == 4) {
                        only(method, "GET", null);
                        return versionBody(service.version(subject, path.get(3)));
                    }
                    if (n == 5 && path.get(4).equals("schema")) {
                        only(method, "GET", null);
                        return json.readTree(service.version(subject, path.get(3)).schema());
                    }
                }
            }
            case "schemas" -> {
                if (n == 2 && path.get(1).equals("types")) {
                    only(method, "GET", null);
                    return List.of("AVRO");
                }
                if (n >= 3 && n <= 4 && path.get(1).equals("ids")) {
                    only(method, "GET", null);
                    int id = schemaId(path.get(2));
                    String schema = service.schemaById(id);
                    if (n == 3) {
                        return Map.of("schema", schema);
                    }
                    if (path.get(3).equals("schema")) {
                        return json.readTree(schema);
                    }
                }
            }
            case "config" -> {
                // A per-subject level is not kept: every subject follows the global level.
                if (n <= 2 && method.equals("GET")) {
                    return Map.of("compatibilityLevel", service.compatibility().name());
                }
                if (n == 1 && method.equals("PUT")) {
                    JsonNode request = readJson(exchange);
                    Compatibility level;
                    try {
                        level = Compatibility.parse(request.path("compatibility").asText(null));
                    } catch (IllegalArgumentException e) {
                        throw new RegistryError(422, 42203, "Invalid compatibility level: " + e.getMessage());
                    }
                    service.setCompatibility(level);
                    return Map.of("compatibility", level.name());
                }
                if (n <= 2) {
                    throw methodNotAllowed(method);
                }
            }
            default -> {
                // falls through to 404
            }
        }
        throw new RegistryError(404, 404, "HTTP 404 Not Found");
    }

    private static Object only(String method, String allowed, Object result) {
        if (!method.equals(allowed)) {
            throw methodNotAllowed(method);
        }
        return result;
    }

    private static RegistryError methodNotAllowed(String method) {
        return new RegistryError(405, 405, "HTTP 405 Method Not Allowed: " + method);
    }

    private static int schemaId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RegistryError.schemaNotFound(text);
        }
    }

    private String schemaText(HttpExchange exchange) throws IOException {
        JsonNode request = readJson(exchange);
        String type = request.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw RegistryError.invalidSchema("schema type " + type + " is not supported; this registry serves AVRO");
        }
        if (request.path("references").size() > 0) {
            throw RegistryError.invalidSchema("schema references are not supported");
        }
        JsonNode schema = request.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw RegistryError.invalidSchema("the request body needs a \"schema\" field holding the schema as a string");
        }
        return schema.textValue();
    }

    private JsonNode readJson(HttpExchange exchange) throws IOException {
        // A browser may send a cross-site form (text/plain, form-urlencoded) without asking first; JSON types it may not.
        if (!acceptsContentType(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            throw new RegistryError(415, 415, "HTTP 415 Unsupported Media Type: send the body as "
                    + CONTENT_TYPE + " or application/json");
        }
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new RegistryError(413, 413, "request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new RegistryError(422, 422, "Unrecognized request body: expected a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RegistryError(422, 422, "Unrecognized request body: " + e.getOriginalMessage());
        }
    }

    /** Whether a request body of this {@code Content-Type} is read: the registry's own JSON type or plain JSON. Pure. */
    static boolean acceptsContentType(String header) {
        if (header == null) {
            return false;
        }
        String type = header.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals(CONTENT_TYPE) || type.equals("application/json");
    }

    private static Map<String, Object> versionBody(SchemaRecord record) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", record.subject());
        body.put("version", record.version());
        body.put("id", record.id());
        body.put("schema", record.schema());
        return body;
    }

    private static Map<String, Object> error(int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", code);
        body.put("message", message);
        return body;
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                segments.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }
}
