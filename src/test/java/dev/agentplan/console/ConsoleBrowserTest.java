package dev.agentplan.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.cli.HistoryText;
import dev.agentplan.cli.Main;
import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.server.Connection;
import dev.agentplan.server.LocalStack;
import dev.agentplan.server.RepositoryResolver;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser (headless Chromium) against a real in-process Temporal server and
 * worker, the runs started by the real CLI: sign in, see a run wait for approval with the proposed
 * call's arguments, the current step lit in the graph, approve, watch it complete, and
 * {@code agentplan history} names the approver. And the boundary: a user not on the allow-list is
 * refused with the run's reason, no credentials is 401 everywhere, a cross-site POST is rejected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class ConsoleBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private Path dir;

    private LocalStack stack;
    private Connection connection;
    private ConsoleServer console;
    private ConsoleOperations ops;
    private WebDriver browser;
    private String repo;
    private String base;
    private final StringWriter consoleLog = new StringWriter();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private String botToken;

    @BeforeAll
    void start(@TempDir Path tempDir) throws IOException {
        dir = tempDir;
        browser = Browser.startOrSkip();
        repo = dir.resolve("repo").toString();
        FileDefinitionRepository repository = new FileDefinitionRepository(Path.of(repo));
        stack = LocalStack.start(0, null, false, new RepositoryResolver(repository));
        connection = Connection.open(stack.address(), Connection.DEFAULT_NAMESPACE);
        botToken = UserFile.newToken();
        UserFile users = UserFile.of(List.of(
                new UserFile.Entry("carol", UserFile.Kind.password, UserFile.passwordHash("carol-secret-1")),
                new UserFile.Entry("bot", UserFile.Kind.token, UserFile.tokenHash(botToken))));
        ops = new ConsoleOperations(connection, repository, HistoryText::of, null);
        console = ConsoleServer.start("127.0.0.1", 0, ops, new ConsoleAuth(users, null), new PrintWriter(consoleLog, true));
        base = console.url();
        cli("deploy", Path.of("definitions/release_notes.agent").toString(), "-m", "first", "--tag", "prod", "--repo", repo);
        cli("deploy", resource("guarded.agent"), "-m", "first", "--repo", repo);
        cli("deploy", resource("signalled.agent"), "-m", "first", "--repo", repo);
        for (String id : List.of("notes-1", "notes-2")) {
            cli("run", "release_notes@prod", "--id", id, "--detach", "--address", stack.address(), "--repo", repo);
        }
        cli("run", "guarded", "--id", "guarded-1", "--detach", "--address", stack.address(), "--repo", repo);
        cli("run", "signalled", "--id", "signalled-1", "--detach", "--address", stack.address(), "--repo", repo);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void withoutCredentialsEveryPageAndApiRouteIs401() throws Exception {
        List<String> gets = List.of("", "runs", "runs/notes-1", "approvals", "definitions", "definitions/release_notes",
                "definitions/release_notes/diff?from=1&to=1", "api/me", "api/runs", "api/runs/notes-1", "api/runs/notes-1/history",
                "api/approvals", "api/definitions", "api/definitions/release_notes", "api/diff?from=release_notes@1&to=release_notes@1",
                "no/such/page", "api/no-such-route");
        for (String path : gets) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode(), "GET /" + path + ": " + r.body());
            assertFalse(r.body().contains("waiting_approval") || r.body().contains("release_notes@"),
                    "no run data without credentials: " + path);
        }
        for (String path : List.of("api/runs/notes-1/approvals/publish_ok", "api/runs/signalled-1/signals/go", "logout")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"decision\":\"approve\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode(), "POST /" + path);
        }
        HttpResponse<String> wrongPassword = post("login", "user=carol&password=wrong-password&next=%2Fruns",
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(401, wrongPassword.statusCode());
        assertTrue(wrongPassword.body().contains("wrong user name or password"), wrongPassword.body());
        assertTrue(wrongPassword.headers().firstValue("Set-Cookie").isEmpty(), "no session for a failed sign-in");
        HttpResponse<String> wrongToken = http.send(HttpRequest.newBuilder(URI.create(base + "api/runs"))
                .header("Authorization", "Bearer " + UserFile.newToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrongToken.statusCode());
        HttpResponse<String> withToken = http.send(HttpRequest.newBuilder(URI.create(base + "api/runs"))
                .header("Authorization", "Bearer " + botToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, withToken.statusCode(), withToken.body());
        assertTrue(withToken.body().contains("\"notes-1\""), withToken.body());
        assertStillWaiting("notes-1");
    }

    @Test
    @Order(2)
    void signInApproveInTheBrowserAndHistoryNamesTheApprover() throws Exception {
        browser.get(base + "runs");
        assertNotNull(browser.findElement(By.id("login")), "an unauthenticated page shows the sign-in form");
        signIn("carol", "carol-secret-1");
        Browser.waitFor(browser, WAIT, d -> d.findElements(By.cssSelector("#runs tr[data-run='notes-1']")).size() == 1);
        WebElement row = browser.findElement(By.cssSelector("#runs tr[data-run='notes-1']"));
        Browser.waitFor(browser, WAIT, d -> d.findElement(By.cssSelector("#runs tr[data-run='notes-1']")).getText()
                .contains("waiting approval"));
        assertTrue(browser.findElement(By.cssSelector("#runs tr[data-run='notes-1']")).getText().contains("release_notes@1"), row.getText());
        Browser.screenshot(browser, "console-runs");

        browser.findElement(By.linkText("notes-1")).click();
        Browser.waitFor(browser, WAIT, d -> d.findElements(By.cssSelector("section.approval")).size() == 1);
        // the graph marks the current step: the approval gate at step 5
        WebElement current = browser.findElement(By.cssSelector("#graph g.node.current"));
        assertEquals("5", current.getAttribute("data-path"));
        assertTrue(current.getAttribute("class").contains("approve"), current.getAttribute("class"));
        assertFalse(browser.findElements(By.cssSelector("#graph g.node.done")).isEmpty(), "earlier steps are marked done");
        // what Approve lets happen: the publish call, its arguments as written and as they will be sent
        WebElement proposed = browser.findElement(By.cssSelector("section.approval .proposed"));
        assertTrue(proposed.getText().contains("publish"), proposed.getText());
        assertEquals("write", proposed.findElement(By.cssSelector(".effect")).getText());
        assertTrue(proposed.getText().contains("release_notes.agent:48"), proposed.getText());
        assertEquals("[\"echo\",\"published release 1.0.0\"]", proposed.findElement(By.cssSelector(".arg-value")).getText());
        assertTrue(browser.findElement(By.cssSelector("section.approval .approvers")).getText().contains("anyone"));
        assertTrue(browser.findElement(By.id("history")).getText().contains("run notes-1"), "the audit history is shown");
        Browser.screenshot(browser, "console-run-waiting");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('graph').scrollIntoView()");
        Browser.screenshot(browser, "console-run-graph");

        browser.findElement(By.cssSelector("section.approval textarea[name=comment]")).sendKeys("ship it");
        browser.findElement(By.cssSelector("section.approval button.approve")).click();
        // the page reloads itself as the run moves on, until it has completed
        Browser.waitFor(browser, WAIT, d -> d.findElements(By.cssSelector("h1 .state.completed")).size() == 1);
        assertTrue(browser.findElement(By.id("output")).getText().contains("\"approved_by\" : \"carol\""),
                browser.findElement(By.id("output")).getText());
        assertFalse(browser.findElements(By.cssSelector("#graph g.node.exit.done")).isEmpty(), "the end is marked done");
        Browser.screenshot(browser, "console-run-completed");

        String history = cli("history", "notes-1", "--address", stack.address());
        assertTrue(history.contains("approval publish_ok approved by carol: \"ship it\""), history);
        assertTrue(consoleLog.toString().contains("carol approved publish_ok on run notes-1"), consoleLog.toString());
    }

    @Test
    @Order(3)
    void aUserNotOnTheAllowListIsRefusedWithTheRunsReason() throws Exception {
        signedIn();
        browser.get(base + "approvals");
        WebElement gate = Browser.waitFor(browser, WAIT, d -> d.findElements(By.cssSelector("section.approval[data-run='guarded-1']"))
                .stream().findFirst().orElse(null));
        assertTrue(gate.findElement(By.cssSelector(".approvers")).getText().contains("alice"), gate.getText());
        assertTrue(gate.findElement(By.cssSelector(".approvers")).getText().contains("are not on the list"), gate.getText());
        assertEquals("irreversible", gate.findElement(By.cssSelector(".effect")).getText());
        Browser.screenshot(browser, "console-approvals");
        gate.findElement(By.cssSelector("button.approve")).click();
        WebElement answer = Browser.waitFor(browser, WAIT, d -> {
            WebElement a = d.findElement(By.cssSelector("section.approval[data-run='guarded-1'] .answer"));
            return a.getText().startsWith("refused") ? a : null;
        });
        assertEquals("refused by the run: 'carol' may not decide approval gate 'restart_ok' (allowed: alice)", answer.getText());
        assertStillWaiting("guarded-1");
        String history = cli("history", "guarded-1", "--address", stack.address());
        assertTrue(history.contains("carol"), "the refused attempt is in the audit trail: " + history);
    }

    @Test
    @Order(4)
    void aForgedCrossSitePostIsRejected() throws Exception {
        signedIn();
        // a page on another origin that posts to the console as soon as it loads, with the victim's cookie if the browser sends it
        var evil = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        String target = base + "api/runs/notes-2/approvals/publish_ok";
        byte[] page = ("<!doctype html><html><body><form id=f method=post action=\"" + target + "\" enctype=\"text/plain\">"
                + "<input name='{\"decision\":\"approve\",\"x\":\"' value='\"}'></form>"
                + "<script>document.getElementById('f').submit()</script></body></html>").getBytes(StandardCharsets.UTF_8);
        evil.createContext("/", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        evil.start();
        try {
            browser.get("http://127.0.0.1:" + evil.getAddress().getPort() + "/");
            Browser.waitFor(browser, WAIT, d -> d.getCurrentUrl().startsWith(target));
            String body = browser.findElement(By.tagName("body")).getText();
            assertTrue(body.contains("forbidden") || body.contains("unauthorized"), body);
        } finally {
            evil.stop(0);
        }
        assertStillWaiting("notes-2");

        // the same with a stolen session cookie but no CSRF token, or a foreign Origin: 403
        String cookie = browser.manage().getCookieNamed(Sessions.COOKIE).getValue();
        HttpResponse<String> noToken = post("api/runs/notes-2/approvals/publish_ok", "{\"decision\":\"approve\"}",
                "Cookie", Sessions.COOKIE + "=" + cookie);
        assertEquals(403, noToken.statusCode(), noToken.body());
        assertTrue(noToken.body().contains("CSRF"), noToken.body());
        browser.get(base + "runs");
        String csrf = browser.findElement(By.cssSelector("meta[name=csrf-token]")).getAttribute("content");
        HttpResponse<String> foreign = post("api/runs/notes-2/approvals/publish_ok", "{\"decision\":\"approve\"}",
                "Cookie", Sessions.COOKIE + "=" + cookie, "X-CSRF-Token", csrf, "Origin", "http://evil.example");
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertStillWaiting("notes-2");
        // and with both, the console's own pages' way, the decision goes through
        HttpResponse<String> own = post("api/runs/notes-2/approvals/publish_ok", "{\"decision\":\"reject\",\"comment\":\"not now\"}",
                "Cookie", Sessions.COOKIE + "=" + cookie, "X-CSRF-Token", csrf);
        assertEquals(200, own.statusCode(), own.body());
        assertTrue(own.body().contains("\"answer\":\"rejected publish_ok\""), own.body());
    }

    @Test
    @Order(5)
    void signalsAreCheckedAgainstTheDeclaredTypeAndSent() throws Exception {
        signedIn();
        browser.get(base + "runs/signalled-1");
        WebElement form = Browser.waitFor(browser, WAIT, d -> d.findElements(By.id("signal-form")).stream().findFirst().orElse(null));
        assertTrue(form.getText().contains("scope") && form.getText().contains("object"), form.getText());
        WebElement payload = form.findElement(By.name("payload"));
        payload.clear();
        payload.sendKeys("[\"eu\"]");
        form.findElement(By.cssSelector("button")).click();
        WebElement answer = Browser.waitFor(browser, WAIT, d -> {
            WebElement a = d.findElement(By.cssSelector("#signal-form .answer"));
            return a.getText().isEmpty() || a.getText().equals("") ? null : a;
        });
        assertTrue(answer.getText().startsWith("not sent:") && answer.getText().contains("object"), answer.getText());
        payload.clear();
        payload.sendKeys("{\"regions\": [\"eu\", \"us\"]}");
        form.findElement(By.cssSelector("button")).click();
        Browser.waitFor(browser, WAIT, d -> d.findElement(By.cssSelector("#signal-form .answer")).getText().startsWith("sent signal scope"));
        // the awaited one, by token through the API
        HttpResponse<String> go = post("api/runs/signalled-1/signals/go", "{\"payload\": {\"ok\": true}}", "Authorization", "Bearer " + botToken);
        assertEquals(200, go.statusCode(), go.body());
        HttpResponse<String> done = waitForState("signalled-1", "completed");
        assertTrue(done.body().contains("going in eu,us"), done.body());
    }

    @Test
    @Order(6)
    void definitionsShowVersionsSourceAndASemanticDiff() throws Exception {
        signedIn();
        Path v2 = dir.resolve("release_notes.agent");
        Files.writeString(v2, Files.readString(Path.of("definitions/release_notes.agent"))
                .replace("Publish the notes for", "Publish the release notes for"));
        cli("deploy", v2.toString(), "-m", "new wording", "--repo", repo);
        browser.get(base + "definitions");
        assertTrue(browser.findElement(By.id("definitions")).getText().contains("release_notes"));
        browser.findElement(By.linkText("release_notes")).click();
        Browser.waitFor(browser, WAIT, d -> d.findElements(By.id("source")).size() == 1);
        assertTrue(browser.findElement(By.id("L46")).getText().contains("Publish the release notes for"),
                browser.findElement(By.id("L46")).getText());
        Browser.screenshot(browser, "console-definition");
        browser.findElement(By.cssSelector("form.diff-form button")).click();
        Browser.waitFor(browser, WAIT, d -> d.findElements(By.id("verdict")).size() == 1);
        assertTrue(browser.findElement(By.id("diff")).getText().contains("Publish the release notes for"),
                browser.findElement(By.id("diff")).getText());
        assertTrue(browser.findElement(By.id("verdict")).getText().contains("release_notes@1"));
        Browser.screenshot(browser, "console-diff");
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(base + "api/diff?from=release_notes@1&to=release_notes@2"))
                .header("Authorization", "Bearer " + botToken).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, api.statusCode(), api.body());
        assertTrue(api.body().contains("\"from\":\"release_notes@1\"") && api.body().contains("\"verdict\""), api.body());
    }

    @Test
    @Order(7)
    void aTrustedProxyHeaderIsTheUserOnlyWhenConfiguredAndStillNeedsTheCsrfToken() throws Exception {
        try (ConsoleServer proxied = ConsoleServer.start("127.0.0.1", 0, ops, new ConsoleAuth(null, "X-Remote-User"),
                new PrintWriter(consoleLog, true))) {
            String url = proxied.url();
            HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(url + "api/me")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, none.statusCode(), none.body());
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url + "runs")).header("X-Remote-User", "erin").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.body().contains("signed in as <strong id=\"me\">erin</strong>"), page.body());
            String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            String csrf = page.body().replaceAll("(?s).*<meta name=\"csrf-token\" content=\"([^\"]+)\".*", "$1");
            HttpRequest.Builder decide = HttpRequest.newBuilder(URI.create(url + "api/runs/guarded-1/approvals/restart_ok"))
                    .header("Content-Type", "application/json").header("X-Remote-User", "erin").header("Cookie", cookie)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"decision\":\"reject\"}"));
            HttpResponse<String> noToken = http.send(decide.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, noToken.statusCode(), noToken.body());
            HttpResponse<String> refused = http.send(decide.header("X-CSRF-Token", csrf).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(409, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("'erin' may not decide approval gate 'restart_ok' (allowed: alice)"), refused.body());
        }
        // the main console has no proxy header configured: the header names nobody there
        HttpResponse<String> ignored = http.send(HttpRequest.newBuilder(URI.create(base + "api/me")).header("X-Remote-User", "carol").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, ignored.statusCode());
    }

    // ---- helpers ----

    private void signIn(String user, String password) {
        browser.get(base + "login");
        int failuresBefore = consoleLog.toString().split("failed sign-in", -1).length;
        WebElement userField = browser.findElement(By.id("user"));
        userField.clear();
        userField.sendKeys(user);
        WebElement passwordField = browser.findElement(By.id("password"));
        passwordField.clear();
        passwordField.sendKeys(password);
        browser.findElement(By.id("login")).click();
        // the form posts and the browser loads the answer: a page of the console, or the form again with why
        Browser.waitFor(browser, WAIT, d -> consoleLog.toString().split("failed sign-in", -1).length > failuresBefore
                || !d.getCurrentUrl().contains("/login"));
    }

    private void signedIn() {
        if (browser.manage().getCookieNamed(Sessions.COOKIE) == null) {
            browser.get(base + "login");
            signIn("carol", "carol-secret-1");
        }
    }

    private void assertStillWaiting(String runId) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "api/runs/" + runId))
                .header("Authorization", "Bearer " + botToken).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"state\":\"waiting_approval\""), r.body());
    }

    private HttpResponse<String> waitForState(String runId, String state) throws Exception {
        long until = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> r;
        do {
            r = http.send(HttpRequest.newBuilder(URI.create(base + "api/runs/" + runId))
                    .header("Authorization", "Bearer " + botToken).build(), HttpResponse.BodyHandlers.ofString());
            if (r.body().contains("\"state\":\"" + state + "\"")) {
                return r;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < until);
        throw new AssertionError("run " + runId + " did not reach " + state + ": " + r.body());
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (!List.of(headers).contains("Content-Type")) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String resource(String name) {
        return Path.of("src/test/resources/dev/agentplan/console", name).toString();
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(0, exit, String.join(" ", args) + "\n" + out + err);
        return out.toString();
    }
}
