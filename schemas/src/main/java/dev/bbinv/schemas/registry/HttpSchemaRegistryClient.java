package dev.bbinv.schemas.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of the Confluent Schema Registry REST API ({@code POST /subjects/{subject}/versions},
 * {@code GET /schemas/ids/{id}}) over {@link HttpClient}, with both directions cached for the life of the client,
 * so a serde asks the registry once per subject and schema and once per id. Works against any Confluent-compatible
 * registry; Basic credentials come from {@code user:pass@} in the URL or the {@code userInfo} argument.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_MESSAGE_CHARS = 300;

    private final RegistryEndpoint endpoint;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {}

    public HttpSchemaRegistryClient(URI registryUrl) {
        this(registryUrl, null, DEFAULT_TIMEOUT);
    }

    /**
     * @param userInfo "user:password" for Basic auth, or null to use the URL's own user info (if any)
     * @param timeout  bound on connecting and on each request
     */
    public HttpSchemaRegistryClient(URI registryUrl, String userInfo, Duration timeout) {
        this.endpoint = RegistryEndpoint.of(registryUrl, userInfo);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The registry base URL, without credentials. */
    public URI url() {
        return endpoint.base();
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String path = "/subjects/" + RegistryEndpoint.segment(subject) + "/versions";
        String body;
        try {
            body = json.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (IOException e) {
            throw new SchemaRegistryException("cannot encode the schema for subject '" + subject + "'", e);
        }
        JsonNode answer = call("POST", path, body, error -> registerRefused(subject, error));
        JsonNode id = answer.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new SchemaRegistryException("schema registry at " + endpoint + " answered POST " + path
                    + " without a numeric \"id\"", null);
        }
        idsBySubjectSchema.put(key, id.intValue());
        schemasById.putIfAbsent(id.intValue(), schema);
        return id.intValue();
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String path = "/schemas/ids/" + id;
        JsonNode answer = call("GET", path, null, error -> error.code == 404
                ? "schema registry at " + endpoint + " has no schema with id " + id
                : null);
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaRegistryException("schema registry at " + endpoint + " answered GET " + path
                    + " without a \"schema\" text", null);
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text.textValue());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("schema registry at " + endpoint + " returned an unparseable schema "
                    + "for id " + id + ": " + e.getMessage(), e);
        }
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced == null ? schema : raced;
    }

    private String registerRefused(String subject, ErrorAnswer error) {
        if (error.code == 409) {
            return "schema registry at " + endpoint + " refused the schema for subject '" + subject
                    + "' as incompatible with its earlier versions";
        }
        if (error.code == 422) {
            return "schema registry at " + endpoint + " rejected the schema for subject '" + subject + "' as invalid";
        }
        return null;
    }

    /** What an error answer said; used to phrase the exception. */
    private record ErrorAnswer(int code, int errorCode, String message) {}

    private interface Explainer {
        /** A sentence for this error, or null for the generic one. */
        String explain(ErrorAnswer answer);
    }

    private JsonNode call(String method, String path, String body, Explainer explainer) {
        URI uri = endpoint.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        endpoint.authorization().ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException("schema registry at " + endpoint + " is unreachable (" + method + " "
                    + path + "): " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while calling the schema registry at " + endpoint
                    + " (" + method + " " + path + ")", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return json.readTree(response.body());
            } catch (IOException e) {
                throw new SchemaRegistryException("schema registry at " + endpoint + " answered " + method + " " + path
                        + " with a body that is not JSON", e);
            }
        }
        ErrorAnswer error = parseError(status, response.body());
        String headline = explainer.explain(error);
        if (headline == null) {
            headline = status == 401 || status == 403
                    ? "schema registry at " + endpoint + " refused the credentials (" + method + " " + path + ")"
                    : "schema registry at " + endpoint + " failed " + method + " " + path;
        }
        throw new SchemaRegistryException(headline + " (HTTP " + status
                + (error.errorCode < 0 ? "" : ", error_code " + error.errorCode) + ")"
                + (error.message.isEmpty() ? "" : ": " + error.message), status, error.errorCode);
    }

    private ErrorAnswer parseError(int status, String body) {
        String text = body == null ? "" : body;
        try {
            JsonNode node = json.readTree(text);
            if (node != null && node.isObject()) {
                int code = node.path("error_code").asInt(-1);
                String message = node.path("message").asText("");
                return new ErrorAnswer(status, code, truncate(message));
            }
        } catch (IOException notJson) {
            // A proxy or a non-registry server answered: keep a short piece of what it said.
        }
        return new ErrorAnswer(status, -1, truncate(text.strip()));
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistryClient[" + endpoint + "]";
    }
}
