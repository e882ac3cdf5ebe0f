package dev.agentplan.syntax;

import dev.agentplan.model.Expr;
import dev.agentplan.model.McpServer;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolPolicy;
import dev.agentplan.syntax.generated.AgentParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** An MCP server's options ({@code command […]  env {…}  url …  headers {…}  tool NAME {…}}) as a {@link McpServer}. */
final class McpBuilder {

    private final Spans spans;
    private final DiagnosticSink sink;
    private final ExprBuilder exprs;
    private final PolicyBuilder policies;

    McpBuilder(Spans spans, DiagnosticSink sink, ExprBuilder exprs, PolicyBuilder policies) {
        this.spans = spans;
        this.sink = sink;
        this.exprs = exprs;
        this.policies = policies;
    }

    static boolean isMcpOption(AgentParser.ToolOptionContext o) {
        return o instanceof AgentParser.CommandOptionContext || o instanceof AgentParser.EnvOptionContext
                || o instanceof AgentParser.UrlOptionContext || o instanceof AgentParser.HeadersOptionContext
                || o instanceof AgentParser.McpToolOptionContext;
    }

    /** Reports MCP options where they do not belong: in {@code defaults}, a tool of another kind, a {@code tool} block. */
    void rejectMcpOptions(List<AgentParser.ToolOptionContext> options, String where) {
        for (AgentParser.ToolOptionContext o : options) {
            if (isMcpOption(o)) {
                String option = o.getStart().getText();
                sink.error(SyntaxCodes.MCP_SERVER, spans.of(o), "`" + option + "` is an option of MCP servers, not " + where,
                        "declare the server as `name = mcp { command [\"…\"] }` or `name = mcp { url \"…\" }`");
            }
        }
    }

    /** The server of {@code name = mcp { … }}, reporting a missing or doubled transport. */
    McpServer server(AgentParser.ToolDeclContext decl) {
        String name = decl.name().getText();
        List<AgentParser.ToolOptionContext> options = decl.toolOption();
        OptionSet seen = new OptionSet("for MCP server `" + name + "`", spans, sink);
        List<Expr> command = new ArrayList<>();
        Map<String, Expr> env = new LinkedHashMap<>();
        Expr url = null;
        Map<String, Expr> headers = new LinkedHashMap<>();
        List<McpServer.ToolOverride> tools = new ArrayList<>();
        ParserRuleContext envAt = null;
        ParserRuleContext headersAt = null;
        boolean hasCommand = false;
        for (AgentParser.ToolOptionContext o : options) {
            if (o instanceof AgentParser.McpToolOptionContext t) {
                String tool = toolName(t.mcpToolName());
                if (tool == null) {
                    continue;
                }
                if (tools.stream().anyMatch(x -> x.name().equals(tool))) {
                    sink.error(SyntaxCodes.DUPLICATE_OPTION, spans.of(t), "`tool " + tool + "` is given twice for MCP server `"
                            + name + "`", "merge the two blocks into one");
                    continue;
                }
                rejectMcpOptions(t.toolOption(), "of one tool of a server");
                ToolPolicy policy = policies.policy(t.toolOption(), "for tool `" + name + "." + tool + "`");
                tools.add(new McpServer.ToolOverride(tool, policy, spans.of(t)));
                continue;
            }
            if (!isMcpOption(o) || !seen.add(o)) {
                continue;
            }
            if (o instanceof AgentParser.CommandOptionContext c) {
                hasCommand = true;
                for (AgentParser.ExprContext e : c.expr()) {
                    command.add(exprs.top(e));
                }
                if (command.isEmpty()) {
                    sink.error(SyntaxCodes.MCP_SERVER, spans.of(c), "the `command` of MCP server `" + name + "` is empty",
                            "name the program and its arguments: `command [\"npx\", \"-y\", \"@scope/server\"]`");
                }
            } else if (o instanceof AgentParser.EnvOptionContext e) {
                envAt = e;
                fields(e.objectField(), env);
            } else if (o instanceof AgentParser.UrlOptionContext u) {
                url = exprs.top(u.expr());
            } else if (o instanceof AgentParser.HeadersOptionContext h) {
                headersAt = h;
                fields(h.objectField(), headers);
            }
        }
        if (hasCommand == (url != null)) {
            sink.error(SyntaxCodes.MCP_SERVER, spans.of(decl), hasCommand
                            ? "MCP server `" + name + "` has both a `command` and a `url`"
                            : "MCP server `" + name + "` has no transport",
                    "give either `command [\"program\", \"arg\"]` (stdio) or `url \"https://…\"` (Streamable HTTP)");
        } else if (hasCommand && headersAt != null) {
            sink.error(SyntaxCodes.MCP_SERVER, spans.of(headersAt), "`headers` are for servers reached by `url`",
                    "a stdio server takes its settings from `env { … }`");
        } else if (url != null && envAt != null) {
            sink.error(SyntaxCodes.MCP_SERVER, spans.of(envAt), "`env` is for servers started by `command`",
                    "a server reached by `url` takes its settings from `headers { … }`");
        }
        return new McpServer(command, env, url, headers, tools);
    }

    /** {@code get-sum} or {@code "any.name"}: the words must touch their '-'s. */
    String toolName(AgentParser.McpToolNameContext ctx) {
        if (ctx.string() != null) {
            String s = exprs.plainString(ctx.string(), "an MCP tool name");
            if (s != null && s.isEmpty()) {
                sink.error(SyntaxCodes.MCP_SERVER, spans.of(ctx), "an MCP tool name cannot be empty", "write the server's name for the tool");
                return null;
            }
            return s;
        }
        Token previous = null;
        for (int i = 0; i < ctx.getChildCount(); i++) {
            Token t = ctx.getChild(i) instanceof ParserRuleContext r ? r.getStart()
                    : ((org.antlr.v4.runtime.tree.TerminalNode) ctx.getChild(i)).getSymbol();
            if (previous != null && t.getStartIndex() != previous.getStopIndex() + 1) {
                sink.error(SyntaxCodes.MCP_SERVER, spans.of(ctx), "an MCP tool name has spaces around its `-`",
                        "write it without spaces (`get-sum`) or as a string (`\"get-sum\"`)");
                return null;
            }
            previous = ctx.getChild(i) instanceof ParserRuleContext r ? r.getStop() : t;
        }
        return ctx.getText();
    }

    private void fields(List<AgentParser.ObjectFieldContext> fields, Map<String, Expr> out) {
        for (AgentParser.ObjectFieldContext f : fields) {
            String key = f.key() != null ? f.key().getText() : exprs.plainString(f.string(), "a name");
            if (out.containsKey(key)) {
                sink.error(SyntaxCodes.DUPLICATE_KEY, spans.of(f), "the key `" + key + "` appears twice", "remove one of them");
            }
            out.put(key, exprs.top(f.expr()));
        }
    }

    static boolean isMcpKind(String kind) {
        return ToolDecl.MCP_KIND.equals(kind);
    }
}
