package dev.agentplan.mcp;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the MCP tests find the real servers from npm, installed by {@code .ci/run} with
 * {@code npm install --prefix .tools/mcp …}: the directory {@code $AGENTPLAN_MCP_DIR} (or
 * {@code -Dagentplan.mcp.dir}), else {@code .tools/mcp}. Without them (or without node) the tests
 * are skipped, saying why; with {@code CI=true} they fail instead.
 */
public final class McpServers {

    public static final String EVERYTHING = "@modelcontextprotocol/server-everything";
    public static final String FILESYSTEM = "@modelcontextprotocol/server-filesystem";

    private McpServers() {
    }

    /** The entry script of an installed server package, or the test is skipped (CI: fails). */
    public static Path script(String pkg) {
        Path dir = dir();
        Path script = dir.resolve("node_modules").resolve(pkg).resolve("dist/index.js");
        if (!Files.isRegularFile(script) || node().isEmpty()) {
            String why = "MCP server " + pkg + " is not installed in " + dir.toAbsolutePath() + " (or node is not on the PATH), "
                    + "so the MCP tests are skipped: run `npm install --prefix .tools/mcp " + EVERYTHING + "@2026.8.31 "
                    + FILESYSTEM + "@2026.8.31` (as .ci/run does) or set AGENTPLAN_MCP_DIR";
            System.out.println(why);
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true: " + why);
            }
            Assumptions.abort(why);
        }
        return script.toAbsolutePath();
    }

    /** The test's own misbehaving server (crashes once, hangs), a plain node script. */
    public static Path misbehaving() {
        script(EVERYTHING); // same prerequisites: node
        try {
            Path p = Path.of(McpServers.class.getResource("/dev/agentplan/mcp/misbehaving-server.js").toURI());
            return p.toAbsolutePath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String node() {
        return findNode().orElse("node");
    }

    private static Optional<String> findNode() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            Path n = Path.of(d, "node");
            if (Files.isExecutable(n)) {
                return Optional.of(n.toString());
            }
        }
        return Optional.empty();
    }

    private static Path dir() {
        String d = System.getProperty("agentplan.mcp.dir", System.getenv("AGENTPLAN_MCP_DIR"));
        return Path.of(d == null || d.isBlank() ? ".tools/mcp" : d);
    }

    /** A JSON string of a path, for plan text. */
    public static String quoted(Object path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
