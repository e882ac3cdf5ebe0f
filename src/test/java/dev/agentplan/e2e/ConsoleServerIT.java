package dev.agentplan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.console.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * How the issue checks the console, with the real jar in separate processes: {@code agentplan
 * server --console PORT}, deploy and run {@code definitions/release_notes.agent}, sign in with
 * headless Chromium, approve the pending publish, see the run complete, and {@code history}
 * names the approver from the console. Here without a users file: the OS user signs in with the
 * token the console wrote to a private file in the repository.
 */
@Timeout(300)
class ConsoleServerIT {

    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    Agentplan agentplan;
    String repo;
    WebDriver browser;

    @BeforeEach
    void open() {
        agentplan = new Agentplan(dir);
        repo = dir.resolve("repo").toString();
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        agentplan.close();
    }

    /** The server's own options (the real server adds --db). */
    List<String> serverArgs(int port) {
        return new ArrayList<>(List.of("server", "--port", Integer.toString(port), "--repo", repo));
    }

    /** Who signs in, and with what; null to use the token file the console writes without --console-users. */
    String[] user() throws Exception {
        return null;
    }

    List<String> consoleArgs() throws Exception {
        return List.of();
    }

    @Test
    void approveThePendingPublishInTheBrowserAndHistoryNamesTheApprover() throws Exception {
        browser = Browser.startOrSkip();
        int port = Agentplan.freePort();
        int consolePort = Agentplan.freePort();
        String address = "127.0.0.1:" + port;
        List<String> args = serverArgs(port);
        args.addAll(List.of("--console", Integer.toString(consolePort)));
        args.addAll(consoleArgs());
        Agentplan.Background server = agentplan.start(args.toArray(String[]::new));
        server.await("listening on " + address, Duration.ofSeconds(120));
        String base = "http://127.0.0.1:" + consolePort + "/";
        assertTrue(server.out().contains("agentplan console on " + base), server.out());

        ok("deploy", Path.of("definitions/release_notes.agent").toAbsolutePath().toString(), "-m", "first", "--tag", "prod", "--repo", repo);
        ok("run", "release_notes@prod", "--id", "notes-1", "--detach", "--address", address, "--repo", repo);

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "api/runs"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), anonymous.body());

        String[] who = user();
        String name;
        String secret;
        if (who == null) {
            Path tokenFile = Path.of(repo, "console-token");
            assertTrue(server.out().contains("with the token in " + tokenFile), server.out());
            secret = Files.readString(tokenFile).strip();
            name = System.getProperty("user.name").replaceAll("[^A-Za-z0-9._@-]", "_");
            assertTrue(!server.out().contains(secret) && !server.err().contains(secret), "the token is not printed");
        } else {
            name = who[0];
            secret = who[1];
        }
        browser.get(base + "login");
        browser.findElement(By.id("user")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(secret);
        browser.findElement(By.id("login")).click();
        Browser.waitFor(browser, WAIT, d -> d.findElements(By.cssSelector("#runs tr[data-run='notes-1']")).size() == 1
                && d.findElement(By.cssSelector("#runs tr[data-run='notes-1']")).getText().contains("waiting approval"));
        browser.findElement(By.linkText("notes-1")).click();
        WebElement gate = Browser.waitFor(browser, WAIT, d -> d.findElements(By.cssSelector("section.approval[data-gate='publish_ok']"))
                .stream().findFirst().orElse(null));
        assertEquals("[\"echo\",\"published release 1.0.0\"]", gate.findElement(By.cssSelector(".arg-value")).getText());
        assertEquals("5", browser.findElement(By.cssSelector("#graph g.node.current")).getAttribute("data-path"));
        checkRunPage(browser);
        gate.findElement(By.cssSelector("textarea[name=comment]")).sendKeys("from the console");
        gate.findElement(By.cssSelector("button.approve")).click();
        Browser.waitFor(browser, WAIT, d -> d.findElements(By.cssSelector("h1 .state.completed")).size() == 1);

        Agentplan.Result history = ok("history", "notes-1", "--address", address);
        assertTrue(history.out().contains("approval publish_ok approved by " + name + ": \"from the console\""), history.out());
        assertTrue(server.out().contains(name + " approved publish_ok on run notes-1"), server.out());
    }

    /** More to check on the waiting run's page (the real server has a Web UI to link to). */
    void checkRunPage(WebDriver browser) {
        assertTrue(browser.findElements(By.id("web-ui")).isEmpty(), "the in-memory server has no Web UI to link to");
    }

    Agentplan.Result ok(String... args) throws Exception {
        Agentplan.Result r = agentplan.run(args);
        assertEquals(0, r.exit(), String.join(" ", args) + "\n" + r);
        return r;
    }
}
