package dev.bbinv.bench;

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
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.InventoryWriter;
import dev.bbinv.sink.db.RemovedFilter;
import dev.bbinv.sink.db.RepositoryQuery;
import dev.bbinv.sink.db.RepositorySort;
import dev.bbinv.sink.db.RepositoryRecord;
import dev.bbinv.sink.db.UserRecord;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * How the inventory web page behaves on a large inventory: writes N repositories straight into a SQLite inventory
 * (no pipeline: this measures the page and the API, not the sync), serves it, and times in headless Chromium the
 * first page of the table (navigation start to the first complete view), then the API calls and the export
 * ({@link ApiTimings}). {@code java -cp ... dev.bbinv.bench.WebPageBench [N]} (default 100000). Settings (system
 * properties): {@code bbinv.bench.db=FILE} keeps the SQLite inventory there and reuses it when it already holds N
 * repositories (to time two builds on the same data); {@code bbinv.bench.postgres=DIR} uses an embedded PostgreSQL
 * with its data in DIR instead (reused the same way); {@code bbinv.bench.browser=false} skips Chromium.
 */
public final class WebPageBench {
    private static final String[] LANGUAGES = {"Java", "Go", "Python", "TypeScript", "C#", "Kotlin", "Scala", "Rust"};
    private static final String[] LIFECYCLES = {"production", "experimental", "deprecated"};

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("web-bench");
        String pgDir = System.getProperty("bbinv.bench.postgres");
        EmbeddedPostgres pg = pgDir == null ? null
                : EmbeddedPostgres.builder().setDataDirectory(Path.of(pgDir)).setCleanDataDirectory(false).start();
        try {
            long opening = System.nanoTime();
            Database db = pg != null ? Database.openAndMigrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", null)
                    : Database.openAndMigrate("jdbc:sqlite:" + System.getProperty("bbinv.bench.db",
                            dir.resolve("inventory.db").toString()), null, null);
            System.out.printf("inventory: %s (opened and migrated in %.1f s)%n", db.describe(),
                    (System.nanoTime() - opening) / 1e9);
            if (new InventoryReader(db).repositories(new RepositoryQuery(null, null, null, null, null, null, null,
                    RemovedFilter.ANY, null, RepositorySort.ID, false, 1, 0, null)).total() == n) {
                System.out.printf("reusing the %,d repositories already there%n", n);
            } else {
                long started = System.nanoTime();
                fill(db, n);
                System.out.printf("wrote %,d repositories and %,d users in %.1f s%n", n, n / 10,
                        (System.nanoTime() - started) / 1e9);
            }
            serve(db, dir, n);
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static void serve(Database db, Path dir, int n) throws Exception {
        try (InventoryApi api = InventoryApi.start(db, "127.0.0.1", 0)) {
            String page = api.baseUri() + "/";
            boolean withBrowser = Boolean.parseBoolean(System.getProperty("bbinv.bench.browser", "true"));
            ChromeDriver browser = withBrowser ? browser(dir) : null;
            try {
                for (int run = 1; withBrowser && run <= 3; run++) {
                    System.out.printf("first view of the table, run %d: %.0f ms%n", run, firstView(browser, page + "#/repositories?r=" + run));
                }
                if (withBrowser) {
                    System.out.printf("first view filtered by language and searched: %.0f ms%n",
                            firstView(browser, page + "#/repositories?language=Go&name=svc-0"));
                    System.out.printf("first view of the last page: %.0f ms%n",
                            firstView(browser, page + "#/repositories?offset=" + (n - 50)));
                    System.out.printf("first view of the users: %.0f ms%n", firstView(browser, page + "#/users"));
                }
            } finally {
                if (browser != null) {
                    browser.quit();
                }
            }
            new ApiTimings(page, n).run();
        }
    }

    static String repositoryId(int i) {
        return "cloud:{bench-" + i + "}";
    }

    /** Milliseconds to the first complete view, or NaN when there is none within 60 seconds. */
    private static double firstView(ChromeDriver browser, String url) {
        browser.get("about:blank");
        browser.get(url);
        try {
            new WebDriverWait(browser, java.time.Duration.ofSeconds(60)).until(d -> d.findElement(By.tagName("body"))
                    .getDomAttribute("data-ready") != null);
        } catch (org.openqa.selenium.TimeoutException e) {
            return Double.NaN;
        }
        Object ms = browser.executeScript("return performance.getEntriesByName('bbinv-first-view')[0].startTime;");
        return ((Number) ms).doubleValue();
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
            batch.add(new RepositoryRecord(repositoryId(i), name, name, scope + "/" + name, "CLOUD",
                    "https://api.bitbucket.org/2.0", scope, scope, "P" + (i % 7), "Project " + (i % 7),
                    "https://bitbucket.org/" + scope + "/" + name, List.of(), "main", i % 5 == 0 ? "PUBLIC" : "PRIVATE",
                    false, "repository " + i, now, now,
                    List.of(new RepositoryRecord.Language(LANGUAGES[i % LANGUAGES.length], LANGUAGES[i % LANGUAGES.length].toLowerCase(),
                            "bitbucket", true)),
                    i % 3 == 0 ? null : new RepositoryRecord.AppContext(name, name, "service", LIFECYCLES[i % 3], owner,
                            "app-" + (i % 400), "catalog-info.yaml", "0123456789abcdef0123456789abcdef01234567", null),
                    List.of("bench"), i % 50 == 0, i % 50 == 0 ? List.of("repo-deleted") : List.of(),
                    i % 50 == 0 ? now : null, now, now, 1).withAttributes(attributes(i, now)));
            if (batch.size() == 5_000) {
                writer.apply(InventoryBatch.ofRepositories(batch), now);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            writer.apply(InventoryBatch.ofRepositories(batch), now);
        }
        List<UserRecord> users = new ArrayList<>();
        for (int i = 0; i < n / 10; i++) {
            users.add(new UserRecord("cloud:{user-" + i + "}", "CLOUD", "https://api.bitbucket.org/2.0", "acc-" + i,
                    String.format("user-%06d", i), "User " + i, null, true, "user", List.of("ws-" + (i % 20)),
                    List.of("bench"), false, List.of(), null, now, now, 1));
            if (users.size() == 5_000 || i == n / 10 - 1) {
                writer.apply(InventoryBatch.ofUsers(users), now);
                users.clear();
            }
        }
    }

    /** Freshness and class spread over the four values; a tag on every fourth repository, a label on every sixth. */
    private static RepositoryRecord.Attributes attributes(int i, Instant now) {
        String[] freshness = {"ACTIVE", "INACTIVE", "DORMANT", "NA"};
        return new RepositoryRecord.Attributes(now.minusSeconds(86_400L * (i % 400)), freshness[i % 4], List.of(),
                String.valueOf((char) ('A' + i % 4)), false, null,
                i % 4 == 0 ? List.of(new RepositoryRecord.Tag("env", i % 8 == 0 ? "prod" : "dev", "manual")) : List.of(),
                i % 6 == 0 ? List.of(new RepositoryRecord.Label("pci", "system")) : List.of());
    }

    private WebPageBench() {}
}
