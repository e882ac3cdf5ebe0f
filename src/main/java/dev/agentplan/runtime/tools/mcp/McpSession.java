package dev.agentplan.runtime.tools.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One client session with one MCP server: a started stdio process or a Streamable HTTP session,
 * initialised, with the server's tool list. A session that failed at the transport (the process
 * died, the connection broke, a call hung past its timeout) is {@link #broken()} and is replaced
 * by the next call.
 */
final class McpSession implements AutoCloseable {

    /** Environment a stdio server inherits from the worker: enough to find and run a program, no credentials. */
    private static final Set<String> INHERITED_ENV = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL",
            "TMPDIR", "TEMP", "TMP", "SYSTEMROOT", "PATHEXT", "COMSPEC", "NODE_PATH", "npm_config_cache");
    private static final int STDERR_LINES = 20;
    private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());

    private final McpServerConfig config;
    private final McpAsyncClient client;
    private final Deque<String> stderr = new ArrayDeque<>();
    private volatile Map<String, McpSchema.Tool> tools;
    /** The stdio server's process (found as the worker's new child), so close can end it and its children. */
    private volatile ProcessHandle process;
    /** Session starts that spawn a process take turns, so each finds its own child. */
    private static final Object SPAWN = new Object();
    private volatile boolean broken;

    private McpSession(McpServerConfig config, Duration timeout) {
        this.config = config;
        McpClientTransport transport = config.stdio() ? stdio(config) : http(config);
        // Each call waits only as long as its own attempt may run (see call); the client's own limit is a backstop.
        this.client = McpClient.async(transport)
                .clientInfo(new McpSchema.Implementation("agentplan", "1"))
                .requestTimeout(Duration.ofDays(1))
                .initializationTimeout(timeout)
                .jsonSchemaValidator(new AcceptingValidator())
                .build();
    }

    /** Starts the server (stdio) or opens the session (HTTP), initialises it and lists its tools. */
    static McpSession open(McpServerConfig config, Duration timeout) {
        McpSession session = new McpSession(config, timeout);
        try {
            if (config.stdio()) {
                synchronized (SPAWN) {
                    Set<Long> before = children();
                    try {
                        session.client.initialize().block(timeout);
                    } finally {
                        session.process = ProcessHandle.current().children()
                                .filter(h -> !before.contains(h.pid())).findFirst().orElse(null);
                    }
                }
            } else {
                session.client.initialize().block(timeout);
            }
            session.listTools(timeout);
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(java.util.stream.Collectors.toSet());
    }

    private StdioClientTransport stdio(McpServerConfig c) {
        ServerParameters params = ServerParameters.builder(c.command().get(0))
                .args(c.command().subList(1, c.command().size())).env(c.env()).build();
        StdioClientTransport transport = new StdioClientTransport(params, JSON) {
            @Override
            protected ProcessBuilder getProcessBuilder() {
                ProcessBuilder pb = new ProcessBuilder();
                pb.environment().keySet().retainAll(INHERITED_ENV); // the plan's env is added on top
                return pb;
            }
        };
        transport.setStdErrorHandler(this::stderrLine);
        return transport;
    }

    private static HttpClientStreamableHttpTransport http(McpServerConfig c) {
        java.net.URI uri = java.net.URI.create(c.url());
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        String endpoint = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder();
        c.headers().forEach(request::header);
        return HttpClientStreamableHttpTransport.builder(base).endpoint(endpoint).requestBuilder(request)
                .jsonMapper(JSON).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private synchronized void stderrLine(String line) {
        if (stderr.size() == STDERR_LINES) {
            stderr.removeFirst();
        }
        stderr.addLast(line);
    }

    /** The last lines the server wrote to its standard error (stdio), for failure messages. */
    synchronized String stderrTail() {
        return String.join("\n", stderr);
    }

    McpServerConfig config() {
        return config;
    }

    /** The server's tools by name (all pages of {@code tools/list}). */
    Map<String, McpSchema.Tool> tools() {
        return tools;
    }

    void listTools(Duration timeout) {
        Map<String, McpSchema.Tool> all = new LinkedHashMap<>();
        String cursor = null;
        int pages = 0;
        do {
            McpSchema.ListToolsResult page = (cursor == null ? client.listTools() : client.listTools(cursor)).block(timeout);
            for (McpSchema.Tool t : page.tools() == null ? List.<McpSchema.Tool>of() : page.tools()) {
                all.put(t.name(), t);
            }
            cursor = page.nextCursor();
        } while (cursor != null && ++pages < 100);
        tools = all;
    }

    /** A call that has not answered within {@code timeout} fails with an IllegalStateException from block. */
    McpSchema.CallToolResult call(String tool, Map<String, Object> arguments, Map<String, Object> meta, Duration timeout) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments, meta)).block(timeout);
    }

    void markBroken() {
        broken = true;
    }

    boolean broken() {
        return broken;
    }

    @Override
    public void close() {
        broken = true;
        try {
            client.closeGracefully().block(Duration.ofSeconds(2)); // stdio: the transport ends the server process
        } catch (RuntimeException slow) {
            // a wedged server: close() below stops waiting for it
        }
        try {
            client.close();
        } catch (RuntimeException ignored) {
            // closing a dead session: nothing left to release
        }
        ProcessHandle p = process;
        if (p != null && p.isAlive()) { // a wedged server that did not leave when its input closed
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /**
     * Structured results are not checked against the tool's output schema here: plans read them as
     * data, and the SDK's own validator needs another version of json-schema-validator than agentplan's.
     */
    private static final class AcceptingValidator implements JsonSchemaValidator {
        @Override
        public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
            return ValidationResponse.asValid(null);
        }
    }
}
