package dev.agentplan.repository.diff;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Budget;
import dev.agentplan.model.Expr;
import dev.agentplan.model.InputDecl;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolPolicy;
import dev.agentplan.repository.diff.Change.Kind;
import dev.agentplan.repository.diff.Change.Subject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Changes outside the steps: the agent's description, inputs, tools, budget and output. */
final class DeclarationChanges {

    private final List<Change> out = new ArrayList<>();

    private DeclarationChanges() {
    }

    static List<Change> header(AgentDefinition a, AgentDefinition b) {
        DeclarationChanges d = new DeclarationChanges();
        d.agent(a, b);
        d.inputs(a, b);
        d.tools(a, b);
        d.budget(a.budget(), b.budget());
        d.handlers(a, b);
        return d.out;
    }

    static List<Change> output(AgentDefinition a, AgentDefinition b) {
        DeclarationChanges d = new DeclarationChanges();
        d.outputs(a.output(), b.output());
        return d.out;
    }

    private void agent(AgentDefinition a, AgentDefinition b) {
        if (!Objects.equals(a.name(), b.name())) {
            out.add(Change.of(Kind.CHANGED, Subject.AGENT, null, "name changed", a.name(), b.name(), false));
        }
        if (!Objects.equals(a.description(), b.description())) {
            out.add(Change.of(Kind.CHANGED, Subject.AGENT, null, "description changed",
                    Text.quote(a.description()), Text.quote(b.description()), false));
        }
    }

    private void inputs(AgentDefinition a, AgentDefinition b) {
        for (InputDecl ia : a.inputs()) {
            InputDecl ib = b.input(ia.name());
            if (ib == null) {
                out.add(Change.of(Kind.REMOVED, Subject.INPUT, ia.name(), null, describe(ia), null, true));
                continue;
            }
            if (ia.type() != ib.type()) {
                out.add(Change.of(Kind.CHANGED, Subject.INPUT, ia.name(), "type changed",
                        Text.value(ia.type()), Text.value(ib.type()), true));
            }
            if (ia.required() && !ib.required()) {
                out.add(Change.of(Kind.CHANGED, Subject.INPUT, ia.name(), "now optional", null,
                        "default " + Text.expr(ib.defaultValue()), false));
            } else if (!ia.required() && ib.required()) {
                out.add(Change.of(Kind.CHANGED, Subject.INPUT, ia.name(), "now required (default removed)",
                        Text.expr(ia.defaultValue()), null, true));
            } else if (!Objects.equals(ia.defaultValue(), ib.defaultValue())) {
                out.add(Change.of(Kind.CHANGED, Subject.INPUT, ia.name(), "default changed",
                        Text.expr(ia.defaultValue()), Text.expr(ib.defaultValue()), false));
            }
            if (!Objects.equals(ia.description(), ib.description())) {
                out.add(Change.of(Kind.CHANGED, Subject.INPUT, ia.name(), "description changed",
                        Text.quote(ia.description()), Text.quote(ib.description()), false));
            }
        }
        for (InputDecl ib : b.inputs()) {
            if (a.input(ib.name()) == null) {
                out.add(Change.of(Kind.ADDED, Subject.INPUT, ib.name(), null, null, describe(ib), ib.required()));
            }
        }
    }

    private static String describe(InputDecl i) {
        return Text.value(i.type()) + (i.required() ? ", required" : " = " + Text.expr(i.defaultValue()));
    }

    private void tools(AgentDefinition a, AgentDefinition b) {
        policy(Subject.TOOL_DEFAULTS, null, a.toolDefaults(), b.toolDefaults());
        for (ToolDecl ta : a.tools()) {
            ToolDecl tb = b.tool(ta.name());
            if (tb == null) {
                out.add(Change.of(Kind.REMOVED, Subject.TOOL, ta.name(), null,
                        PolicyFields.summary(ta.kind(), ta.policy()), null, false));
                continue;
            }
            if (!Objects.equals(ta.kind(), tb.kind())) {
                out.add(Change.of(Kind.CHANGED, Subject.TOOL, ta.name(), "kind changed", ta.kind(), tb.kind(), false));
            }
            policy(Subject.TOOL, ta.name(), ta.policy(), tb.policy());
            mcpTools(ta, tb);
        }
        for (ToolDecl tb : b.tools()) {
            if (a.tool(tb.name()) == null) {
                out.add(Change.of(Kind.ADDED, Subject.TOOL, tb.name(), null, null,
                        PolicyFields.summary(tb.kind(), tb.policy()), false));
            }
        }
    }

    /** An MCP server's transport and its tools' own policies ({@code tool NAME { … }}), as {@code server.tool}. */
    private void mcpTools(ToolDecl ta, ToolDecl tb) {
        if (ta.mcp() == null || tb.mcp() == null) {
            return;
        }
        String transportA = transport(ta.mcp());
        String transportB = transport(tb.mcp());
        if (!transportA.equals(transportB)) {
            out.add(Change.of(Kind.CHANGED, Subject.TOOL, ta.name(), "MCP server changed", transportA, transportB, false));
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        ta.mcp().tools().forEach(t -> names.add(t.name()));
        tb.mcp().tools().forEach(t -> names.add(t.name()));
        for (String tool : names) {
            var oa = ta.mcp().override(tool);
            var ob = tb.mcp().override(tool);
            policy(Subject.TOOL, ta.name() + "." + tool, oa == null ? ToolPolicy.EMPTY : oa.policy(),
                    ob == null ? ToolPolicy.EMPTY : ob.policy());
        }
    }

    private static String transport(dev.agentplan.model.McpServer m) {
        if (m.url() != null) {
            return "url " + Text.expr(m.url());
        }
        StringBuilder b = new StringBuilder("command [");
        for (int i = 0; i < m.command().size(); i++) {
            b.append(i == 0 ? "" : ", ").append(Text.expr(m.command().get(i)));
        }
        return b.append("]").toString();
    }

    /** Declared policy fields, one change each; inherited values show under "tool defaults". */
    private void policy(Subject subject, String name, ToolPolicy a, ToolPolicy b) {
        Map<String, Object> fa = PolicyFields.of(a);
        Map<String, Object> fb = PolicyFields.of(b);
        fa.forEach((field, va) -> {
            Object vb = fb.get(field);
            if (!Objects.equals(va, vb)) {
                out.add(Change.of(Kind.CHANGED, subject, name, field + " changed",
                        inherited(va), inherited(vb), false));
            }
        });
    }

    private static String inherited(Object v) {
        return v == null ? "default" : Text.value(v);
    }

    private void budget(Budget a, Budget b) {
        Map<String, Object> fa = budgetFields(a);
        Map<String, Object> fb = budgetFields(b);
        fa.forEach((field, va) -> {
            Object vb = fb.get(field);
            if (!Objects.equals(va, vb)) {
                out.add(Change.of(Kind.CHANGED, Subject.BUDGET, null, field + " changed",
                        limit(va), limit(vb), false));
            }
        });
    }

    /**
     * Plan-wide handlers by event name. A handler removed or retyped is breaking: senders of that
     * event are refused by new runs (an added one is not: an unhandled event was refused before).
     */
    private void handlers(AgentDefinition a, AgentDefinition b) {
        Map<String, IntentHandler> ha = new LinkedHashMap<>();
        a.handlers().forEach(h -> ha.putIfAbsent(h.event(), h));
        Map<String, IntentHandler> hb = new LinkedHashMap<>();
        b.handlers().forEach(h -> hb.putIfAbsent(h.event(), h));
        ha.forEach((event, x) -> {
            IntentHandler y = hb.get(event);
            if (y == null) {
                out.add(Change.of(Kind.REMOVED, Subject.HANDLER, event, null, handlerText(x), null, true));
            } else if (!handlerText(x).equals(handlerText(y))) {
                boolean breaking = x.kind() != y.kind() || x.type() != y.type();
                out.add(Change.of(Kind.CHANGED, Subject.HANDLER, event, "handler changed", handlerText(x),
                        handlerText(y), breaking));
            }
        });
        hb.forEach((event, y) -> {
            if (!ha.containsKey(event)) {
                out.add(Change.of(Kind.ADDED, Subject.HANDLER, event, null, null, handlerText(y), false));
            }
        });
    }

    static String handlerText(IntentHandler h) {
        return h.kind().keyword() + " " + Text.quote(h.event())
                + (h.variable() == null ? "" : " as " + h.variable() + ": " + h.type().keyword())
                + (h.defaultValue() == null ? "" : " = " + Text.expr(h.defaultValue()));
    }

    static Map<String, Object> budgetFields(Budget budget) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("tool_calls", budget.toolCalls());
        f.put("steps", budget.steps());
        f.put("duration", budget.duration());
        f.put("cost", budget.cost() == null ? null : budget.cost().stripTrailingZeros());
        return f;
    }

    static String limit(Object v) {
        return v == null ? "unlimited" : Text.value(v);
    }

    private void outputs(Map<String, Expr> a, Map<String, Expr> b) {
        Set<String> names = new LinkedHashSet<>(a.keySet());
        names.addAll(b.keySet());
        for (String name : names) {
            Expr ea = a.get(name);
            Expr eb = b.get(name);
            if (ea == null) {
                out.add(Change.of(Kind.ADDED, Subject.OUTPUT, name, null, null, Text.expr(eb), false));
            } else if (eb == null) {
                out.add(Change.of(Kind.REMOVED, Subject.OUTPUT, name, null, Text.expr(ea), null, true));
            } else if (!ea.equals(eb)) {
                out.add(Change.of(Kind.CHANGED, Subject.OUTPUT, name, "changed", Text.expr(ea), Text.expr(eb), false));
            }
        }
    }
}
