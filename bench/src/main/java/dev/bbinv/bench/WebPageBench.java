package dev.bbinv.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.bbinv.sink.api.InventoryApi;
import dev.bbinv.sink.db.Database;
import dev.bbinv.sink.db.InventoryBatch;
import dev.bbinv.sink.db.InventoryWriter;
import dev.bbinv.sink.db.RepositoryRecord;

/**
 * How the inventory web page behaves on a large inventory: writes N repositories straight into a SQLite inventory
 * (no pipeline: this measures the page and the API, not the sync), serves it, and times in headless Chromium the
 * first page of the table (navigation start to the first complete view), then the API calls the page makes.
 * {@code java -cp ... dev.bbinv.bench.WebPageBench [N]} (default 100000).
 */
public final class WebPageBench {
    private static final String[] LANGUAGES = {"Java", "Go", "Python", "TypeScript", "C#", "Kotlin", "Scala", "Rust"};
    private static final String[] LIFECYCLES = {"production", "experimental", "deprecated"};

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("web-bench");
        Database db = Database.openAndMigrate("jdbc:sqlite:" + dir.resolve("inventory.db"), null, null);
        long started = System.nanoTime();
        fill(db, n);
        System.out.printf("wrote %,d repositories in %.1f s%n", n, (System.nanoTime() - started) / 1e9);
        try (InventoryApi api = InventoryApi.start(db, "127.0.0.1", 0)) {
            String page = api.baseUri() + "/";
            ChromeDriver browser = browser(dir);
            try {
                for (int run = 1; run <= 3; run++) {
                    System.out.printf("first view of the table, run %d: %.0f ms%n", run, firstView(browser, page + "#/repositories?r=" + run));
                }
                System.out.printf("first view filtered by language and searched: %.0f ms%n",
                        firstView(browser, page + "#/repositories?language=Go&name=svc-0"));
                System.out.printf("first view of the last page: %.0f ms%n",
                        firstView(browser, page + "#/repositories?offset=" + (n - 50)));
            } finally {
                browser.quit();
            }
            HttpClient http = HttpClient.newHttpClient();
            for (String call : List.of("repositories?limit=50&offset=0&sort=name", "facets/repositories",
                    "repositories?limit=50&offset=" + (n - 50) + "&sort=name", "repositories?language=Go&name=svc-0&limit=50",
                    "facets/repositories?language=Go&name=svc-0")) {
                System.out.printf("API %-55s %5.0f ms (best of 3)%n", call, best(http, URI.create(page + call)));
            }
        }
    }

    private static double firstView(ChromeDriver browser, String url) {
        browser.get("about:blank");
        browser.get(url);
        new WebDriverWait(browser, java.time.Duration.ofSeconds(60)).until(d -> d.findElement(By.tagName("body"))
                .getDomAttribute("data-ready") != null);
        Object ms = browser.executeScript("return performance.getEntriesByName('bbinv-first-view')[0].startTime;");
        return ((Number) ms).doubleValue();
    }

    private static double best(HttpClient http, URI uri) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + r.statusCode());
            }
            best = Math.min(best, (System.nanoTime() - t) / 1e6);
        }
        return best;
    }

    private static ChromeDriver browser(Path dir) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("bbinv.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"), "--window-size=1366,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(
                Path.of(System.getProperty("bbinv.chromedriver", "/usr/bin/chromedriver")).toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void fill(Database db, int n) {
        InventoryWriter writer = new InventoryWriter(db);
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        List<RepositoryRecord> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String scope = "ws-" + (i % 20);
            String name = String.format("svc-%06d", i);
            String owner = "team-" + (i % 150);
            batch.add(new RepositoryRecord("cloud:{bench-" + i + "}", name, name, scope + "/" + name, "CLOUD",
                    "https://api.bitbucket.org/2.0", scope, scope, "P" + (i % 7), "Project " + (i % 7),
                    "https://bitbucket.org/" + scope + "/" + name, List.of(), "main", i % 5 == 0 ? "PUBLIC" : "PRIVATE",
                    false, "repository " + i, now, now,
                    List.of(new RepositoryRecord.Language(LANGUAGES[i % LANGUAGES.length], LANGUAGES[i % LANGUAGES.length].toLowerCase(),
                            "bitbucket", true)),
                    i % 3 == 0 ? null : new RepositoryRecord.AppContext(name, name, "service", LIFECYCLES[i % 3], owner,
                            "app-" + (i % 400), "catalog-info.yaml", "0123456789abcdef0123456789abcdef01234567", null),
                    List.of("bench"), i % 50 == 0, i % 50 == 0 ? List.of("repo-deleted") : List.of(),
                    i % 50 == 0 ? now : null, now, now, 1));
            if (batch.size() == 5_000) {
                writer.apply(InventoryBatch.ofRepositories(batch), now);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            writer.apply(InventoryBatch.ofRepositories(batch), now);
        }
    }

    private WebPageBench() {}
}
