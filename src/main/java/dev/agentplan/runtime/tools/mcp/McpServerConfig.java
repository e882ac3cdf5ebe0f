package dev.agentplan.runtime.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.Sha256;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.ToolJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to reach one MCP server, as a call's activity receives it (secrets already resolved):
 * stdio ({@code command}, {@code env}) or Streamable HTTP ({@code url}, {@code headers}).
 * Calls with equal configurations share one session.
 */
public record McpServerConfig(List<String> command, Map<String, String> env, String url, Map<String, String> headers) {

    public McpServerConfig {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        headers = Map.copyOf(headers);
    }

    public boolean stdio() {
        return url == null;
    }

    /** The {@code server} object of an MCP call's arguments. */
    public static McpServerConfig fromJson(JsonNode server) throws ToolFailure {
        if (server == null || !server.isObject()) {
            throw ToolFailure.nonRetryable("InvalidArguments", "mcp: the call has no server description");
        }
        List<String> command = new ArrayList<>();
        JsonNode c = server.get("command");
        if (c != null && c.isArray()) {
            for (JsonNode item : c) {
                if (!item.isTextual() && !item.isNumber()) {
                    throw ToolFailure.nonRetryable("InvalidArguments", "mcp: every item of `command` must be text, not " + item);
                }
                command.add(item.asText());
            }
        }
        JsonNode u = server.get("url");
        String url = u == null || u.isNull() ? null : u.asText();
        if (command.isEmpty() == (url == null)) {
            throw ToolFailure.nonRetryable("InvalidArguments", "mcp: the server needs exactly one of `command` and `url`");
        }
        if (url != null && !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw ToolFailure.nonRetryable("InvalidArguments", "mcp: the server's url must be http(s), not '" + url + "'");
        }
        return new McpServerConfig(command, texts(server.get("env"), "env"), url, texts(server.get("headers"), "headers"));
    }

    private static Map<String, String> texts(JsonNode node, String what) throws ToolFailure {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw ToolFailure.nonRetryable("InvalidArguments", "mcp: `" + what + "` must be an object");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (v.isContainerNode()) {
                throw ToolFailure.nonRetryable("InvalidArguments", "mcp: `" + what + "." + e.getKey() + "` must be text");
            }
            if (!v.isNull()) {
                out.put(e.getKey(), v.asText());
            }
        }
        return out;
    }

    /** The {@code server} object an MCP call carries (before secret resolution, references in place). */
    public ObjectNode toJson() {
        ObjectNode out = ToolJson.object();
        if (stdio()) {
            command.forEach(out.putArray("command")::add);
            if (!env.isEmpty()) {
                ObjectNode e = out.putObject("env");
                new java.util.TreeMap<>(env).forEach(e::put);
            }
        } else {
            out.put("url", url);
            if (!headers.isEmpty()) {
                ObjectNode h = out.putObject("headers");
                new java.util.TreeMap<>(headers).forEach(h::put);
            }
        }
        return out;
    }

    /** Identifies the session (hashed: it may hold secret values). */
    String sessionKey() {
        return Sha256.of(toJson().toString());
    }

    /** For messages: the program and its arguments, or the URL (never environment or header values). */
    public String describe() {
        return stdio() ? String.join(" ", command) : url;
    }
}
