package dev.agentplan.syntax;

import dev.agentplan.model.ApprovalRequirement;
import dev.agentplan.model.DurationText;
import dev.agentplan.model.RetryPolicy;
import dev.agentplan.model.ToolPolicy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A tool policy as options in their fixed order: {@code timeout 30s  retry { attempts 3 }  effect write}. */
final class PolicyText {

    private PolicyText() {
    }

    static List<String> options(ToolPolicy p) {
        List<String> out = new ArrayList<>();
        if (p.timeout() != null) {
            out.add("timeout " + DurationText.format(p.timeout()));
        }
        if (p.scheduleToClose() != null) {
            out.add("schedule_to_close " + DurationText.format(p.scheduleToClose()));
        }
        if (p.scheduleToStart() != null) {
            out.add("schedule_to_start " + DurationText.format(p.scheduleToStart()));
        }
        if (p.heartbeat() != null) {
            out.add("heartbeat " + DurationText.format(p.heartbeat()));
        }
        if (p.retry() != null) {
            out.add("retry " + braces(retry(p.retry())));
        }
        if (p.effect() != null) {
            out.add("effect " + p.effect().keyword());
        }
        if (p.idempotent() != null) {
            out.add(p.idempotent() ? "idempotent" : "idempotent false");
        }
        if (p.approval() != ApprovalRequirement.DEFAULT) {
            out.add("approval " + (p.approval() == ApprovalRequirement.REQUIRED ? "required" : "none"));
        }
        if (p.taskQueue() != null) {
            out.add("queue " + quoted(p.taskQueue()));
        }
        return out;
    }

    private static List<String> retry(RetryPolicy r) {
        List<String> out = new ArrayList<>();
        if (r.maxAttempts() != null) {
            out.add("attempts " + r.maxAttempts());
        }
        if (r.initialInterval() != null) {
            out.add("backoff " + DurationText.format(r.initialInterval())
                    + (r.maxInterval() == null ? "" : ".." + DurationText.format(r.maxInterval())));
        }
        if (r.backoffCoefficient() != null) {
            out.add("coefficient " + number(r.backoffCoefficient()));
        }
        if (r.jitterPercent() != null) {
            out.add("jitter " + number(r.jitterPercent()) + "%");
        }
        if (!r.nonRetryable().isEmpty()) {
            out.add("non_retryable " + quotedList(r.nonRetryable()));
        }
        return out;
    }

    private static final java.util.regex.Pattern BARE_MCP_TOOL =
            java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z_][A-Za-z0-9_]*)*");

    /** An MCP tool's name as written: bare when the grammar reads it back as one word, else a string. */
    static String mcpToolName(String tool) {
        return BARE_MCP_TOOL.matcher(tool).matches() ? tool : quoted(tool);
    }

    /** A call's tool: {@code logs}, {@code fs.read_file}, {@code fs."v2.read"}. */
    static String callName(String tool) {
        int dot = tool.indexOf('.');
        return dot < 0 ? tool : tool.substring(0, dot + 1) + mcpToolName(tool.substring(dot + 1));
    }

    /** An MCP server's transport, then its policy, then its tools' policies. */
    static List<String> mcpOptions(dev.agentplan.model.McpServer mcp, ToolPolicy policy) {
        List<String> out = new ArrayList<>();
        if (mcp != null) {
            if (!mcp.command().isEmpty()) {
                out.add("command " + ExpressionText.print(new dev.agentplan.model.Expr.ListExpr(mcp.command(), null)));
            }
            if (!mcp.env().isEmpty()) {
                out.add("env " + ExpressionText.print(new dev.agentplan.model.Expr.ObjectExpr(mcp.env(), null)));
            }
            if (mcp.url() != null) {
                out.add("url " + ExpressionText.print(mcp.url()));
            }
            if (!mcp.headers().isEmpty()) {
                out.add("headers " + ExpressionText.print(new dev.agentplan.model.Expr.ObjectExpr(mcp.headers(), null)));
            }
        }
        out.addAll(options(policy));
        if (mcp != null) {
            for (dev.agentplan.model.McpServer.ToolOverride t : mcp.tools()) {
                out.add("tool " + mcpToolName(t.name()) + " " + braces(options(t.policy())));
            }
        }
        return out;
    }

    /** {@code { a  b }} or {@code {}}: options are separated by two spaces. */
    static String braces(List<String> options) {
        return options.isEmpty() ? "{}" : "{ " + String.join("  ", options) + " }";
    }

    static String quoted(String s) {
        StringBuilder out = new StringBuilder();
        ExpressionPrinter.quoted(s, out);
        return out.toString();
    }

    static String quotedList(List<String> items) {
        List<String> q = new ArrayList<>();
        for (String s : items) {
            q.add(quoted(s));
        }
        return "[" + String.join(", ", q) + "]";
    }

    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "0";
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
