package dev.agentplan.syntax;

import dev.agentplan.model.BodyNames;
import dev.agentplan.model.DurationText;
import dev.agentplan.model.Expr;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.model.ValueType;
import dev.agentplan.model.Step;
import dev.agentplan.model.Step.ApprovalTimeout;
import dev.agentplan.model.Step.SignalTimeout;
import dev.agentplan.syntax.generated.AgentParser;
import dev.agentplan.syntax.generated.AgentParserBaseVisitor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Builds steps from statements, one visit method per kind of statement, attaching comments on the way. */
final class StepBuilder extends AgentParserBaseVisitor<Step> {

    private final Spans spans;
    private final DiagnosticSink sink;
    private final ExprBuilder exprs;
    private final Values values;
    private final CommentCollector comments;
    private final McpBuilder mcp;
    /** The comment key of the statement being visited. */
    private String key;

    StepBuilder(Spans spans, DiagnosticSink sink, ExprBuilder exprs, Values values, CommentCollector comments,
                McpBuilder mcp) {
        this.mcp = mcp;
        this.spans = spans;
        this.sink = sink;
        this.exprs = exprs;
        this.values = values;
        this.comments = comments;
    }

    /** The steps of a list of statements whose body prefix (for step paths) is {@code body}. */
    List<Step> steps(List<AgentParser.StatementContext> statements, String body) {
        List<Step> steps = new ArrayList<>(statements.size());
        for (int i = 0; i < statements.size(); i++) {
            AgentParser.StatementContext s = statements.get(i);
            key = CommentKeys.step(body, i);
            comments.anchor(key, s);
            steps.add(s.accept(this));
        }
        return steps;
    }

    private List<Step> body(AgentParser.BlockContext block, String stepKey, String bodyName) {
        String prefix = CommentKeys.body(stepKey, bodyName);
        List<Step> steps = steps(block.statement(), prefix);
        comments.end(CommentKeys.end(prefix), block.RBRACE() == null ? null : block.RBRACE().getSymbol());
        return steps;
    }

    @Override
    public Step visitCallStatement(AgentParser.CallStatementContext ctx) {
        return new Step.CallStep(name(ctx.bind), call(ctx.toolCall(0)),
                ctx.idempotencyKey == null ? null : exprs.top(ctx.idempotencyKey),
                ctx.undo == null ? null : call(ctx.undo), spans.of(ctx));
    }

    @Override
    public Step visitIfStatement(AgentParser.IfStatementContext ctx) {
        String self = key;
        List<Step.Branch> branches = new ArrayList<>();
        for (int i = 0; i < ctx.branch().size(); i++) {
            AgentParser.BranchContext b = ctx.branch(i);
            Expr condition = required(b.condition, b, i == 0 ? "`if`" : "`else if`", "a condition");
            branches.add(new Step.Branch(condition, body(b.block(), self, BodyNames.branch(i, ctx.branch().size())), spans.of(b)));
        }
        List<Step> otherwise = ctx.block() == null ? List.of() : body(ctx.block(), self, BodyNames.ELSE);
        return new Step.IfStep(branches, otherwise, spans.of(ctx));
    }

    @Override
    public Step visitForEachStatement(AgentParser.ForEachStatementContext ctx) {
        String self = key;
        Expr items = required(ctx.items, ctx.block(), "`in`", "the items to loop over");
        Integer parallel = ctx.NUMBER() == null ? null : values.whole(ctx.NUMBER().getSymbol(), "`parallel`");
        return new Step.ForEachStep(ctx.name().getText(), items, parallel, body(ctx.block(), self, BodyNames.BODY),
                spans.of(ctx));
    }

    @Override
    public Step visitWhileStatement(AgentParser.WhileStatementContext ctx) {
        String self = key;
        Expr condition = required(ctx.condition, ctx.block(), "`while`", "a condition");
        Integer max = ctx.NUMBER() == null ? null : values.whole(ctx.NUMBER().getSymbol(), "`max`");
        return new Step.WhileStep(condition, max, body(ctx.block(), self, BodyNames.BODY), spans.of(ctx));
    }

    /** An expression the grammar lets go missing only for better error recovery; reported when absent. */
    private Expr required(AgentParser.ExprContext expr, ParserRuleContext next, String after, String what) {
        if (expr != null) {
            return exprs.top(expr);
        }
        sink.error(SyntaxCodes.SYNTAX, spans.of(next.getStart()), "expected " + what + " after " + after
                + ", but found `{`", "write it before the block, like `if x > 0 { … }`");
        return new Expr.NullLiteral(spans.of(next.getStart()));
    }

    @Override
    public Step visitParallelStatement(AgentParser.ParallelStatementContext ctx) {
        String self = key;
        List<Step.Lane> lanes = new ArrayList<>();
        for (int i = 0; i < ctx.lane().size(); i++) {
            AgentParser.LaneContext lane = ctx.lane(i);
            String laneKey = CommentKeys.lane(self, i);
            comments.anchor(laneKey, lane);
            String prefix = CommentKeys.path(laneKey);
            List<Step> body = steps(lane.block().statement(), prefix);
            comments.end(CommentKeys.end(prefix), lane.block().RBRACE() == null ? null
                    : lane.block().RBRACE().getSymbol());
            lanes.add(new Step.Lane(lane.name().getText(), body, spans.of(lane)));
        }
        comments.end(CommentKeys.end(CommentKeys.path(self) + "/lanes"),
                ctx.RBRACE() == null ? null : ctx.RBRACE().getSymbol());
        Step.JoinMode mode = ctx.join != null && ctx.join.getType() == AgentParser.FIRST
                ? Step.JoinMode.FIRST : Step.JoinMode.ALL;
        return new Step.ParallelStep(name(ctx.bind), mode, lanes, spans.of(ctx));
    }

    @Override
    public Step visitWaitStatement(AgentParser.WaitStatementContext ctx) {
        return new Step.WaitStep(values.duration(ctx.duration()), spans.of(ctx));
    }

    @Override
    public Step visitAwaitStatement(AgentParser.AwaitStatementContext ctx) {
        OptionSet seen = new OptionSet("in this `await signal`", spans, sink);
        Duration timeout = null;
        SignalTimeout onTimeout = null;
        for (AgentParser.AwaitOptionContext o : ctx.awaitOption()) {
            if (!seen.add(o)) {
                continue;
            }
            if (o instanceof AgentParser.AwaitTimeoutContext t) {
                timeout = values.duration(t.duration());
            } else if (o instanceof AgentParser.AwaitOnTimeoutContext a) {
                onTimeout = a.action.getType() == AgentParser.FAIL ? SignalTimeout.FAIL : SignalTimeout.CONTINUE;
            }
        }
        return new Step.AwaitSignalStep(name(ctx.bind), values.plain(ctx.string(), "a signal name"), timeout,
                onTimeout, spans.of(ctx));
    }

    @Override
    public Step visitApproveStatement(AgentParser.ApproveStatementContext ctx) {
        String name = ctx.name().getText();
        OptionSet seen = new OptionSet("in approval `" + name + "`", spans, sink);
        Expr prompt = null;
        List<String> approvers = new ArrayList<>();
        Duration timeout = null;
        ApprovalTimeout onTimeout = null;
        for (AgentParser.ApproveOptionContext o : ctx.approveOption()) {
            if (!seen.add(o)) {
                continue;
            }
            if (o instanceof AgentParser.AskOptionContext a) {
                prompt = exprs.string(a.string());
            } else if (o instanceof AgentParser.ApproversOptionContext a) {
                for (AgentParser.StringContext s : a.string()) {
                    approvers.add(values.plain(s, "an approver"));
                }
            } else if (o instanceof AgentParser.ApproveTimeoutContext t) {
                timeout = values.duration(t.duration());
            } else if (o instanceof AgentParser.ApproveOnTimeoutContext t) {
                onTimeout = switch (t.action.getType()) {
                    case AgentParser.REJECT -> ApprovalTimeout.REJECT;
                    case AgentParser.APPROVE -> ApprovalTimeout.APPROVE;
                    default -> ApprovalTimeout.FAIL;
                };
            }
        }
        return new Step.ApproveStep(name, prompt, approvers, timeout, onTimeout, spans.of(ctx));
    }

    @Override
    public Step visitSetStatement(AgentParser.SetStatementContext ctx) {
        return new Step.SetStep(ctx.name().getText(), exprs.top(ctx.expr()), spans.of(ctx));
    }

    @Override
    public Step visitTryStatement(AgentParser.TryStatementContext ctx) {
        String self = key;
        List<Step> body = body(ctx.block(0), self, BodyNames.TRY);
        List<Step.Catch> catches = new ArrayList<>();
        for (int i = 0; i < ctx.catchClause().size(); i++) {
            AgentParser.CatchClauseContext c = ctx.catchClause(i);
            List<String> types = new ArrayList<>();
            for (AgentParser.NameContext n : c.name()) {
                if (n != c.variable) {
                    types.add(n.getText());
                }
            }
            catches.add(new Step.Catch(types, name(c.variable), body(c.block(), self, BodyNames.catchClause(i)),
                    spans.of(c)));
        }
        List<Step> finallyBody = ctx.FINALLY() == null ? List.of() : body(ctx.block(1), self, BodyNames.FINALLY);
        return new Step.TryStep(body, catches, finallyBody, spans.of(ctx));
    }

    @Override
    public Step visitAssertStatement(AgentParser.AssertStatementContext ctx) {
        return new Step.AssertStep(exprs.top(ctx.condition), ctx.message == null ? null : exprs.top(ctx.message),
                spans.of(ctx));
    }

    @Override
    public Step visitFailStatement(AgentParser.FailStatementContext ctx) {
        return new Step.FailStep(exprs.top(ctx.expr()), spans.of(ctx));
    }

    @Override
    public Step visitRunStatement(AgentParser.RunStatementContext ctx) {
        String ref = null;
        if (ctx.ref != null) {
            Token number = ctx.ref.NUMBER() == null ? null : ctx.ref.NUMBER().getSymbol();
            if (number == null) {
                ref = ctx.ref.getText();
            } else {
                Integer version = values.whole(number, "a version");
                ref = version == null ? number.getText() : version.toString();
            }
        }
        return new Step.RunAgentStep(name(ctx.bind), ctx.agent.getText(), ref, arguments(ctx.arguments()),
                spans.of(ctx));
    }

    @Override
    public Step visitHandleStatement(AgentParser.HandleStatementContext ctx) {
        String self = key;
        IntentHandler handler = handler(ctx.handlerDecl());
        return new Step.HandleStep(handler, ctx.LEAVE() != null, body(ctx.block(), self, BodyNames.BODY), spans.of(ctx));
    }

    /** The options a model loop has, in the order the formatter writes them. */
    static final List<String> LOOP_OPTIONS = List.of("ask", "context", "tools", "max_turns", "approval_timeout",
            "approvers");

    @Override
    public Step visitLoopStatement(AgentParser.LoopStatementContext ctx) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        Expr prompt = null;
        Expr context = null;
        List<Step.LoopTool> tools = new ArrayList<>();
        Integer maxTurns = null;
        Duration approvalTimeout = null;
        List<String> approvers = new ArrayList<>();
        for (AgentParser.LoopOptionContext o : ctx.loopOption()) {
            String option = o.key().getText();
            if (!LOOP_OPTIONS.contains(option)) {
                sink.error(SyntaxCodes.UNKNOWN_OPTION, spans.of(o.key()), "unknown `loop` option `" + option
                        + "`; expected one of " + String.join(", ", LOOP_OPTIONS), hintFor(option));
                continue;
            }
            if (!seen.add(option)) {
                sink.error(SyntaxCodes.DUPLICATE_OPTION, spans.of(o), "`" + option + "` is given twice in this `loop`",
                        "keep only one `" + option + "`");
                continue;
            }
            AgentParser.ExprContext value = o.expr();
            switch (option) {
                case "ask" -> prompt = exprs.top(value);
                case "context" -> context = exprs.top(value);
                case "tools" -> tools = loopTools(value);
                case "max_turns" -> maxTurns = wholeNumber(value, "`max_turns`");
                case "approvers" -> approvers = plainStrings(value);
                default -> approvalTimeout = durationOf(value);
            }
        }
        return new Step.ModelLoopStep(name(ctx.bind), ctx.model.getText(), prompt, context, tools, maxTurns,
                approvalTimeout, approvers, spans.of(ctx));
    }

    /** {@code approvers ["alice", "bob"]}: plain strings. */
    private List<String> plainStrings(AgentParser.ExprContext value) {
        List<String> out = new ArrayList<>();
        if (value instanceof AgentParser.PrimaryExprContext p && p.primary() instanceof AgentParser.ListExprContext l) {
            for (AgentParser.ExprContext item : l.expr()) {
                if (item instanceof AgentParser.PrimaryExprContext ip && ip.primary() instanceof AgentParser.StringExprContext s) {
                    out.add(values.plain(s.string(), "an approver"));
                } else {
                    sink.error(SyntaxCodes.SYNTAX, spans.of(item), "`approvers` lists names as strings",
                            "write `approvers [\"alice\", \"bob\"]`");
                }
            }
            return out;
        }
        sink.error(SyntaxCodes.SYNTAX, spans.of(value), "`approvers` needs a list of names",
                "write `approvers [\"alice\", \"bob\"]`");
        return out;
    }

    private static String hintFor(String option) {
        for (String known : LOOP_OPTIONS) {
            if (known.startsWith(option.substring(0, Math.min(3, option.length())))) {
                return "did you mean `" + known + "`?";
            }
        }
        return "a loop is `loop MODEL { ask \"…\"  tools [a, b]  max_turns 8 }`";
    }

    /** {@code tools [a, b, fs.read_text_file]}: names of declared tools, or of an MCP server's tools. */
    private List<Step.LoopTool> loopTools(AgentParser.ExprContext value) {
        List<Step.LoopTool> out = new ArrayList<>();
        if (value instanceof AgentParser.PrimaryExprContext p && p.primary() instanceof AgentParser.ListExprContext l) {
            for (AgentParser.ExprContext item : l.expr()) {
                if (item instanceof AgentParser.PrimaryExprContext ip
                        && ip.primary() instanceof AgentParser.PathExprContext path && path.pathRoot().name() != null
                        && (path.pathSegment().isEmpty() || (path.pathSegment().size() == 1
                        && path.pathSegment(0) instanceof AgentParser.FieldSegmentContext))) {
                    // `fs.read_text_file`: one tool of the MCP server `fs`; plain `fs`: all of its tools
                    out.add(new Step.LoopTool(path.getText(), spans.of(item)));
                } else {
                    sink.error(SyntaxCodes.SYNTAX, spans.of(item), "`tools` lists the names of declared tools",
                            "write the tool's name, like `tools [search, fetch]` or `tools [fs.read_text_file]`");
                }
            }
            return out;
        }
        sink.error(SyntaxCodes.SYNTAX, spans.of(value), "`tools` needs a list of tool names",
                "write `tools [search, fetch]`");
        return out;
    }

    private Integer wholeNumber(AgentParser.ExprContext value, String what) {
        if (value instanceof AgentParser.PrimaryExprContext p && p.primary() instanceof AgentParser.NumberExprContext n) {
            return values.whole(n.NUMBER().getSymbol(), what);
        }
        sink.error(SyntaxCodes.NOT_WHOLE, spans.of(value), what + " needs a whole number", "write it like `max_turns 8`");
        return null;
    }

    private Duration durationOf(AgentParser.ExprContext value) {
        if (value instanceof AgentParser.PrimaryExprContext p
                && p.primary() instanceof AgentParser.DurationValueExprContext d) {
            Duration parsed = DurationText.parse(d.DURATION().getText()).duration();
            if (parsed == null) {
                sink.error(SyntaxCodes.DURATION_TOO_LONG, spans.of(value), "this duration is too long",
                        "durations must be shorter than about 290 million years; use a smaller one");
            }
            return parsed;
        }
        sink.error(SyntaxCodes.BAD_DURATION, spans.of(value), "`approval_timeout` needs a duration, like 4h",
                "the units are ms, s, m, h and d");
        return null;
    }

    /** {@code on signal|update "name" [as v: type [= default]]}, in the header or as a statement. */
    IntentHandler handler(AgentParser.HandlerDeclContext d) {
        IntentHandler.Kind kind = d.kind.getType() == AgentParser.UPDATE ? IntentHandler.Kind.UPDATE
                : IntentHandler.Kind.SIGNAL;
        String event = values.plain(d.event, "an event name");
        ValueType type = ValueType.ANY;
        if (d.type != null) {
            type = ValueType.fromKeyword(d.type.getText());
            if (type == null) {
                sink.error(SyntaxCodes.UNKNOWN_TYPE, spans.of(d.type), "unknown type `" + d.type.getText() + "`",
                        "the types are string, number, boolean, object, list and any");
                type = ValueType.ANY;
            }
        }
        Expr defaultValue = d.defaultValue == null ? null : exprs.top(d.defaultValue);
        return new IntentHandler(kind, event, name(d.variable), type, defaultValue, spans.of(d));
    }

    Step.ToolCall call(AgentParser.ToolCallContext ctx) {
        String tool = ctx.name().getText();
        if (ctx.mcpToolName() != null) {
            String remote = mcp.toolName(ctx.mcpToolName());
            tool = tool + "." + (remote == null ? ctx.mcpToolName().getText() : remote);
        }
        return new Step.ToolCall(tool, arguments(ctx.arguments()), spans.of(ctx));
    }

    private Map<String, Expr> arguments(AgentParser.ArgumentsContext ctx) {
        Map<String, Expr> args = new LinkedHashMap<>();
        if (ctx == null) {
            return args;
        }
        for (AgentParser.ArgumentContext a : ctx.argument()) {
            String name = a.key() != null ? a.key().getText() : values.plain(a.string(), "an argument name");
            if (args.containsKey(name)) {
                sink.error(SyntaxCodes.DUPLICATE_KEY, spans.of(a), "the argument `" + name + "` is given twice",
                        "keep only one `" + name + "`");
            }
            args.put(name, exprs.top(a.expr()));
        }
        return args;
    }

    private static String name(ParserRuleContext nameCtx) {
        return nameCtx == null ? null : nameCtx.getText();
    }
}
