package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.mcp.McpServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP through the CLI as a user drives it, against the real server-everything from npm: a plan
 * that calls its echo and get-sum tools runs on the embedded server (stdio, and Streamable HTTP
 * with a header from a secret); {@code tools list --mcp} and {@code validate --discover} fetch the
 * tools, catch a misspelt argument at its line and column, and leave a cache that plain
 * {@code validate} uses offline.
 */
class McpCliTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static String stdioServer() {
        return "everything = mcp { command [" + McpServers.quoted(McpServers.node()) + ", "
                + McpServers.quoted(McpServers.script(McpServers.EVERYTHING)) + ", \"stdio\"]  timeout 60s }";
    }

    private static final String CALLS = """
            said = everything.echo(message: "hello ${input.who}")
            sum = everything.get-sum(a: 2, b: 3)
            output { said: said.text, sum: sum.text }
            """;

    @Test
    void echoAndGetSumRunOnTheEmbeddedServerOverStdio() throws Exception {
        Path plan = write("everything.agent", """
                agent everything_demo "echo and get-sum through MCP"
                input { who: string = "world" }
                tools {
                  %s
                }
                """.formatted(stdioServer()) + CALLS);
        // without discovery the tools' effects are unknown (write) and retried calls would need keys: say them
        Files.writeString(plan, Files.readString(plan).replace("timeout 60s }", "timeout 60s  effect read  idempotent }"));
        Cli.Result v = Cli.run("validate", plan.toString());
        assertEquals(0, v.exit(), v.toString());
        Cli.Result r = Cli.run("run", plan.toString(), "--input", "{\"who\": \"Ada\"}", "--repo", dir.resolve("repo").toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode out = new ObjectMapper().readTree(r.out());
        assertEquals("Echo: hello Ada", out.get("said").asText(), r.toString());
        assertEquals("The sum of 2 and 3 is 5.", out.get("sum").asText(), r.toString());
        assertTrue(r.err().contains("everything.get-sum mcp"), r.toString());
    }

    @Test
    void echoAndGetSumOverStreamableHttpWithAHeaderFromASecret() throws Exception {
        Path script = McpServers.script(McpServers.EVERYTHING);
        int port = McpServers.freePort();
        ProcessBuilder pb = new ProcessBuilder(McpServers.node(), script.toString(), "streamableHttp")
                .redirectErrorStream(true).redirectOutput(dir.resolve("http-server.log").toFile());
        pb.environment().put("PORT", Integer.toString(port));
        Process server = pb.start();
        System.setProperty("AGENTPLAN_SECRET_MCP_TOKEN", "t0ken-for-the-test");
        try {
            awaitListening(port);
            Path plan = write("http.agent", """
                    agent everything_http "echo and get-sum over Streamable HTTP"
                    input { who: string = "web" }
                    tools {
                      everything = mcp { url "http://127.0.0.1:%d/mcp"  headers { Authorization: "Bearer ${secret("MCP_TOKEN")}" }
                        timeout 30s  effect read  idempotent }
                    }
                    """.formatted(port) + CALLS);
            Cli.Result r = Cli.run("run", plan.toString(), "--repo", dir.resolve("repo").toString());
            assertEquals(0, r.exit(), r.toString());
            JsonNode out = new ObjectMapper().readTree(r.out());
            assertEquals("Echo: hello web", out.get("said").asText(), r.toString());
            assertEquals("The sum of 2 and 3 is 5.", out.get("sum").asText(), r.toString());
            assertFalse(r.out().contains("t0ken-for-the-test") || r.err().contains("t0ken-for-the-test"));
        } finally {
            System.clearProperty("AGENTPLAN_SECRET_MCP_TOKEN");
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitListening(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        for (int i = 0; i < 150; i++) {
            try {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("server-everything never listened on port " + port);
    }

    @Test
    void validateDiscoverCatchesAMisspeltArgumentAndThePlainValidateUsesTheCache() throws Exception {
        Path plan = write("typo.agent", """
                agent typo "a misspelt MCP argument"
                tools {
                  %s
                }
                said = everything.echo(mesage: "hi")
                output { said: said.text }
                """.formatted(stdioServer()));
        Cli.Result offline = Cli.run("validate", plan.toString());
        assertFalse(offline.out().contains("AP142"), "without discovery unknown names are not an error: " + offline);

        Cli.Result discovered = Cli.run("validate", "--discover", plan.toString());
        assertEquals(1, discovered.exit(), discovered.toString());
        assertTrue(discovered.out().contains("typo.agent:5:32: error[AP142]: `everything.echo` has no argument `mesage`"
                + " (did you mean `message`?)"), discovered.toString());
        assertTrue(discovered.out().contains("error[AP143]: `everything.echo` needs the argument `message`"), discovered.toString());
        Path cache = dir.resolve("typo.mcp-cache.json");
        assertTrue(Files.exists(cache), "the tools are cached beside the plan");
        JsonNode cached = new ObjectMapper().readTree(cache.toFile());
        assertTrue(cached.path("servers").path("everything").path("tools").toString().contains("\"get-sum\""), cached.toString());

        Cli.Result fromCache = Cli.run("validate", plan.toString());
        assertEquals(1, fromCache.exit(), fromCache.toString());
        assertTrue(fromCache.out().contains("error[AP142]"), "plain validate checks against the cache: " + fromCache);

        // with discovery, the annotations decide the effect: echo is read-only, so no key or effect is needed
        Files.writeString(plan, Files.readString(plan).replace("mesage", "message"));
        Cli.Result fixed = Cli.run("validate", plan.toString());
        assertEquals(0, fixed.exit(), fixed.toString());
        assertTrue(fixed.out().contains("0 errors"), fixed.toString());
    }

    @Test
    void toolsListShowsTheServersToolsWithTheirArgumentsAndEffects() throws Exception {
        Path plan = write("list.agent", """
                agent list "list the tools"
                tools {
                  %s
                }
                r = everything.echo(message: "x")
                """.formatted(stdioServer()));
        Cli.Result r = Cli.run("tools", "list", "--mcp", plan.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("everything.echo(message)  [read, idempotent]"), r.toString());
        assertTrue(r.out().contains("everything.get-sum(a, b)"), r.toString());
        assertTrue(r.out().contains("cached in "), r.toString());
        Files.writeString(plan, Files.readString(plan).replace("everything.echo", "everything.ecko"));
        Cli.Result unknown = Cli.run("validate", plan.toString());
        assertEquals(1, unknown.exit(), unknown.toString());
        assertTrue(unknown.out().contains("list.agent:5:5: error[AP141]: MCP server `everything` has no tool `ecko`"
                + " (did you mean `echo`?)"), unknown.toString());
    }

    @Test
    void planTestsScriptMcpCallsByTheirOwnArguments() throws Exception {
        Path plan = write("scripted.agent", """
                agent scripted "an MCP call answered by a plan test, no server started"
                tools { fs = mcp { command ["node", "not-started.js"]  timeout 10s  effect read  idempotent } }
                r = fs.read_text_file(path: "/a")
                output { text: r.text }
                """);
        write("scripted.test.json", """
                { "cases": [ { "name": "reads", "tools": [ { "tool": "fs.read_text_file", "args": { "path": "/a" }, "result": { "text": "hi" } } ],
                  "expect": { "output": { "text": "hi" }, "calls": [ { "tool": "fs.read_text_file", "args": { "path": "/a" } } ] } } ] }
                """);
        Cli.Result r = Cli.run("test", plan.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("1 passed, 0 failed"), r.toString());
    }
}
