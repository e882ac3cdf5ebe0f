package dev.agentplan.syntax.json;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.ApprovalRequirement;
import dev.agentplan.model.Budget;
import dev.agentplan.model.Effect;
import dev.agentplan.model.Expr;
import dev.agentplan.model.InputDecl;
import dev.agentplan.model.RetryPolicy;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.model.Step;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolPolicy;
import dev.agentplan.model.ValueType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plans built in code, with every construct of the model, for codec tests. */
final class Fixtures {

    static final SourceSpan NO = SourceSpan.NONE;

    private Fixtures() {
    }

    static Expr str(String s) {
        return new Expr.StringLiteral(s, NO);
    }

    static Expr num(String n) {
        return new Expr.NumberLiteral(new BigDecimal(n), NO);
    }

    static Expr bool(boolean b) {
        return new Expr.BooleanLiteral(b, NO);
    }

    static Expr nul() {
        return new Expr.NullLiteral(NO);
    }

    /** {@code a.b.c}; a segment written {@code [n]} is an index. */
    static Expr path(String dotted) {
        String[] parts = dotted.split("\\.");
        List<Expr.PathSegment> segments = new java.util.ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("[")) {
                segments.add(new Expr.Index(num(parts[i].substring(1, parts[i].length() - 1))));
            } else {
                segments.add(new Expr.Field(parts[i]));
            }
        }
        return new Expr.PathExpr(parts[0], segments, NO);
    }

    static Expr tmpl(Expr... parts) {
        return new Expr.TemplateExpr(List.of(parts), NO);
    }

    static Expr bin(Expr.BinaryOp op, Expr l, Expr r) {
        return new Expr.BinaryExpr(op, l, r, NO);
    }

    static Expr fn(String name, Expr... args) {
        return new Expr.FunctionCall(name, List.of(args), NO);
    }

    static Expr obj(Object... kv) {
        Map<String, Expr> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Expr) kv[i + 1]);
        }
        return new Expr.ObjectExpr(m, NO);
    }

    static Expr list(Expr... items) {
        return new Expr.ListExpr(List.of(items), NO);
    }

    static Map<String, Expr> args(Object... kv) {
        return ((Expr.ObjectExpr) obj(kv)).fields();
    }

    static Step.ToolCall call(String tool, Map<String, Expr> args) {
        return new Step.ToolCall(tool, args, NO);
    }

    static Step.CallStep callStep(String bind, String tool, Map<String, Expr> args) {
        return new Step.CallStep(bind, call(tool, args), null, null, NO);
    }

    /** A plan that uses every construct of the model at least once. */
    static AgentDefinition everything() {
        List<InputDecl> inputs = List.of(
                new InputDecl("alert_id", ValueType.STRING, null, "the alert id", NO),
                new InputDecl("service", ValueType.STRING, str("checkout"), null, NO),
                new InputDecl("limits", ValueType.OBJECT, obj("max", num("3.5"), "tags", list(str("a"), bool(false))), null, NO),
                new InputDecl("extra", ValueType.ANY, nul(), "explicitly null by default", NO),
                new InputDecl("count", ValueType.NUMBER, num("-2"), null, NO),
                new InputDecl("flag", ValueType.BOOLEAN, bool(true), null, NO),
                new InputDecl("items", ValueType.LIST, list(), null, NO));
        ToolPolicy defaults = new ToolPolicy(Duration.ofSeconds(30), null, null,
                new RetryPolicy(3, Duration.ofSeconds(1), null, Duration.ofSeconds(30), List.of()),
                null, null, ApprovalRequirement.DEFAULT, null);
        List<ToolDecl> tools = List.of(
                new ToolDecl("logs", "http", new ToolPolicy(Duration.ofSeconds(30), Duration.ofMinutes(5), null,
                        new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), List.of("NotFound")),
                        null, null, ApprovalRequirement.DEFAULT, null), NO),
                new ToolDecl("ticket", "http", new ToolPolicy(Duration.ofSeconds(20), null, null, null, Effect.WRITE,
                        true, ApprovalRequirement.DEFAULT, null), NO),
                new ToolDecl("restart", "exec", new ToolPolicy(Duration.ofMinutes(5), null, Duration.ofSeconds(30),
                        null, Effect.IRREVERSIBLE, false, ApprovalRequirement.REQUIRED, "ops"), NO),
                new ToolDecl("chat", "llm.chat", new ToolPolicy(null, null, null,
                        new RetryPolicy(null, null, 1.5, null, List.of()), Effect.READ, null,
                        ApprovalRequirement.NONE, null), NO));
        Budget budget = new Budget(20, 100, Duration.ofHours(24), new BigDecimal("5.25"), NO);

        Expr severityHigh = bin(Expr.BinaryOp.EQ, path("evidence.body.severity"), str("high"));
        Step.CallStep fetch = new Step.CallStep("evidence", call("logs", args(
                "url", tmpl(str("https://logs.example/"), path("input.service"), str("?alert="), path("input.alert_id")),
                "query", obj("service", path("input.service"), "n", num("10")))), null, null, NO);
        Step.CallStep ticket = new Step.CallStep("issue", call("ticket", args(
                "method", str("POST"),
                "body", obj("title", tmpl(str("Incident "), path("input.alert_id")), "literal", str("cost: ${not} \\ here")))),
                tmpl(str("ticket-"), path("input.alert_id")),
                call("ticket", args("method", str("DELETE"), "url", tmpl(str("https://t.example/"), path("issue.body.key")))),
                NO);
        Step.ApproveStep approve = new Step.ApproveStep("restart_ok",
                tmpl(str("Restart "), path("input.service"), str("?")), List.of("alice", "bob"),
                Duration.ofHours(4), Step.ApprovalTimeout.REJECT, NO);
        Step.IfStep branch = new Step.IfStep(List.of(
                new Step.Branch(severityHigh, List.of(ticket, approve,
                        callStep(null, "restart", args("argv", list(str("systemctl"), str("restart"), path("input.service"))))), NO),
                new Step.Branch(bin(Expr.BinaryOp.AND, bin(Expr.BinaryOp.EQ, path("evidence.body.severity"), str("low")),
                        new Expr.UnaryExpr(Expr.UnaryOp.NOT, path("input.flag"), NO)),
                        List.of(new Step.WaitStep(Duration.ofMinutes(10), NO)), NO),
                new Step.Branch(bool(false), List.of(), NO)),
                List.of(new Step.FailStep(tmpl(str("unknown severity "), path("evidence.body.severity")), NO)), NO);
        Step.ForEachStep loop = new Step.ForEachStep("url", path("evidence.body.links"), 4,
                List.of(callStep("page", "logs", args("url", path("url")))), NO);
        Step.ForEachStep sequential = new Step.ForEachStep("i", list(num("1"), num("2")), null, List.of(), NO);
        Step.WhileStep whileStep = new Step.WhileStep(
                bin(Expr.BinaryOp.GT, fn("length", path("pending")), num("0")), 50,
                List.of(new Step.SetStep("pending", list(), NO)), NO);
        Step.ParallelStep parallel = new Step.ParallelStep("results", Step.JoinMode.FIRST, List.of(
                new Step.Lane("a", List.of(callStep("r", "logs", args("url", str("a")))), NO),
                new Step.Lane("b", List.of(callStep("r", "logs", args("url", str("b")))), NO)), NO);
        Step.ParallelStep all = new Step.ParallelStep(null, Step.JoinMode.ALL, List.of(), NO);
        Step.AwaitSignalStep signal = new Step.AwaitSignalStep("ci", "ci_finished", Duration.ofHours(2),
                Step.SignalTimeout.CONTINUE, NO);
        Step.AwaitSignalStep bareSignal = new Step.AwaitSignalStep(null, "go", null, null, NO);
        Step.TryStep tryStep = new Step.TryStep(List.of(callStep("x", "logs", args("url", str("u")))),
                List.of(new Step.Catch(List.of("HttpError", "Timeout"), "err", List.of(new Step.SetStep("x", nul(), NO)), NO),
                        new Step.Catch(List.of(), null, List.of(), NO)),
                List.of(new Step.WaitStep(Duration.ofMillis(1500), NO)), NO);
        Step.RunAgentStep run = new Step.RunAgentStep("report", "research", "prod",
                args("topic", path("input.service"), "max_pages", num("3")), NO);
        Step.RunAgentStep runVersion = new Step.RunAgentStep(null, "research", "3", Map.of(), NO);
        Step.RunAgentStep runLatest = new Step.RunAgentStep(null, "research", null, Map.of(), NO);
        Step.SetStep setMath = new Step.SetStep("total", bin(Expr.BinaryOp.ADD, path("a"),
                bin(Expr.BinaryOp.MUL, path("b.[0]"), num("2"))), NO);
        Step.FailStep failObject = new Step.FailStep(obj("code", num("7")), NO);

        Map<String, Expr> output = args("ticket", path("issue.body.key"), "ok", bool(true),
                "summary", obj("n", fn("length", path("pages")), "none", nul()));
        return new AgentDefinition("incident_triage", "Triage an alert; restart only with \"approval\"", inputs,
                defaults, tools, budget,
                List.of(fetch, branch, loop, sequential, whileStep, parallel, all, signal, bareSignal, tryStep, run,
                        runVersion, runLatest, setMath, failObject),
                output, NO);
    }

    /** The smallest plan: a name and no steps. */
    static AgentDefinition minimal() {
        return new AgentDefinition("tiny", null, List.of(), null, List.of(), null, List.of(), Map.of(), NO);
    }
}
