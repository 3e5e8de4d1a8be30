package dev.bbinv.sink.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.sink.Exporter;
import dev.bbinv.sink.db.CountDimension;
import dev.bbinv.sink.db.InventoryDbException;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.Page;
import dev.bbinv.sink.db.PageAnchorGoneException;
import dev.bbinv.sink.db.RemovedFilter;
import dev.bbinv.sink.db.RepositoryQuery;
import dev.bbinv.sink.db.RepositoryRecord;
import dev.bbinv.sink.db.UserQuery;
import dev.bbinv.sink.db.UserRecord;

/**
 * The JSON query API over the inventory, as one {@link HttpHandler} that can be mounted at any context path
 * (the sink serves it at {@code /}, {@code bbinv demo} may mount it elsewhere). Read-only: GET and HEAD.
 */
public final class InventoryHttpHandler implements HttpHandler {
    /** The user filters alone, without page: what the users download takes. */
    static final Set<String> USER_FILTERS = Set.of("profile", "removed", "name", "scope");
    static final Set<String> USER_PARAMETERS = union(USER_FILTERS, Set.of("limit", "offset", "after", "before"));
    static final Set<String> COUNT_PARAMETERS = Set.of("removed");
    static final Set<String> FACET_PARAMETERS = union(RepositoryQueryParser.FILTERS, Set.of("top"));
    static final Set<String> EXPORT_PARAMETERS = union(RepositoryQueryParser.FILTERS, Set.of("format"));
    static final Set<String> USER_EXPORT_PARAMETERS = union(USER_FILTERS, Set.of("format"));
    static final int DEFAULT_FACET_TOP = 50;
    static final String ENDPOINTS = "GET /repositories, /repositories/{id}, /users, /users/{id}, "
            + "/counts/languages, /counts/owners, /counts/lifecycles, /facets/repositories, /facets/users, "
            + "/export/repositories, /export/users, "
            + "/status, /health; the web page at /";
    private static final Logger LOG = LoggerFactory.getLogger(InventoryHttpHandler.class);

    private final InventoryReader reader;
    private final Exporter exporter;
    private final WebPage page = new WebPage();
    private volatile Supplier<?> status;

    public InventoryHttpHandler(InventoryReader reader) {
        this.reader = reader;
        this.exporter = new Exporter(reader);
    }

    /** Whether the page should ask for the API token first (the token itself is checked by the context's authenticator). */
    void requireTokenOnPage(boolean required) {
        page.requireToken(required);
    }

    /** Answers {@code /status} with this document (the process's ops status), for the web page's integrations view. */
    public void serveStatus(Supplier<?> statusDocument) {
        this.status = statusDocument;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                send(exchange, 405, error("only GET and HEAD are allowed"));
                return;
            }
            String path = relativePath(exchange);
            String query = exchange.getRequestURI().getRawQuery();
            try {
                route(exchange, path, query);
            } catch (BadRequestException e) {
                send(exchange, 400, error(e.getMessage()));
            } catch (PageAnchorGoneException e) {
                send(exchange, 400, error(QueryParameters.printable(e.getMessage())
                        + "; start again from the first page"));
            } catch (InventoryDbException e) {
                LOG.warn("API request {} failed: {}", path, e.getMessage());
                send(exchange, 503, error("the inventory database is not available; try again shortly"));
            } catch (RuntimeException e) {
                LOG.error("API request {} failed", path, e);
                send(exchange, 500, error("internal error"));
            }
        }
    }

    private void route(HttpExchange exchange, String path, String query) throws IOException {
        if (WebPage.serves(path)) {
            page.serve(exchange, path);
        } else if (path.equals("/repositories")) {
            RepositoryQuery q = RepositoryQueryParser.parse(query);
            Page<RepositoryRecord> page = reader.repositories(q);
            ObjectNode body = pageBody(page, q.limit(), q.offset());
            ArrayNode items = body.putArray("items");
            page.items().forEach(r -> items.add(AssetJson.repository(r)));
            send(exchange, 200, body);
        } else if (path.startsWith("/repositories/")) {
            QueryParameters.parse(query, Set.of());
            String id = decodeId(path.substring("/repositories/".length()));
            var found = reader.repository(id);
            if (found.isPresent()) {
                send(exchange, 200, AssetJson.repository(found.get()));
            } else {
                send(exchange, 404, error("no repository with id '" + QueryParameters.printable(id) + "'"));
            }
        } else if (path.equals("/users")) {
            QueryParameters p = QueryParameters.parse(query, USER_PARAMETERS);
            UserQuery q = userQuery(p, p.integer("limit", RepositoryQueryParser.DEFAULT_LIMIT, 1,
                    RepositoryQueryParser.MAX_LIMIT), p.integer("offset", 0, 0, Integer.MAX_VALUE), p.get("after"),
                    RepositoryQueryParser.before(p));
            Page<UserRecord> page = reader.users(q);
            ObjectNode body = pageBody(page, q.limit(), q.offset());
            ArrayNode items = body.putArray("items");
            page.items().forEach(u -> items.add(AssetJson.user(u)));
            send(exchange, 200, body);
        } else if (path.startsWith("/users/")) {
            QueryParameters.parse(query, Set.of());
            String id = decodeId(path.substring("/users/".length()));
            var found = reader.user(id);
            if (found.isPresent()) {
                send(exchange, 200, AssetJson.user(found.get()));
            } else {
                send(exchange, 404, error("no user with id '" + QueryParameters.printable(id) + "'"));
            }
        } else if (path.startsWith("/counts/")) {
            CountDimension dimension = dimension(path.substring("/counts/".length()));
            QueryParameters p = QueryParameters.parse(query, COUNT_PARAMETERS);
            ObjectNode body = AssetJson.MAPPER.createObjectNode();
            body.put("dimension", dimension.name().toLowerCase(Locale.ROOT));
            ArrayNode counts = body.putArray("counts");
            reader.counts(dimension, p.removed(RemovedFilter.PRESENT_ONLY))
                    .forEach(c -> counts.addObject().put("value", c.value()).put("count", c.count()));
            send(exchange, 200, body);
        } else if (path.equals("/facets/repositories")) {
            QueryParameters p = QueryParameters.parse(query, FACET_PARAMETERS);
            RepositoryQuery q = RepositoryQueryParser.fromParameters(p);
            ObjectNode body = AssetJson.MAPPER.createObjectNode();
            ObjectNode facets = body.putObject("facets");
            reader.facets(q, p.integer("top", DEFAULT_FACET_TOP, 1, 1_000)).forEach((facet, counts) -> {
                ArrayNode values = facets.putArray(facet.parameter());
                counts.forEach(c -> values.addObject().put("value", c.value()).put("count", c.count()));
            });
            send(exchange, 200, body);
        } else if (path.equals("/facets/users")) {
            QueryParameters p = QueryParameters.parse(query, COUNT_PARAMETERS);
            ObjectNode body = AssetJson.MAPPER.createObjectNode();
            ObjectNode facets = body.putObject("facets");
            ArrayNode scopes = facets.putArray("scope");
            reader.userScopes(p.removed(RemovedFilter.PRESENT_ONLY))
                    .forEach(c -> scopes.addObject().put("value", c.value()).put("count", c.count()));
            ArrayNode profiles = facets.putArray("profile");
            reader.userProfiles(p.removed(RemovedFilter.PRESENT_ONLY))
                    .forEach(c -> profiles.addObject().put("value", c.value()).put("count", c.count()));
            send(exchange, 200, body);
        } else if (path.equals("/export/repositories")) {
            QueryParameters p = QueryParameters.parse(query, EXPORT_PARAMETERS);
            RepositoryQuery q = RepositoryQueryParser.fromParameters(p);
            Exporter.Format format = format(p);
            download(exchange, "repositories", format, out -> exporter.exportRepositories(q, format, out));
        } else if (path.equals("/export/users")) {
            QueryParameters p = QueryParameters.parse(query, USER_EXPORT_PARAMETERS);
            UserQuery q = userFilter(p);
            Exporter.Format format = format(p);
            download(exchange, "users", format, out -> exporter.exportUsers(q, format, out));
        } else if (path.equals("/status")) {
            Supplier<?> document = status;
            if (document == null) {
                send(exchange, 404, error("this process serves no pipeline status"));
            } else {
                send(exchange, 200, AssetJson.MAPPER.valueToTree(document.get()));
            }
        } else if (path.equals("/health")) {
            reader.offsets(java.util.List.of());
            ObjectNode body = AssetJson.MAPPER.createObjectNode().put("status", "ok");
            send(exchange, 200, body);
        } else {
            send(exchange, 404, error("no such endpoint; the API serves " + ENDPOINTS));
        }
    }

    private static UserQuery userQuery(QueryParameters p, int limit, int offset, String after, String before) {
        return new UserQuery(p.get("profile"), p.removed(RemovedFilter.PRESENT_ONLY), p.get("name"), limit, offset,
                after, p.get("scope"), before);
    }

    /** The filters of {@link #USER_FILTERS} alone, for a walk that pages itself ({@link Exporter#exportUsers}). */
    private static UserQuery userFilter(QueryParameters p) {
        return userQuery(p, RepositoryQueryParser.DEFAULT_LIMIT, 0, null, null);
    }

    private static Exporter.Format format(QueryParameters p) {
        try {
            return Exporter.Format.parse(p.get("format") == null ? "jsonl" : p.get("format"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("parameter 'format' must be jsonl or csv, got '"
                    + QueryParameters.printable(p.get("format")) + "'");
        }
    }

    /** Streams the download (chunked), so that a large estate is never held in memory. */
    private static void download(HttpExchange exchange, String what, Exporter.Format format,
                                 Consumer<OutputStream> writer)
            throws IOException {
        boolean csv = format == Exporter.Format.CSV;
        exchange.getResponseHeaders().set("Content-Type", csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
        exchange.getResponseHeaders().set("Content-Disposition",
                "attachment; filename=\"" + what + "." + (csv ? "csv" : "jsonl") + "\"");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            writer.accept(out);
        } catch (java.io.UncheckedIOException | IOException e) {
            // The status went out with the first byte: a client that stops reading is all this can be.
            LOG.info("A download of the {} ended before its end: {}", what, e.getCause() == null ? e : e.getCause());
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }

    private static CountDimension dimension(String name) {
        for (CountDimension d : CountDimension.values()) {
            if (d.name().toLowerCase(Locale.ROOT).equals(name)) {
                return d;
            }
        }
        throw new BadRequestException("counts are by languages, owners or lifecycles, not '"
                + QueryParameters.printable(name) + "'");
    }

    private static String decodeId(String raw) {
        if (raw.isEmpty()) {
            throw new BadRequestException("an asset id is required after the slash (URL-encoded)");
        }
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("the asset id is not valid URL encoding");
        }
    }

    private static String relativePath(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        String context = exchange.getHttpContext().getPath();
        if (!context.equals("/") && path.startsWith(context)) {
            path = path.substring(context.endsWith("/") ? context.length() - 1 : context.length());
        }
        if (path.isEmpty()) {
            path = "/";
        }
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    /** {@code previous} / {@code next}: the ids to pass as {@code before} / {@code after} for the pages beside this one. */
    private static ObjectNode pageBody(Page<?> page, int limit, int offset) {
        return AssetJson.MAPPER.createObjectNode().put("total", page.total()).put("limit", limit).put("offset", offset)
                .put("previous", page.previous()).put("next", page.next());
    }

    private static ObjectNode error(String message) {
        return AssetJson.MAPPER.createObjectNode().put("error", message);
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = AssetJson.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
