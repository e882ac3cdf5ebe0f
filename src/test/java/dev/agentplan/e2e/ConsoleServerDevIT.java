package dev.agentplan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.server.RealServer;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * {@link ConsoleServerIT} on the real Temporal server ({@code agentplan server --db FILE
 * --console PORT}): runs listed from Temporal's visibility, a link to each run in the Temporal
 * Web UI, and a users file made with {@code agentplan console add-user --token}.
 */
class ConsoleServerDevIT extends ConsoleServerIT {

    private Path cli;
    private String token;

    @Override
    List<String> serverArgs(int port) {
        cli = RealServer.cliOrSkip();
        List<String> args = super.serverArgs(port);
        args.addAll(List.of("--db", dir.resolve("agentplan.db").toString(), "--ui-port", Integer.toString(Agentplan.freePort()),
                "--temporal-cli", cli.toString()));
        return args;
    }

    @Override
    List<String> consoleArgs() throws Exception {
        Path users = dir.resolve("users.txt");
        Agentplan.Result added = ok("console", "add-user", "dana", "--users", users.toString(), "--token");
        String out = added.out();
        token = out.substring(out.lastIndexOf(": ") + 2).strip();
        assertTrue(token.length() >= 40, out);
        return List.of("--console-users", users.toString());
    }

    @Override
    String[] user() {
        return new String[] {"dana", token};
    }

    @Override
    void checkRunPage(WebDriver browser) {
        String link = browser.findElement(By.id("web-ui")).getAttribute("href");
        assertTrue(link.matches("http://127\\.0\\.0\\.1:\\d+/namespaces/default/workflows/notes-1"), link);
        assertEquals(1, browser.findElements(By.cssSelector("section.approval")).size());
    }
}
