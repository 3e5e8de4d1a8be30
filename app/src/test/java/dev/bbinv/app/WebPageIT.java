package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bbinv.app.status.OpsService;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.ProfilesFile;
import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.RemovedFilter;
import dev.bbinv.sink.db.UserQuery;
import dev.bbinv.sink.db.RepositoryFacet;
import dev.bbinv.sink.db.RepositoryQuery;
import dev.bbinv.sink.db.RepositoryRecord;
import dev.bbinv.sink.db.RepositorySort;
import dev.bbinv.sink.db.ValueCount;

/**
 * The inventory web page in headless Chromium against the real pipeline (embedded stack, the simulated demo estate,
 * {@code api.token} set): sign-in, the table of the estate, filters and search in the URL, a reload, the detail
 * page's provenance, a removed repository's reason, the integrations view; and no failed request, no other host.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageIT {
    private static final String TOKEN = "web-page-it-token";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static EmbeddedStack stack;
    private static BitbucketSimulator sim;
    private static Pipeline pipeline;
    private static OpsService ops;
    private static ChromeDriver browser;
    private static InventoryReader inventory;
    private static URI page;
    private static Path downloads;
    private static Path dataDir;
    private static SecretWatch tokenWatch;

    @BeforeAll
    static void startPipelineAndBrowser() throws Exception {
        // The browser first: without Chromium the test fails at once with how to install it.
        downloads = Files.createTempDirectory("web-downloads");
        browser = Browser.start(1366, 900, downloads);
        // The API token as typed and as the page sends it: neither may reach a log line, a topic or the database.
        tokenWatch = SecretWatch.start(List.of(SecretWatch.bearer(TOKEN)), TOKEN);
        Path dir = Files.createTempDirectory("web");
        dataDir = dir;
        stack = EmbeddedStack.start(dir, 0, 0, 3);
        sim = BitbucketSimulator.builder().estate(EstateSpec.builder().seed(7)
                .cloudWorkspaces(2).cloudRepos(70).cloudMembersPerWorkspace(4)
                .serverProjects(2).serverRepos(30).serverUsers(5)
                .catalogShare(0.7).catalogInvalidShare(0.2).build()).start();
        Path profilesFile = DemoCommand.writeProfiles(dir, sim);
        List<Profile> profiles = ProfilesFile.parse(profilesFile.toString(), Files.readString(profilesFile), Map.of(
                DemoCommand.TOKEN_VARIABLE, BitbucketSimulator.CLOUD_API_TOKEN,
                DemoCommand.PASSWORD_VARIABLE, BitbucketSimulator.SERVER_ADMIN_PASSWORD));
        Map<String, Object> settings = new HashMap<>();
        settings.put(Settings.BOOTSTRAP, stack.bootstrapServers());
        settings.put(Settings.REGISTRY, stack.registryUrl());
        settings.put(Settings.JDBC_URL, "jdbc:sqlite:" + dir.resolve("inventory.db"));
        settings.put("state.dir", dir.resolve("streams").toString());
        settings.put("application.id", "web-" + UUID.randomUUID());
        settings.put("sink.group.id", "web-sink-" + UUID.randomUUID());
        settings.put("transactional.id", "web-connector-" + UUID.randomUUID());
        settings.put("api.port", 0);
        settings.put("api.token", TOKEN);
        settings.put("ops.http.port", 0);
        pipeline = Pipeline.start(settings, profiles);
        ops = OpsService.start(settings, new OpsService.Roles(pipeline.connector(), profiles, pipeline.enricher(),
                pipeline.sink()));
        SyncWaiter.awaitFirstSyncInDatabase(pipeline, PipelineSettings.adminProperties(settings),
                settings.get("sink.group.id").toString(), Duration.ofMinutes(3));
        inventory = new InventoryReader(pipeline.sink().database());
        page = URI.create(pipeline.sink().apiUri().orElseThrow() + "/");
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (tokenWatch != null) {
            tokenWatch.stop();
        }
        if (browser != null) {
            browser.quit();
        }
        for (AutoCloseable c : new AutoCloseable[] {ops, pipeline, sim, stack}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @Order(1)
    void asksForTheTokenAndTheApiRefusesRequestsWithoutIt() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(401, http.send(HttpRequest.newBuilder(page.resolve("repositories")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "the API without the token");
        assertEquals(401, http.send(HttpRequest.newBuilder(page.resolve("export/repositories?format=csv")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "the download without the token");
        assertEquals(200, http.send(HttpRequest.newBuilder(page.resolve("repositories"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.discarding()).statusCode());

        browser.get(page.toString());
        WebElement form = waitFor(d -> d.findElement(By.id("sign-in")));
        assertTrue(form.getText().contains("protected by a token"), form.getText());
        screenshot("sign-in");
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        waitFor(d -> "repositories".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertFalse(browser.getCurrentUrl().contains(TOKEN), "no token in the URL");
    }

    @Test
    @Order(2)
    void tableShowsTheEstateAndFiltersSearchAndReloadKeepTheViewInTheUrl() throws Exception {
        open("#/repositories");
        long present = count(query(null, null));
        assertTrue(present >= 90, "the simulated estate is in the inventory: " + present);
        assertEquals(present + " repositories", text("total"));
        assertEquals(50, rows().size(), "the first page of 50");
        assertEquals("1–50 of " + present, text("range"));
        screenshot("inventory");

        // A filter: the most common language
        ValueCount language = inventory.facets(query(null, null), 10).get(RepositoryFacet.LANGUAGE).get(0);
        new Select(browser.findElement(By.id("filter-language"))).selectByValue(language.value());
        awaitTotal(language.count());
        assertTrue(browser.getCurrentUrl().contains("language=" + URLEncoder.encode(language.value(), StandardCharsets.UTF_8)),
                browser.getCurrentUrl());
        for (WebElement row : rows()) {
            assertTrue(row.getText().contains(language.value()), "every row has the language: " + row.getText());
        }

        // A search on top of it: part of one of the rows' names
        String name = inventory.repositories(query(language.value(), null)).items().get(0).name();
        String fragment = name.substring(0, Math.min(name.length(), 6));
        browser.findElement(By.id("search")).sendKeys(fragment);
        long expected = count(query(language.value(), fragment));
        awaitTotal(expected);
        assertTrue(browser.getCurrentUrl().contains("name="), browser.getCurrentUrl());

        // Reload: the same view from the URL alone
        browser.navigate().refresh();
        awaitTotal(expected);
        assertEquals(language.value(), new Select(browser.findElement(By.id("filter-language")))
                .getFirstSelectedOption().getDomAttribute("value"));
        assertEquals(fragment, browser.findElement(By.id("search")).getDomProperty("value"));

        // A chart is a filter too: the bar of private repositories
        open("#/repositories");
        long privateRepositories = count(new RepositoryQuery(null, null, null, null, null, "PRIVATE", null,
                RemovedFilter.PRESENT_ONLY, null, RepositorySort.NAME, false, 1, 0, null));
        browser.findElement(By.cssSelector(".chart g.bar[data-value='private']")).click();
        awaitTotal(privateRepositories);
        assertTrue(browser.getCurrentUrl().contains("visibility=private"), browser.getCurrentUrl());

        // ... and from the keyboard: Enter on a focused bar of the owner chart
        waitFor(d -> !d.findElements(By.cssSelector(".chart g.bar")).isEmpty());
        WebElement ownerBar = browser.findElements(By.cssSelector(".chart")).get(2).findElement(By.cssSelector("g.bar"));
        String owner = ownerBar.getDomAttribute("data-value");
        ownerBar.sendKeys(Keys.ENTER);
        awaitTotal(count(new RepositoryQuery(null, owner, null, null, null, "PRIVATE", null,
                RemovedFilter.PRESENT_ONLY, null, RepositorySort.NAME, false, 1, 0, null)));
        assertTrue(browser.getCurrentUrl().contains("owner="), browser.getCurrentUrl());
    }

    @Test
    @Order(2)
    void nextAndPreviousPageOnFromTheRowsBesideThemAndAnOffsetLinkStillWorks() {
        List<String> byName = inventory.repositories(query(null, null)).items().stream().map(RepositoryRecord::id)
                .toList();
        int present = byName.size();
        open("#/repositories");
        assertEquals(byName.subList(0, 50), shownIds());
        browser.findElement(By.xpath("//nav[@class='pager']/button[contains(., 'Next')]")).click();
        waitFor(d -> text("range").startsWith("51–"));
        assertEquals(byName.subList(50, Math.min(100, present)), shownIds());
        assertTrue(browser.getCurrentUrl().contains("after="), "paged from the last row: " + browser.getCurrentUrl());

        browser.findElement(By.xpath("//nav[@class='pager']/button[contains(., 'Previous')]")).click();
        waitFor(d -> text("range").startsWith("1–50 "));
        assertEquals(byName.subList(0, 50), shownIds());

        open("#/repositories?offset=60");
        assertEquals(byName.subList(60, Math.min(110, present)), shownIds());
        browser.findElement(By.xpath("//nav[@class='pager']/button[contains(., 'Previous')]")).click();
        waitFor(d -> text("range").startsWith("11–60 "));
        assertEquals(byName.subList(10, 60), shownIds());
        assertTrue(browser.getCurrentUrl().contains("before="), "paged from the first row: " + browser.getCurrentUrl());
    }

    private static List<String> shownIds() {
        return rows().stream().map(r -> r.getDomAttribute("data-id")).toList();
    }

    @Test
    @Order(3)
    void detailShowsAppContextWithItsProvenanceAndARemovedRepositoryItsReason() throws Exception {
        RepositoryRecord withContext = all().stream()
                .filter(r -> r.appContext() != null && r.appContext().error() == null && r.appContext().owner() != null)
                .findFirst().orElseThrow();
        open("#/repository/" + URLEncoder.encode(withContext.id(), StandardCharsets.UTF_8));
        String context = waitFor(d -> d.findElement(By.id("app-context"))).getText();
        assertTrue(context.contains(withContext.appContext().owner()), context);
        assertTrue(context.contains(withContext.appContext().filePath()), "the file it came from: " + context);
        assertTrue(context.contains(withContext.appContext().commit()), "the commit it came from: " + context);
        assertEquals(withContext.fullName(), text("detail-title"));
        screenshot("repository");

        RepositoryRecord broken = all().stream()
                .filter(r -> r.appContext() != null && r.appContext().error() != null).findFirst().orElseThrow();
        open("#/repository/" + URLEncoder.encode(broken.id(), StandardCharsets.UTF_8));
        assertTrue(waitFor(d -> d.findElement(By.id("catalog-error"))).getText().contains(broken.appContext().error()));

        RepositoryRecord removed = inventory.repositories(new RepositoryQuery(null, null, null, null, null, null, null,
                RemovedFilter.REMOVED_ONLY, null, RepositorySort.NAME, false, 1, 0, null)).items().get(0);
        open("#/repository/" + URLEncoder.encode(removed.id(), StandardCharsets.UTF_8));
        String note = waitFor(d -> d.findElement(By.id("removed-note"))).getText();
        assertTrue(note.contains(removed.removedReasons().get(0)), note);

        // In the table, removed repositories show only with the switch, with their reason
        open("#/repositories?name=" + URLEncoder.encode(removed.name(), StandardCharsets.UTF_8).replace("+", "%20"));
        assertTrue(rows().stream().noneMatch(r -> r.getText().contains("removed:")), "hidden by default");
        browser.findElement(By.id("show-removed")).click();
        waitFor(d -> d.getCurrentUrl().contains("removed=any"));
        waitFor(d -> rows().stream().anyMatch(r -> r.getText().contains("removed: " + removed.removedReasons().get(0))));
    }

    @Test
    @Order(3)
    void classAndFreshnessFilterTheTableAndTheDetailShowsClassDevelopersTagsAndLabels() throws Exception {
        // One repository with every attribute, written where the sink writes, so the page has a class A to filter by.
        RepositoryRecord base = all().get(0);
        java.time.Instant now = java.time.Instant.now();
        RepositoryRecord classified = new RepositoryRecord("cloud:{web-it-classified}", "web-it-classified",
                "web-it-classified", "acme/web-it-classified", base.serviceType(), base.baseUrl(), base.scopeKey(),
                base.scopeName(), null, null, null, List.of(), "main", "PRIVATE", false, null, null, null, List.of(),
                null, List.of("web-it"), false, List.of(), null, now, now, 1, new RepositoryRecord.Attributes(
                now.minus(Duration.ofDays(1)), "ACTIVE", List.of(new RepositoryRecord.Developer("ana-web-it", "Ana",
                "ana@example.com", "https://bitbucket.org/ana-web-it", null, "web-it", 7, now.minus(Duration.ofDays(1)))),
                "A", true, "manual", List.of(new RepositoryRecord.Tag("platform", "aws", "manual")),
                List.of(new RepositoryRecord.Label("Java", "system"))));
        new dev.bbinv.sink.db.InventoryWriter(pipeline.sink().database())
                .apply(dev.bbinv.sink.db.InventoryBatch.ofRepositories(List.of(classified)), now);

        open("#/repositories");
        waitFor(d -> !d.findElements(By.cssSelector("#filter-class option[value='A']")).isEmpty());
        new Select(browser.findElement(By.id("filter-class"))).selectByValue("A");
        awaitTotal(count(attributes("A", null)));
        assertTrue(browser.getCurrentUrl().contains("class=A"), browser.getCurrentUrl());
        waitFor(d -> !d.findElements(By.cssSelector("#filter-freshness option[value='Active']")).isEmpty());
        new Select(browser.findElement(By.id("filter-freshness"))).selectByValue("Active");
        awaitTotal(count(attributes("A", "ACTIVE")));
        assertTrue(browser.getCurrentUrl().contains("freshness=Active"), browser.getCurrentUrl());
        assertTrue(rows().stream().anyMatch(r -> r.getText().contains("web-it-classified")), "the classified one is listed");
        for (WebElement row : rows()) {
            assertTrue(row.getText().contains("Active"), "every row is Active: " + row.getText());
        }
        screenshot("class-and-freshness");

        open("#/repository/" + URLEncoder.encode(classified.id(), StandardCharsets.UTF_8));
        String classification = waitFor(d -> d.findElement(By.id("classification"))).getText();
        assertTrue(classification.contains("A (set by hand, locked"), classification);
        assertTrue(classification.contains("platform:aws (manual)"), classification);
        assertTrue(classification.contains("Java (system)"), classification);
        String developers = text("developers");
        assertTrue(developers.contains("Ana") && developers.contains("ana@example.com") && developers.contains("7"),
                developers);
    }

    private static RepositoryQuery attributes(String assetClass, String freshness) {
        return new RepositoryQuery(null, null, null, null, null, null, null, RemovedFilter.PRESENT_ONLY, null,
                RepositorySort.NAME, false, 1, 0, null, null, null, null, freshness, assetClass, null, null, null);
    }

    @Test
    @Order(4)
    void integrationsShowEachProfileConnectedWithItsRepositoriesAndThePipeline() throws Exception {
        open("#/integrations");
        WebElement cloud = waitFor(d -> d.findElement(By.cssSelector("#profiles tr[data-profile='demo-cloud']")));
        waitFor(d -> d.findElement(By.cssSelector("#profiles tr[data-profile='demo-cloud']")).getText().contains("Connected"));
        long cloudRepositories = count(new RepositoryQuery(null, null, null, null, null, null, "demo-cloud",
                RemovedFilter.PRESENT_ONLY, null, RepositorySort.NAME, false, 1, 0, null));
        assertTrue(browser.findElement(By.cssSelector("#profiles tr[data-profile='demo-cloud']")).getText()
                .contains(String.valueOf(cloudRepositories)), cloud.getText());
        assertTrue(text("dlq").startsWith("Dead-letter queue: 0 records"), text("dlq"));
        assertTrue(browser.findElement(By.id("lag")).getText().contains("sink"));
        screenshot("integrations");

        // Readable at a phone's width: the table scrolls inside its box, the page does not
        browser.manage().window().setSize(new Dimension(390, 844));
        open("#/repositories");
        long pageWidth = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
        assertTrue(pageWidth <= 400, "no sideways scrolling of the page at 390 px: " + pageWidth);
        screenshot("inventory-phone");
        browser.manage().window().setSize(new Dimension(1366, 900));
    }

    @Test
    @Order(4)
    void usersFilterByWorkspaceOrProjectWithCountsAndDownloadExactlyWhatIsFiltered() throws Exception {
        open("#/users");
        long present = inventory.users(new UserQuery(null, RemovedFilter.PRESENT_ONLY, null, 1, 0, null)).total();
        assertTrue(present > 0, "the simulated users are in the inventory");
        waitFor(d -> d.findElement(By.cssSelector("p.total")).getText().equals(present + " users"));

        // The workspace/project filter, each option with its count, and the URL keeps it
        ValueCount scope = inventory.userScopes(RemovedFilter.PRESENT_ONLY).get(0);
        Select scopes = new Select(browser.findElement(By.id("user-scope")));
        assertTrue(scopes.getOptions().stream().anyMatch(o -> o.getText().equals(scope.value() + " (" + scope.count() + ")")),
                "the option shows its count");
        ValueCount profile = inventory.userProfiles(RemovedFilter.ANY).get(0);
        assertTrue(new Select(browser.findElement(By.id("user-profile"))).getOptions().stream()
                .anyMatch(o -> o.getText().equals(profile.value() + " (" + profile.count() + ")")), "profiles are counted too");
        scopes.selectByValue(scope.value());
        waitFor(d -> d.findElement(By.cssSelector("p.total")).getText().equals(scope.count() + " users"));
        assertTrue(browser.getCurrentUrl().contains("scope=" + URLEncoder.encode(scope.value(), StandardCharsets.UTF_8)),
                browser.getCurrentUrl());
        assertEquals(Math.min(scope.count(), 50), browser.findElements(By.cssSelector("#users tbody tr")).size());
        screenshot("users");

        // The download holds exactly the filtered users, one CSV row each after the header
        browser.findElement(By.id("users-download-csv")).click();
        Path csv = downloads.resolve("users.csv");
        waitFor(d -> csv.toFile().length() > 0);
        List<String> ids = Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")[0]).sorted().toList();
        List<String> expected = inventory.usersById(new UserQuery(null, RemovedFilter.PRESENT_ONLY, null, 500, 0, null,
                scope.value()), null, 500).stream().map(u -> u.id()).sorted().toList();
        assertEquals(expected, ids);
    }

    @Test
    @Order(5)
    void theBrowserLogShowsNoFailedRequestAndNoRequestToAnotherHost() throws Exception {
        List<String> problems = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                problems.add(e.getMessage());
            }
        }
        // Chromium's own pages (its new-tab page at start, chrome:// resources) are not the page's requests.
        ObjectMapper json = new ObjectMapper();
        String origin = page.resolve("/").toString();
        Map<String, String> ours = new HashMap<>();
        int requests = 0;
        for (LogEntry e : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = json.readTree(e.getMessage()).path("message");
            JsonNode params = message.path("params");
            switch (message.path("method").asText()) {
                case "Network.requestWillBeSent" -> {
                    String url = params.path("request").path("url").asText();
                    if (params.path("documentURL").asText().startsWith(origin) || url.startsWith(origin)) {
                        requests++;
                        ours.put(params.path("requestId").asText(), url);
                        if (!url.startsWith(origin) && !url.startsWith("blob:") && !url.startsWith("data:")) {
                            problems.add("request to another host: " + url);
                        }
                    }
                }
                case "Network.loadingFailed" -> {
                    if (ours.containsKey(params.path("requestId").asText())) {
                        problems.add("failed request: " + ours.get(params.path("requestId").asText()) + " "
                                + params.path("errorText").asText());
                    }
                }
                case "Network.responseReceived" -> {
                    if (ours.containsKey(params.path("requestId").asText())
                            && params.path("response").path("status").asInt() >= 400) {
                        problems.add("HTTP " + params.path("response").path("status").asInt() + ": "
                                + params.path("response").path("url").asText());
                    }
                }
                default -> { }
            }
        }
        assertTrue(requests > 10, "the performance log saw the page's requests: " + requests);
        assertEquals(List.of(), problems);
    }

    @Test
    @Order(6)
    void theApiTokenIsInNoLogLineTopicOrDatabaseFile() throws Exception {
        tokenWatch.assertAbsentFromLogs();
        tokenWatch.assertAbsentFromTopics(stack.bootstrapServers());
        tokenWatch.assertAbsentFromDatabase(dataDir);
    }

    private static void open(String fragment) {
        if (browser.getCurrentUrl().startsWith("http")) {
            browser.executeScript("delete document.body.dataset.ready;");
        }
        browser.get(page + fragment);
        waitFor(d -> {
            String ready = d.findElement(By.tagName("body")).getDomAttribute("data-ready");
            return ready != null && !ready.equals("sign-in") && d.getCurrentUrl().endsWith(fragment) ? ready : null;
        });
    }

    @org.junit.jupiter.api.AfterEach
    void screenshotWhatTheBrowserShows(org.junit.jupiter.api.TestInfo test) throws Exception {
        screenshot("last-" + test.getTestMethod().orElseThrow().getName());
    }

    private static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#repositories tbody tr"));
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void awaitTotal(long total) {
        waitFor(d -> {
            List<WebElement> t = d.findElements(By.id("total"));
            return !t.isEmpty() && t.get(0).getText().equals(total + " repositories");
        });
    }

    private static <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    private static RepositoryQuery query(String language, String name) {
        return new RepositoryQuery(language, null, null, null, null, null, null, RemovedFilter.PRESENT_ONLY, name,
                RepositorySort.NAME, false, 500, 0, null);
    }

    private static long count(RepositoryQuery q) {
        return inventory.repositories(q).total();
    }

    private static List<RepositoryRecord> all() {
        return inventory.repositories(new RepositoryQuery(null, null, null, null, null, null, null, RemovedFilter.ANY,
                null, RepositorySort.ID, false, 500, 0, null)).items();
    }

    private static void screenshot(String name) throws Exception {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
