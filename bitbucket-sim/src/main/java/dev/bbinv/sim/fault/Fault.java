package dev.bbinv.sim.fault;

import dev.bbinv.sim.auth.Dialect;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One fault to inject: what goes wrong, on which requests (path regex, page, dialect) and how many times.
 * Immutable; each wither returns a copy. By default a fault matches every request once.
 * Pages are 1-based: Cloud's {@code page} parameter; for DC the page index of {@code start} at the answered limit.
 */
public final class Fault {
    /** What the fault does. */
    public enum Kind {
        /** 429: Cloud text/plain without Retry-After; DC JSON errors with Retry-After. */
        RATE_LIMIT,
        /** An error status (e.g. 500, 502, 503) with the dialect's error body. */
        STATUS,
        /** The response is held back for a while, then answered normally. */
        DELAY,
        /** The page omits Cloud {@code next}, or says DC {@code isLastPage:false} without {@code nextPageStart}. */
        MISSING_NEXT,
        /** The page also repeats the last item of the previous page. */
        DUPLICATES,
        /** Cloud {@code next} points to another host. */
        FOREIGN_NEXT,
        /** The page leaves out Cloud's {@code size} (optional: Bitbucket omits it when it is expensive to compute). */
        SIZE_OMITTED,
        /** The page's {@code size} claims {@code extra} more items than the listing serves (Cloud total; DC page count). */
        SIZE_INFLATED,
        /** The page leaves out its first item, as a listing that shifted while paged would; {@code size} still counts it. */
        SKIPS
    }

    private final Kind kind;
    private final Pattern path;
    private final Integer page;
    private final Dialect dialect;
    private final int times;
    private final int status;
    private final Duration delay;
    private final String host;
    private final int retryAfterSeconds;
    private final int extra;

    private Fault(Kind kind, Pattern path, Integer page, Dialect dialect, int times, int status, Duration delay,
                  String host, int retryAfterSeconds, int extra) {
        this.extra = extra;
        this.kind = kind;
        this.path = path;
        this.page = page;
        this.dialect = dialect;
        this.times = times;
        this.status = status;
        this.delay = delay;
        this.host = host;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    private static Fault of(Kind kind) {
        return new Fault(kind, null, null, null, 1, 429, Duration.ZERO, null, 1, 0);
    }

    /** 429 in the dialect's own style (DC with {@code Retry-After}, default 1 s). */
    public static Fault rateLimit() {
        return of(Kind.RATE_LIMIT);
    }

    /** An error status, e.g. 500 or 503. */
    public static Fault status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("fault status must be 4xx or 5xx, got " + status);
        }
        return of(Kind.STATUS).copy(null, null, null, null, status, null, null, null);
    }

    /** Answers only after {@code delay} (use one beyond the client's read timeout). */
    public static Fault delay(Duration delay) {
        return of(Kind.DELAY).copy(null, null, null, null, null, Objects.requireNonNull(delay), null, null);
    }

    public static Fault missingNext() {
        return of(Kind.MISSING_NEXT);
    }

    public static Fault duplicatesAcrossPages() {
        return of(Kind.DUPLICATES);
    }

    /** Cloud {@code next} links point to {@code host} (e.g. {@code evil.example.com:8443}) instead of the simulator. */
    public static Fault nextOnHost(String host) {
        return of(Kind.FOREIGN_NEXT).copy(null, null, null, null, null, null, Objects.requireNonNull(host), null);
    }

    /** Cloud pages without {@code size}. */
    public static Fault sizeOmitted() {
        return of(Kind.SIZE_OMITTED);
    }

    /** Pages whose {@code size} says {@code extra} more items than are served, without any more pages. */
    public static Fault sizeInflated(int extra) {
        if (extra < 1) {
            throw new IllegalArgumentException("extra must be >= 1, got " + extra);
        }
        Fault f = of(Kind.SIZE_INFLATED);
        return new Fault(f.kind, null, null, null, 1, f.status, f.delay, null, f.retryAfterSeconds, extra);
    }

    /** Pages that leave out their first item (a skip across pages). */
    public static Fault skips() {
        return of(Kind.SKIPS);
    }

    /** Only requests whose path (no query) fully matches this regex, e.g. {@code /2.0/repositories/acme}. */
    public Fault on(String pathRegex) {
        return copy(Pattern.compile(pathRegex), null, null, null, null, null, null, null);
    }

    /** Only this 1-based page. */
    public Fault onPage(int pageNumber) {
        return copy(null, pageNumber, null, null, null, null, null, null);
    }

    /** Only requests of this API dialect. */
    public Fault onlyFor(Dialect d) {
        return copy(null, null, d, null, null, null, null, null);
    }

    /** Applies to the next {@code n} matching requests. */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be >= 1, got " + n);
        }
        return copy(null, null, null, n, null, null, null, null);
    }

    /** Applies to every matching request until cleared. */
    public Fault always() {
        return copy(null, null, null, -1, null, null, null, null);
    }

    /** DC {@code Retry-After} seconds for a rate-limit fault. */
    public Fault retryAfter(int seconds) {
        return copy(null, null, null, null, null, null, null, seconds);
    }

    public Kind kind() {
        return kind;
    }

    public int times() {
        return times;
    }

    public int status() {
        return status;
    }

    public Duration delay() {
        return delay;
    }

    public String host() {
        return host;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** How many items a {@code SIZE_INFLATED} page's {@code size} adds. */
    public int extra() {
        return extra;
    }

    boolean matches(Dialect requestDialect, String requestPath, int requestPage) {
        return (dialect == null || dialect == requestDialect)
                && (path == null || path.matcher(requestPath).matches())
                && (page == null || page == requestPage);
    }

    private Fault copy(Pattern p, Integer pg, Dialect d, Integer t, Integer s, Duration dl, String h, Integer ra) {
        return new Fault(kind, p != null ? p : path, pg != null ? pg : page, d != null ? d : dialect,
                t != null ? t : times, s != null ? s : status, dl != null ? dl : delay, h != null ? h : host,
                ra != null ? ra : retryAfterSeconds, extra);
    }

    @Override
    public String toString() {
        return "Fault[" + kind + (path != null ? " on " + path : "") + (page != null ? " page " + page : "")
                + (times < 0 ? " always" : " x" + times) + "]";
    }
}
