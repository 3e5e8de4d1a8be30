package dev.bbinv.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Times the query API's calls over HTTP on an inventory of {@code n} repositories (and {@code n / 10} users) that
 * {@link WebPageBench} wrote: listings first and deep pages, searches, facet counts, one repository, users, and the
 * export whole and filtered with the heap this process used while it streamed ({@code bbinv.bench.exports=false}
 * skips the exports).
 */
final class ApiTimings {
    /** An export still running after this long is stopped and its rate reported. */
    private static final long EXPORT_LIMIT_NS = Long.getLong("bbinv.bench.exportLimitSeconds", 600) * 1_000_000_000L;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final int n;

    ApiTimings(String base, int n) {
        this.base = base;
        this.n = n;
    }

    void run() throws Exception {
        int users = n / 10;
        String someId = URLEncoder.encode(WebPageBench.repositoryId(n / 2), StandardCharsets.UTF_8);
        for (String call : List.of(
                "repositories?limit=50&offset=0&sort=name",
                "repositories?limit=50&offset=" + (n - 50) + "&sort=name",
                "repositories?limit=50&offset=" + (n - 50) + "&sort=id",
                "repositories?limit=50&offset=" + (n / 2) + "&sort=-updated_at",
                "repositories?limit=500&offset=" + (n - 500) + "&sort=name",
                "repositories?name=svc-0999&limit=50",
                "repositories?language=Go&name=svc-0&limit=50",
                "repositories?owner=team-7&limit=50&offset=" + (n / 150 / 2) + "&sort=name",
                "repositories?language=Go&limit=50&offset=" + (n / 8 - 100) + "&sort=name",
                "repositories/" + someId,
                "facets/repositories",
                "facets/repositories?language=Go&name=svc-0",
                "facets/repositories?owner=team-7",
                "counts/languages",
                "users?limit=50&offset=0",
                "users?limit=50&offset=" + Math.max(0, users - 50),
                "users?name=user-0999&limit=50",
                "users?scope=ws-3&limit=50&offset=" + Math.max(0, users / 20 - 50),
                "facets/users")) {
            System.out.printf("API %-60s %7.0f ms (best of 3; NaN: no answer in 2 min)%n", call, best(URI.create(base + call)));
        }
        if (!Boolean.parseBoolean(System.getProperty("bbinv.bench.exports", "true"))) {
            return;
        }
        try (HeapSampler heap = new HeapSampler()) {
            for (String call : List.of("export/repositories?format=csv", "export/repositories?format=jsonl",
                    "export/repositories?format=csv&language=Go", "export/repositories?format=jsonl&owner=team-7&name=svc-")) {
                export(heap, call);
            }
        }
    }

    private void export(HeapSampler heap, String call) throws Exception {
        heap.reset();
        long before = usedAfterGc();
        long started = System.nanoTime();
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + call)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(call + " answered " + r.statusCode());
        }
        long bytes = 0;
        long lines = 0;
        boolean stopped = false;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = r.body()) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                if (System.nanoTime() - started > EXPORT_LIMIT_NS) {
                    stopped = true;
                    break;
                }
            }
        } catch (IOException e) {
            if (!stopped) {
                throw e;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("export %-55s %8.1f s, %,d lines, %,d MB, %,.0f lines/s, heap peak %,d MB (%,d MB over the"
                        + " %,d MB after GC)%s%n", call, seconds, lines, bytes >> 20, lines / seconds, heap.peakBytes() >> 20,
                (heap.peakBytes() - before) >> 20, before >> 20, stopped ? " STOPPED at the time limit" : "");
    }

    private static long usedAfterGc() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Best of three, or of one when that took over 10 s; NaN when a call gets no answer within 2 minutes. */
    private double best(URI uri) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3 && best < 10_000 || i == 0; i++) {
            long t = System.nanoTime();
            HttpResponse<Void> r;
            try {
                r = http.send(HttpRequest.newBuilder(uri).timeout(java.time.Duration.ofMinutes(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (java.net.http.HttpTimeoutException e) {
                return Double.NaN;
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + r.statusCode());
            }
            best = Math.min(best, (System.nanoTime() - t) / 1e6);
        }
        return best;
    }
}
