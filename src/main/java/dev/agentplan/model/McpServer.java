package dev.agentplan.model;

import java.util.List;
import java.util.Map;

/**
 * An MCP server a plan declares once in {@code tools} ({@code fs = mcp { command [...] }}) and
 * whose tools it calls as {@code fs.read_file(path: …)}. Exactly one transport: stdio (a command
 * line and its environment) or Streamable HTTP (a URL and headers). The values are expressions,
 * evaluated where a call runs, so they may use {@code secret("NAME")} and the run's inputs.
 *
 * @param command the program and its arguments (stdio), or empty
 * @param env environment variables for the program (stdio)
 * @param url the endpoint (Streamable HTTP), or null
 * @param headers request headers (Streamable HTTP), typically {@code Authorization} from a secret
 * @param tools policies for single tools of the server, over the server's own policy
 * @param discovered the server's tools as discovery found them (from the cache beside the plan), by
 *     name; null when the server was not discovered, so its tool and argument names are not checked
 */
public record McpServer(List<Expr> command, Map<String, Expr> env, Expr url, Map<String, Expr> headers,
                        List<ToolOverride> tools, Map<String, McpToolInfo> discovered) {

    public McpServer {
        command = Ordered.list(command);
        env = Ordered.map(env);
        headers = Ordered.map(headers);
        tools = Ordered.list(tools);
        discovered = discovered == null ? null : Ordered.map(discovered);
    }

    /** A server as a plan writes it: nothing discovered. */
    public McpServer(List<Expr> command, Map<String, Expr> env, Expr url, Map<String, Expr> headers,
                     List<ToolOverride> tools) {
        this(command, env, url, headers, tools, null);
    }

    /** This server with the tools discovery found (never part of the plan's text or JSON). */
    public McpServer withDiscovered(Map<String, McpToolInfo> tools) {
        return new McpServer(command, env, url, headers, this.tools, tools);
    }

    /** {@code tool write_file { effect irreversible }}: one tool's policy, over the server's. */
    public record ToolOverride(String name, ToolPolicy policy, SourceSpan span) {
    }

    public boolean stdio() {
        return url == null;
    }

    public ToolOverride override(String tool) {
        for (ToolOverride o : tools) {
            if (o.name().equals(tool)) {
                return o;
            }
        }
        return null;
    }
}
