package dev.bbinv.sim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.bbinv.sim.auth.Credential;
import dev.bbinv.sim.auth.CredentialStore;
import dev.bbinv.sim.auth.Dialect;
import dev.bbinv.sim.fault.Fault;
import dev.bbinv.sim.log.RecordedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The one HTTP handler: picks the dialect by path prefix, authenticates, applies budgets and faults, calls
 * the Cloud or DC API, records the request and writes the response.
 */
public final class SimulatorHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorHttpHandler.class);
    private static final String CLOUD_PREFIX = "/2.0";
    private static final String[] SERVER_PREFIXES = {"/rest/api/1.0", "/rest/api/latest"};
    static final String CLOUD_RATE_LIMIT_BODY = "Rate limit for this resource has been exceeded";

    private final HttpSettings settings;
    private final CloudApi cloud;
    private final ServerApi server;

    public SimulatorHttpHandler(HttpSettings settings) {
        this.settings = settings;
        this.cloud = new CloudApi(settings);
        this.server = new ServerApi(settings);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath();
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        String method = exchange.getRequestMethod();
        String[] routeAndCredential = {method + " " + path, "anonymous"};
        SimResponse response;
        Dialect dialect = null;
        try {
            dialect = dialectOf(path);
            response = dialect == null ? SimResponse.text(404, "text/plain", "Not found")
                    : answer(dialect, exchange, method, path, rawQuery, routeAndCredential);
        } catch (BadRequest e) {
            response = dialect == Dialect.SERVER ? ServerApi.error(400, e.parameter(), e.getMessage(), null)
                    : CloudApi.error(400, e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        } catch (RuntimeException e) {
            LOG.warn("simulator failed on {} {}", method, path, e);
            response = dialect == Dialect.SERVER
                    ? ServerApi.error(500, null, "Internal simulator error: " + e.getClass().getSimpleName(), null)
                    : CloudApi.error(500, "Internal simulator error: " + e.getClass().getSimpleName(), null);
        }
        settings.log().record(new RecordedRequest(settings.clock().instant(), method, path, rawQuery,
                routeAndCredential[0], routeAndCredential[1], response.status()));
        write(exchange, response);
    }

    private SimResponse answer(Dialect dialect, HttpExchange exchange, String method, String path, String rawQuery,
                               String[] routeAndCredential) throws InterruptedException {
        List<String> segments = SimRequest.splitPath(stripPrefix(dialect, path));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        CredentialStore.Outcome auth = settings.credentials().authenticate(dialect, authorization);
        routeAndCredential[1] = auth.logLabel();
        Credential credential = auth.credential();
        if (dialect == Dialect.CLOUD) {
            CloudApi.Route route = CloudApi.resolve(segments);
            if (route == null) {
                return CloudApi.error(404, "Resource not found", "There is no API hosted at this URL.");
            }
            routeAndCredential[0] = route.template;
            if (!method.equals("GET")) {
                return CloudApi.error(405, "Method not allowed", null);
            }
            if (credential == null) {
                return CloudApi.error(401, "Unauthorized", "Invalid or missing credentials.")
                        .header("WWW-Authenticate", "Basic realm=\"Bitbucket.org HTTP\"");
            }
            if (!credential.hasScope(route.scope)) {
                return CloudApi.missingScope(credential, route.scope);
            }
            if (!settings.budget().tryAcquire(credential.id())) {
                return cloudRateLimited();
            }
            SimRequest req = new SimRequest(method, path, segments, rawQuery, SimRequest.parseQuery(rawQuery),
                    credential);
            int page = req.intParam("page", 1);
            SimResponse fault = preFaults(dialect, path, page);
            return fault != null ? fault : cloud.handle(route, req, page);
        }
        ServerApi.Route route = path.startsWith(ServerSearchApi.PREFIX + "/") ? ServerSearchApi.resolve(segments)
                : ServerApi.resolve(segments);
        if (route == null) {
            return ServerApi.error(404, null, "No resource is hosted at " + path, null);
        }
        routeAndCredential[0] = route.template;
        if (!method.equals("GET")) {
            return ServerApi.error(405, null, "Method " + method + " is not allowed", null);
        }
        if (route.needsAuth && credential == null) {
            boolean anonymous = authorization == null || authorization.isBlank();
            return anonymous
                    ? ServerApi.error(401, null, "You are not permitted to access this resource",
                    "com.atlassian.bitbucket.AuthorisationException")
                    : ServerApi.error(401, null, "Authentication failed. Please check your credentials and try again.",
                    "com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException");
        }
        long retryAfter = credential == null ? 0 : settings.serverRateLimit().tryAcquire(user(credential));
        if (retryAfter > 0) {
            return serverRateLimited(retryAfter);
        }
        if (credential != null && !settings.budget().tryAcquire(credential.id())) {
            return serverRateLimited(settings.budget().secondsUntilFree(credential.id()));
        }
        SimRequest req = new SimRequest(method, path, segments, rawQuery, SimRequest.parseQuery(rawQuery),
                credential);
        int page = server.pageOf(req);
        SimResponse fault = preFaults(dialect, path, page);
        return fault != null ? fault : server.handle(route, req, page);
    }

    /** DC limits users, not tokens: a user's HTTP access token shares the user's bucket. */
    private static String user(Credential credential) {
        return credential.username() != null ? credential.username() : credential.id().replaceFirst("^http-token:", "");
    }

    private SimResponse preFaults(Dialect dialect, String path, int page) throws InterruptedException {
        for (Fault f : settings.faults().take(dialect, path, page, Fault.Kind.DELAY, Fault.Kind.RATE_LIMIT,
                Fault.Kind.STATUS)) {
            switch (f.kind()) {
                case DELAY -> Thread.sleep(f.delay().toMillis());
                case RATE_LIMIT -> {
                    return dialect == Dialect.CLOUD ? cloudRateLimited() : serverRateLimited(f.retryAfterSeconds());
                }
                case STATUS -> {
                    return dialect == Dialect.CLOUD
                            ? CloudApi.error(f.status(), "Something went wrong", "Injected fault: HTTP " + f.status())
                            : ServerApi.error(f.status(), null, "Injected fault: HTTP " + f.status(), null);
                }
                default -> throw new IllegalStateException("not a pre-handler fault: " + f);
            }
        }
        return null;
    }

    // Cloud throttles with a bare text/plain 429 and, notoriously, no Retry-After.
    private static SimResponse cloudRateLimited() {
        return SimResponse.text(429, "text/plain", CLOUD_RATE_LIMIT_BODY);
    }

    private static SimResponse serverRateLimited(long retryAfterSeconds) {
        return ServerApi.error(429, null, "You have been rate limited. Please wait and try again.",
                        "com.atlassian.bitbucket.throttle.ThrottledException")
                .header("Retry-After", String.valueOf(retryAfterSeconds));
    }

    private static Dialect dialectOf(String path) {
        if (path.equals(CLOUD_PREFIX) || path.startsWith(CLOUD_PREFIX + "/")) {
            return Dialect.CLOUD;
        }
        for (String prefix : SERVER_PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return Dialect.SERVER;
            }
        }
        return path.startsWith(ServerSearchApi.PREFIX + "/") ? Dialect.SERVER : null;
    }

    private static String stripPrefix(Dialect dialect, String path) {
        if (dialect == Dialect.CLOUD) {
            return path.substring(CLOUD_PREFIX.length());
        }
        for (String prefix : SERVER_PREFIXES) {
            if (path.startsWith(prefix)) {
                return path.substring(prefix.length());
            }
        }
        return path.startsWith(ServerSearchApi.PREFIX) ? path.substring(ServerSearchApi.PREFIX.length()) : path;
    }

    private static void write(HttpExchange exchange, SimResponse response) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            for (Map.Entry<String, String> h : response.headers().entrySet()) {
                exchange.getResponseHeaders().set(h.getKey(), h.getValue());
            }
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            // The client gave up (e.g. its read timeout fired during an injected delay); nothing to answer.
            LOG.debug("client went away before the response to {} was written", exchange.getRequestURI().getPath());
        }
    }
}
