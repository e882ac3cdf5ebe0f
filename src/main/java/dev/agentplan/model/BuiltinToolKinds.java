package dev.agentplan.model;

import static dev.agentplan.model.ValueType.ANY;
import static dev.agentplan.model.ValueType.BOOLEAN;
import static dev.agentplan.model.ValueType.LIST;
import static dev.agentplan.model.ValueType.NUMBER;
import static dev.agentplan.model.ValueType.OBJECT;
import static dev.agentplan.model.ValueType.STRING;

import dev.agentplan.model.ToolKind.Argument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tool kinds every agentplan worker has. Plugins add more through the runtime's tool SPI. */
public final class BuiltinToolKinds {

    public static final ToolKind HTTP = new ToolKind("http",
            "An HTTP request; 5xx, 429 and connection errors are retryable, other 4xx are not",
            List.of(
                    new Argument("method", STRING, false, "GET (default), POST, PUT, PATCH, DELETE, HEAD"),
                    new Argument("url", STRING, true, "absolute http(s) URL"),
                    new Argument("headers", OBJECT, false, "header name to value"),
                    new Argument("query", OBJECT, false, "query parameters, added to the URL"),
                    new Argument("body", ANY, false, "JSON body (objects and lists) or text"),
                    new Argument("redirects", STRING, false,
                            "follow (default; credentials are dropped when a redirect leaves the origin), same-origin or none"),
                    new Argument("max_redirects", NUMBER, false, "most redirects followed, 0 to 20 (default 5)"),
                    acceptTruncated()),
            false, Effect.READ, false);

    public static final ToolKind EXEC = new ToolKind("exec",
            "Runs a program from an argv list, never through a shell",
            List.of(
                    new Argument("argv", LIST, true, "the program and its arguments"),
                    new Argument("cwd", STRING, false, "working directory"),
                    new Argument("env", OBJECT, false, "environment variables (only names the worker allows)"),
                    new Argument("stdin", STRING, false, "text written to the program's standard input"),
                    acceptTruncated()),
            false, Effect.WRITE, true);

    public static final ToolKind LLM_CHAT = new ToolKind("llm.chat",
            "An OpenAI-compatible chat completion; endpoint, model and key come from the worker's configuration",
            List.of(
                    new Argument("messages", LIST, true, "[{role, content}, …]"),
                    new Argument("system", STRING, false, "a system prompt put before the messages"),
                    new Argument("json", BOOLEAN, false, "ask for a JSON object as the answer"),
                    new Argument("tools", LIST, false, "function tools the model may call"),
                    new Argument("temperature", NUMBER, false, "sampling temperature"),
                    new Argument("max_tokens", NUMBER, false, "most tokens in the answer"),
                    new Argument("api_key", STRING, false,
                            "the key to send, normally secret(\"NAME\"); default: the worker's AGENTPLAN_LLM_API_KEY")),
            false, Effect.READ, false);

    public static final ToolKind ECHO = new ToolKind("echo",
            "Returns its arguments as its result", List.of(), true, Effect.READ, false);

    public static final ToolKind FAIL = new ToolKind("fail",
            "Fails the first N attempts, then succeeds: for demos and tests",
            List.of(
                    new Argument("times", NUMBER, false, "how many attempts fail (default 1)"),
                    new Argument("error", STRING, false, "the error type of the failures"),
                    new Argument("message", STRING, false, "the failure message"),
                    new Argument("retryable", BOOLEAN, false, "whether the failures may be retried (default true)"),
                    new Argument("result", ANY, false, "the result once it succeeds")),
            false, Effect.READ, false);

    public static final ToolKind SLEEP = new ToolKind("sleep",
            "Sleeps inside an activity, heartbeating: for demos and tests of long tools",
            List.of(new Argument("duration", STRING, true, "how long, e.g. \"2s\"")),
            false, Effect.READ, false);

    /**
     * A tool of an MCP server, called as {@code server.tool(args)}. Its arguments are the server's
     * (its {@code inputSchema}, known after discovery). Without the server's annotations a call is
     * taken to be a {@code write}: it may change something.
     */
    public static final ToolKind MCP = new ToolKind(ToolDecl.MCP_KIND,
            "A tool of an MCP server (stdio or Streamable HTTP), called as server.tool(args)",
            List.of(), true, Effect.WRITE, false);

    private static final Map<String, ToolKind> ALL = new LinkedHashMap<>();

    static {
        for (ToolKind k : List.of(HTTP, EXEC, LLM_CHAT, ECHO, FAIL, SLEEP, MCP)) {
            ALL.put(k.name(), k);
        }
    }

    private BuiltinToolKinds() {
    }

    /**
     * Read by the worker, not the tool: without it a truncated result (a body or an output cut at
     * the tool's cap, or a result over the worker's cap) fails the call with ResultTooLarge.
     */
    private static Argument acceptTruncated() {
        return new Argument("accept_truncated", BOOLEAN, false,
                "true: take a truncated result (check its 'truncated' field) instead of failing with ResultTooLarge");
    }

    public static Map<String, ToolKind> all() {
        return Map.copyOf(ALL);
    }

    public static ToolKind byName(String name) {
        return ALL.get(name);
    }
}
