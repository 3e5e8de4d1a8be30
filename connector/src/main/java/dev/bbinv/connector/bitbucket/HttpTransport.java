package dev.bbinv.connector.bitbucket;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bbinv.connector.config.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * GETs from one profile's Bitbucket host: authenticates, paces and spends the credential's request budget, retries
 * 429/5xx and timeouts with backoff (slowing the pace on 429), caps what it reads, closes every response and turns
 * failures into typed exceptions.
 */
public final class HttpTransport {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REASON_CHARS = 200;

    private final OkHttpClient client;
    private final HttpUrl base;
    private final RequestBudget budget;
    private final RequestPacer pacer;
    private final boolean refundRateLimited;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier random;
    private final long maxResponseBytes;
    private final AtomicLong requests = new AtomicLong();

    /** One parsed JSON response and its ETag. */
    public record JsonResponse(JsonNode body, String etag) {}

    /**
     * @param pacer             the credential's pace, or null for none
     * @param refundRateLimited a 429 is given back to the budget: true for Data Center, whose rate limiter rejects before
     *                          any work; false for Cloud, whose 429 is its hourly limit and counts against it
     */
    public HttpTransport(OkHttpClient shared, HttpUrl base, Credentials credentials, RequestBudget budget,
            RequestPacer pacer, boolean refundRateLimited, RetryPolicy retry, Sleeper sleeper, Clock clock,
            long maxResponseBytes) {
        this.pacer = pacer;
        this.refundRateLimited = refundRateLimited;
        this.client = shared.newBuilder().addInterceptor(new AuthInterceptor(base.host(), credentials)).build();
        this.base = base;
        this.budget = budget;
        this.retry = retry;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = () -> ThreadLocalRandom.current().nextDouble();
        this.maxResponseBytes = maxResponseBytes;
    }

    public HttpUrl base() {
        return base;
    }

    /** Requests sent so far (every attempt counts, as it does against Bitbucket's limit). */
    public long requestCount() {
        return requests.get();
    }

    /** Requests left in the credential's budget window, shared with every profile using the credential. */
    public int budgetLeft() {
        return budget.remaining();
    }

    /**
     * Resolves a {@code next} link; refuses one that leaves the configured scheme, host or port, because following it
     * would send the credential elsewhere.
     */
    public HttpUrl sameHostUrl(String link) {
        HttpUrl url = HttpUrl.parse(link);
        if (url == null) {
            throw new BitbucketProtocolException("next link is not a URL");
        }
        if (!url.scheme().equals(base.scheme()) || !url.host().equalsIgnoreCase(base.host()) || url.port() != base.port()) {
            throw new BitbucketProtocolException("next link points to " + url.scheme() + "://" + url.host() + ":"
                    + url.port() + ", not the configured API host " + base.host() + "; not followed");
        }
        return url;
    }

    public JsonResponse getJson(HttpUrl url) {
        Fetched fetched = fetch(url, maxResponseBytes, false);
        if (fetched.tooLarge) {
            throw new BitbucketProtocolException("GET " + url.encodedPath() + " returned more than " + maxResponseBytes
                    + " bytes");
        }
        try {
            return new JsonResponse(JSON.readTree(fetched.bytes), fetched.etag);
        } catch (IOException e) {
            throw new BitbucketProtocolException("GET " + url.encodedPath() + " returned invalid JSON: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * A file's bytes; 404 is {@code ABSENT}, more than {@code maxBytes} is {@code TOO_LARGE} (not read further), 401/403
     * is {@code UNREADABLE} with its status and reason: a file the credential may not read must not stop the profile.
     */
    public CatalogFile getFile(HttpUrl url, long maxBytes, String ref) {
        Fetched fetched = fetch(url, maxBytes, true);
        if (fetched.status == 404) {
            return CatalogFile.absent(ref);
        }
        if (fetched.status == 401 || fetched.status == 403) {
            return CatalogFile.unreadable(ref, "GET " + url.encodedPath() + " answered " + fetched.status
                    + (fetched.reason == null || fetched.reason.isBlank() ? "" : ": " + fetched.reason));
        }
        if (fetched.tooLarge) {
            return new CatalogFile(CatalogFile.Status.TOO_LARGE, null, fetched.declaredLength, fetched.etag, ref);
        }
        return new CatalogFile(CatalogFile.Status.FOUND, fetched.bytes, fetched.bytes.length, fetched.etag, ref);
    }

    private record Fetched(int status, byte[] bytes, boolean tooLarge, long declaredLength, String etag, String reason) {
        Fetched(int status, byte[] bytes, boolean tooLarge, long declaredLength, String etag) {
            this(status, bytes, tooLarge, declaredLength, etag, null);
        }
    }

    /** {@code fileFetch}: 404, 401 and 403 are answers about the file, returned rather than thrown. */
    private Fetched fetch(HttpUrl url, long cap, boolean fileFetch) {
        String path = url.encodedPath();
        Request request = new Request.Builder().url(url).get().header("Accept", "application/json").build();
        for (int attempt = 1; ; attempt++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ScanCancelledException(new InterruptedException());
            }
            if (pacer != null) {
                pacer.acquire();
            }
            budget.acquire();
            requests.incrementAndGet();
            long started = System.nanoTime();
            Duration delay;
            try (Response response = client.newCall(request).execute()) {
                LOG.debug("GET {} -> {} in {} ms", path, response.code(), (System.nanoTime() - started) / 1_000_000);
                Duration retryAfter = retryAfter(response.header("Retry-After"));
                paced(response.code(), retryAfter);
                if (response.isSuccessful()) {
                    return read(response, cap);
                }
                if (fileFetch && response.code() == 404) {
                    return new Fetched(404, null, false, 0, null);
                }
                if (fileFetch && (response.code() == 401 || response.code() == 403)) {
                    return new Fetched(response.code(), null, false, 0, null, reason(response));
                }
                BitbucketApiException failure = new BitbucketApiException("GET", path, response.code(),
                        retryAfter, reason(response));
                if (!failure.isRetryable() || attempt >= retry.maxAttempts()) {
                    throw failure;
                }
                delay = retry.delay(attempt, failure.retryAfter(), random.getAsDouble());
                LOG.warn("GET {} answered {}; retry {}/{} in {} ms", path, failure.status(), attempt,
                        retry.maxAttempts() - 1, delay.toMillis());
            } catch (IOException e) {
                if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)
                        || Thread.currentThread().isInterrupted()) {
                    throw new ScanCancelledException(new InterruptedException());
                }
                if (e instanceof UnknownHostException) {
                    throw new BitbucketUnavailableException("GET " + path + ": unknown host " + url.host(), e);
                }
                if (e instanceof SSLException) {
                    throw new BitbucketUnavailableException("GET " + path + ": TLS failure with " + url.host() + ": "
                            + e.getMessage(), e);
                }
                String what = e instanceof SocketTimeoutException ? "timed out" : "failed (" + e.getClass().getSimpleName() + ")";
                if (attempt >= retry.maxAttempts()) {
                    throw new BitbucketUnavailableException("GET " + path + " on " + url.host() + " " + what + " after "
                            + attempt + " attempt(s)", e);
                }
                delay = retry.delay(attempt, null, random.getAsDouble());
                LOG.warn("GET {} {}; retry {}/{} in {} ms", path, what, attempt, retry.maxAttempts() - 1, delay.toMillis());
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                throw new ScanCancelledException(e);
            }
        }
    }

    /** Tells the pacer (and for Data Center the budget) how the server took the request. */
    private void paced(int status, Duration retryAfter) {
        if (status == 429) {
            if (refundRateLimited) {
                budget.refund();
            }
            if (pacer != null) {
                pacer.rateLimited(retryAfter);
            }
        } else if (pacer != null) {
            pacer.succeeded();
        }
    }

    private static Fetched read(Response response, long cap) throws IOException {
        ResponseBody body = response.body();
        long declared = body.contentLength();
        String etag = response.header("ETag");
        if (declared > cap) {
            return new Fetched(response.code(), null, true, declared, etag);
        }
        BufferedSource source = body.source();
        if (source.request(cap + 1)) {
            return new Fetched(response.code(), null, true, declared, etag);
        }
        return new Fetched(response.code(), source.getBuffer().readByteArray(), false, declared, etag);
    }

    /** Bitbucket's own error text (Cloud {@code error.message}, DC {@code errors[0].message}, or plain text), shortened. */
    private static String reason(Response response) {
        try {
            BufferedSource source = response.body().source();
            source.request(4096);
            String text = source.getBuffer().clone().readUtf8(Math.min(4096, source.getBuffer().size())).trim();
            if (text.startsWith("{")) {
                JsonNode node = JSON.readTree(text);
                JsonNode cloud = node.path("error");
                if (cloud.hasNonNull("message")) {
                    String detail = cloud.path("detail").isValueNode() ? cloud.path("detail").asText()
                            : cloud.path("detail").path("required").toString();
                    return shorten(cloud.get("message").asText() + (detail.isBlank() || "[]".equals(detail)
                            ? "" : " (" + detail + ")"));
                }
                JsonNode errors = node.path("errors");
                if (errors.isArray() && !errors.isEmpty()) {
                    return shorten(errors.get(0).path("message").asText());
                }
            }
            return shorten(text);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_REASON_CHARS ? oneLine : oneLine.substring(0, MAX_REASON_CHARS) + "...";
    }

    private Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Duration.ofMillis(Math.max(0, at.toInstant().toEpochMilli() - clock.millis()));
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }
}
