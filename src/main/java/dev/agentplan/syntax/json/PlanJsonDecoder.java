package dev.agentplan.syntax.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.ApprovalRequirement;
import dev.agentplan.model.Budget;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.DurationText;
import dev.agentplan.model.Effect;
import dev.agentplan.model.Expr;
import dev.agentplan.model.InputDecl;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.model.RetryPolicy;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.model.Step;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolPolicy;
import dev.agentplan.model.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the model from a located JSON tree. Lenient: whatever does not fit is reported and
 * skipped, so one pass finds every problem; the schema has usually described structural problems
 * better already, so those diagnostics are kept apart from the expression diagnostics.
 */
final class PlanJsonDecoder {

    /** Step kinds by the property that names them, in the order they are looked for. */
    static final List<String> STEP_KEYS = List.of(
            "call", "if", "for_each", "while", "parallel", "wait", "await_signal", "approve", "set", "try", "fail", "assert", "run",
            "on_signal", "on_update", "loop");

    /**
     * The properties that hold a list of steps (and {@code lanes}, whose members do). These are the
     * JSON form's names, not the durable body names of step paths ({@link dev.agentplan.model.BodyNames}):
     * a loop's body is {@code do} here and {@code body} in a path, an else-if branch is
     * {@code else_if[i].then} here and {@code elif1} in a path.
     */
    static final List<String> STEP_LIST_KEYS = List.of("steps", "then", "else", "do", "try", "finally");

    private final String source;
    private final JsonLocations locations;
    private final JsonExpressions expressions;
    /** Problems the schema also sees (wrong types, missing parts). */
    final List<Diagnostic> structure = new ArrayList<>();
    /** Problems only the decoder sees: expression text, durations out of range. */
    final List<Diagnostic> content = new ArrayList<>();

    PlanJsonDecoder(String source, JsonLocations locations) {
        this.source = source;
        this.locations = locations;
        this.expressions = new JsonExpressions(content);
    }

    AgentDefinition agent(JsonNode root) {
        if (!root.isObject()) {
            structureError(JsonCodes.WRONG_TYPE, "", "a plan must be a JSON object, not " + JsonTypes.describe(root),
                    "start with {\"agent\": \"my_agent\", \"steps\": []}");
            return null;
        }
        String name = text(root, "", "agent", true);
        String description = text(root, "", "description", false);
        List<InputDecl> inputs = inputs(root.get("inputs"), "/inputs");
        JsonNode tools = root.get("tools");
        ToolPolicy defaults = ToolPolicy.EMPTY;
        List<ToolDecl> toolDecls = new ArrayList<>();
        if (object(tools, "/tools", "tools")) {
            for (Map.Entry<String, JsonNode> e : tools.properties()) {
                String p = JsonPointers.child("/tools", e.getKey());
                if (e.getKey().equals("defaults")) {
                    defaults = object(e.getValue(), p, "tools.defaults") ? policy(e.getValue(), p) : ToolPolicy.EMPTY;
                } else {
                    ToolDecl tool = tool(e.getKey(), e.getValue(), p);
                    if (tool != null) {
                        toolDecls.add(tool);
                    }
                }
            }
        }
        Budget budget = budget(root.get("budget"), "/budget");
        List<IntentHandler> handlers = new ArrayList<>();
        JsonNode on = root.get("on");
        if (array(on, "/on", "on")) {
            for (int i = 0; i < on.size(); i++) {
                String hp = JsonPointers.child("/on", i);
                if (object(on.get(i), hp, "a handler")) {
                    IntentHandler h = handler(on.get(i), hp);
                    if (h != null) {
                        handlers.add(h);
                    }
                }
            }
        }
        List<Step> steps = steps(root.get("steps"), "/steps");
        Map<String, Expr> output = valueFields(root.get("output"), "/output", "output");
        return new AgentDefinition(name, description, inputs, defaults, toolDecls, budget, steps, output, span(""),
                handlers);
    }

    /** {"on_signal"|"on_update": name, "as": v, "type": t, "default": value}; null when it names neither. */
    private IntentHandler handler(JsonNode node, String p) {
        IntentHandler.Kind kind = node.has("on_update") && !node.has("on_signal") ? IntentHandler.Kind.UPDATE
                : IntentHandler.Kind.SIGNAL;
        if (node.has("on_update") == node.has("on_signal")) {
            structureError(JsonCodes.STEP_KIND, p, "a handler has exactly one of on_signal, on_update",
                    "write {\"on_signal\": \"name\", \"as\": \"variable\", \"type\": \"object\"}");
            return null;
        }
        String event = text(node, p, "on_" + kind.keyword(), true);
        String typeName = text(node, p, "type", false);
        ValueType type = typeName == null ? ValueType.ANY : ValueType.fromKeyword(typeName);
        if (type == null) {
            structureError(JsonCodes.BAD_VALUE, p + "/type", "unknown payload type `" + typeName + "`",
                    "use string, number, boolean, object, list or any");
            type = ValueType.ANY;
        }
        Expr defaultValue = node.has("default") ? value(node.get("default"), p + "/default") : null;
        return new IntentHandler(kind, event, text(node, p, "as", false), type, defaultValue, span(p));
    }

    // ---- declarations ----

    private List<InputDecl> inputs(JsonNode node, String pointer) {
        List<InputDecl> out = new ArrayList<>();
        if (!object(node, pointer, "inputs")) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String p = JsonPointers.child(pointer, e.getKey());
            JsonNode decl = e.getValue();
            if (!object(decl, p, "input `" + e.getKey() + "`")) {
                continue;
            }
            String typeName = text(decl, p, "type", true);
            ValueType type = typeName == null ? null : ValueType.fromKeyword(typeName);
            if (typeName != null && type == null) {
                structureError(JsonCodes.BAD_VALUE, p + "/type", "unknown input type `" + typeName + "`",
                        "use string, number, boolean, object, list or any");
            }
            Expr defaultValue = decl.has("default") ? value(decl.get("default"), p + "/default") : null;
            out.add(new InputDecl(e.getKey(), type, defaultValue, text(decl, p, "description", false), span(p)));
        }
        return out;
    }

    private ToolDecl tool(String name, JsonNode node, String pointer) {
        if (!object(node, pointer, "tool `" + name + "`")) {
            return null;
        }
        String kind = text(node, pointer, "kind", true);
        if (ToolDecl.MCP_KIND.equals(kind)) {
            return new ToolDecl(name, kind, policy(node, pointer), span(pointer), mcp(name, node, pointer), null);
        }
        for (String field : MCP_FIELDS) {
            if (node.has(field)) {
                structureError(JsonCodes.BAD_VALUE, JsonPointers.child(pointer, field), "`" + field
                        + "` is a field of MCP servers (kind \"mcp\"), not of kind `" + kind + "`",
                        "declare the server as {\"kind\": \"mcp\", \"command\": [\"…\"]}");
            }
        }
        return new ToolDecl(name, kind, policy(node, pointer), span(pointer));
    }

    private static final List<String> MCP_FIELDS = List.of("command", "env", "url", "headers", "tools");

    /** An MCP server's transport and its tools' policies; exactly one of command and url. */
    private dev.agentplan.model.McpServer mcp(String name, JsonNode node, String pointer) {
        List<Expr> command = new ArrayList<>();
        JsonNode c = node.get("command");
        if (c != null) {
            if (c.isArray() && !c.isEmpty()) {
                for (int i = 0; i < c.size(); i++) {
                    command.add(value(c.get(i), pointer + "/command/" + i));
                }
            } else {
                wrongType(c, pointer + "/command", "`command`", "a list of the program and its arguments");
            }
        }
        Expr url = node.has("url") ? value(node.get("url"), pointer + "/url") : null;
        if ((c != null) == (url != null)) {
            structureError(JsonCodes.BAD_VALUE, pointer, c != null
                            ? "MCP server `" + name + "` has both a `command` and a `url`"
                            : "MCP server `" + name + "` has no transport",
                    "give either \"command\": [\"program\", \"arg\"] (stdio) or \"url\": \"https://…\" (Streamable HTTP)");
        }
        Map<String, Expr> env = valueFields(node.get("env"), pointer + "/env", "env");
        Map<String, Expr> headers = valueFields(node.get("headers"), pointer + "/headers", "headers");
        if (c != null && !headers.isEmpty()) {
            structureError(JsonCodes.BAD_VALUE, pointer + "/headers", "`headers` are for servers reached by `url`",
                    "a stdio server takes its settings from `env`");
        } else if (url != null && !env.isEmpty()) {
            structureError(JsonCodes.BAD_VALUE, pointer + "/env", "`env` is for servers started by `command`",
                    "a server reached by `url` takes its settings from `headers`");
        }
        List<dev.agentplan.model.McpServer.ToolOverride> tools = new ArrayList<>();
        JsonNode t = node.get("tools");
        if (object(t, pointer + "/tools", "tools")) {
            for (Map.Entry<String, JsonNode> e : t.properties()) {
                String p = JsonPointers.child(pointer + "/tools", e.getKey());
                if (object(e.getValue(), p, "tool `" + e.getKey() + "`")) {
                    tools.add(new dev.agentplan.model.McpServer.ToolOverride(e.getKey(), policy(e.getValue(), p), span(p)));
                }
            }
        }
        return new dev.agentplan.model.McpServer(command, env, url, headers, tools);
    }

    private ToolPolicy policy(JsonNode node, String pointer) {
        Effect effect = null;
        String effectName = text(node, pointer, "effect", false);
        if (effectName != null) {
            effect = Effect.fromKeyword(effectName);
            if (effect == null) {
                structureError(JsonCodes.BAD_VALUE, pointer + "/effect", "unknown effect `" + effectName + "`",
                        "use read, write or irreversible");
            }
        }
        ApprovalRequirement approval = ApprovalRequirement.DEFAULT;
        String approvalName = text(node, pointer, "approval", false);
        if ("required".equals(approvalName)) {
            approval = ApprovalRequirement.REQUIRED;
        } else if ("none".equals(approvalName)) {
            approval = ApprovalRequirement.NONE;
        } else if (approvalName != null) {
            structureError(JsonCodes.BAD_VALUE, pointer + "/approval", "unknown approval `" + approvalName + "`",
                    "use required or none");
        }
        Boolean idempotent = null;
        JsonNode idem = node.get("idempotent");
        if (idem != null) {
            if (idem.isBoolean()) {
                idempotent = idem.booleanValue();
            } else {
                wrongType(idem, pointer + "/idempotent", "`idempotent`", "true or false");
            }
        }
        RetryPolicy retry = null;
        JsonNode r = node.get("retry");
        String rp = pointer + "/retry";
        if (object(r, rp, "retry")) {
            Double coefficient = null;
            JsonNode c = r.get("backoff_coefficient");
            if (c != null) {
                if (c.isNumber()) {
                    coefficient = c.doubleValue();
                } else {
                    wrongType(c, rp + "/backoff_coefficient", "`backoff_coefficient`", "a number");
                }
            }
            Double jitter = null;
            JsonNode j = r.get("jitter_percent");
            if (j != null) {
                if (j.isNumber()) {
                    jitter = j.doubleValue();
                } else {
                    wrongType(j, rp + "/jitter_percent", "`jitter_percent`", "a number");
                }
            }
            retry = new RetryPolicy(integer(r, rp, "attempts"), duration(r, rp, "initial_interval"), coefficient,
                    duration(r, rp, "max_interval"), strings(r.get("non_retryable"), rp + "/non_retryable", "non_retryable"),
                    jitter);
        }
        return new ToolPolicy(duration(node, pointer, "timeout"), duration(node, pointer, "schedule_to_close"),
                duration(node, pointer, "heartbeat"), retry, effect, idempotent, approval,
                text(node, pointer, "queue", false), duration(node, pointer, "schedule_to_start"));
    }

    private Budget budget(JsonNode node, String pointer) {
        if (!object(node, pointer, "budget")) {
            return null;
        }
        BigDecimal cost = null;
        JsonNode c = node.get("cost");
        if (c != null) {
            if (c.isNumber()) {
                cost = c.decimalValue();
            } else {
                wrongType(c, pointer + "/cost", "`cost`", "a number");
            }
        }
        Map<String, Budget.ModelPrice> prices = new LinkedHashMap<>();
        JsonNode ps = node.get("prices");
        if (object(ps, pointer + "/prices", "prices")) {
            for (Map.Entry<String, JsonNode> e : ps.properties()) {
                String pp = JsonPointers.child(pointer + "/prices", e.getKey());
                if (object(e.getValue(), pp, "a price")) {
                    prices.put(e.getKey(), new Budget.ModelPrice(decimal(e.getValue(), pp, "prompt"),
                            decimal(e.getValue(), pp, "completion"), span(pp)));
                }
            }
        }
        return new Budget(integer(node, pointer, "tool_calls"), integer(node, pointer, "steps"),
                duration(node, pointer, "duration"), cost, span(pointer), prices);
    }

    private BigDecimal decimal(JsonNode object, String pointer, String key) {
        JsonNode v = object.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            wrongType(v, pointer + "/" + key, "`" + key + "`", "a number");
            return null;
        }
        return v.decimalValue();
    }

    // ---- steps ----

    private List<Step> steps(JsonNode node, String pointer) {
        List<Step> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isArray()) {
            wrongType(node, pointer, "`" + JsonPointers.lastSegment(pointer) + "`", "a list of steps");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            Step step = step(node.get(i), JsonPointers.child(pointer, i));
            if (step != null) {
                out.add(step);
            }
        }
        return out;
    }

    /** Which step kinds an object names: for_each's own {@code parallel} is its concurrency, not a kind. */
    static List<String> stepKinds(JsonNode node) {
        List<String> kinds = new ArrayList<>();
        for (String key : STEP_KEYS) {
            if (node.has(key) && !(key.equals("parallel") && node.has("for_each"))) {
                kinds.add(key);
            }
        }
        return kinds;
    }

    private Step step(JsonNode node, String p) {
        if (!node.isObject()) {
            wrongType(node, p, "a step", "an object such as {\"call\": \"tool\", \"args\": {}}");
            return null;
        }
        List<String> kinds = stepKinds(node);
        if (kinds.size() != 1) {
            structureError(JsonCodes.STEP_KIND, p, kinds.isEmpty()
                            ? "this step is no kind of step"
                            : "this step is more than one kind of step: " + String.join(", ", kinds),
                    "a step has exactly one of " + String.join(", ", STEP_KEYS));
            return null;
        }
        SourceSpan span = span(p);
        switch (kinds.get(0)) {
            case "call": {
                Step.ToolCall call = new Step.ToolCall(text(node, p, "call", true),
                        valueFields(node.get("args"), p + "/args", "args"), span);
                Expr key = node.has("key") ? value(node.get("key"), p + "/key") : null;
                Step.ToolCall undo = null;
                JsonNode u = node.get("undo");
                if (object(u, p + "/undo", "undo")) {
                    undo = new Step.ToolCall(text(u, p + "/undo", "call", true),
                            valueFields(u.get("args"), p + "/undo/args", "args"), span(p + "/undo"));
                }
                return new Step.CallStep(text(node, p, "bind", false), call, key, undo, span);
            }
            case "if": {
                List<Step.Branch> branches = new ArrayList<>();
                branches.add(new Step.Branch(expression(node.get("if"), p + "/if", "the condition"),
                        steps(node.get("then"), p + "/then"), span));
                JsonNode elseIf = node.get("else_if");
                if (array(elseIf, p + "/else_if", "else_if")) {
                    for (int i = 0; i < elseIf.size(); i++) {
                        String bp = JsonPointers.child(p + "/else_if", i);
                        JsonNode b = elseIf.get(i);
                        if (object(b, bp, "an else_if branch")) {
                            branches.add(new Step.Branch(expression(b.get("if"), bp + "/if", "the condition"),
                                    steps(b.get("then"), bp + "/then"), span(bp)));
                        }
                    }
                }
                return new Step.IfStep(branches, steps(node.get("else"), p + "/else"), span);
            }
            case "for_each":
                return new Step.ForEachStep(text(node, p, "for_each", true),
                        expression(node.get("in"), p + "/in", "`in`"), integer(node, p, "parallel"),
                        steps(node.get("do"), p + "/do"), span);
            case "while":
                return new Step.WhileStep(expression(node.get("while"), p + "/while", "the condition"),
                        integer(node, p, "max"), steps(node.get("do"), p + "/do"), span);
            case "parallel": {
                String mode = text(node, p, "parallel", true);
                Step.JoinMode join = "first".equals(mode) ? Step.JoinMode.FIRST : Step.JoinMode.ALL;
                if (mode != null && !mode.equals("all") && !mode.equals("first")) {
                    structureError(JsonCodes.BAD_VALUE, p + "/parallel", "unknown join mode `" + mode + "`",
                            "use \"all\" or \"first\"");
                }
                List<Step.Lane> lanes = new ArrayList<>();
                JsonNode l = node.get("lanes");
                if (object(l, p + "/lanes", "lanes")) {
                    for (Map.Entry<String, JsonNode> e : l.properties()) {
                        String lp = JsonPointers.child(p + "/lanes", e.getKey());
                        lanes.add(new Step.Lane(e.getKey(), steps(e.getValue(), lp), span(lp)));
                    }
                }
                return new Step.ParallelStep(text(node, p, "bind", false), join, lanes, span);
            }
            case "wait":
                return new Step.WaitStep(duration(node, p, "wait"), span);
            case "on_signal":
            case "on_update": {
                IntentHandler handler = handler(node, p);
                boolean leave = false;
                JsonNode l = node.get("leave");
                if (l != null) {
                    if (l.isBoolean()) {
                        leave = l.booleanValue();
                    } else {
                        wrongType(l, p + "/leave", "`leave`", "true or false");
                    }
                }
                return handler == null ? null : new Step.HandleStep(handler, leave, steps(node.get("do"), p + "/do"), span);
            }
            case "await_signal": {
                String onTimeout = text(node, p, "on_timeout", false);
                Step.SignalTimeout action = onTimeout == null ? null
                        : onTimeout.equals("continue") ? Step.SignalTimeout.CONTINUE : Step.SignalTimeout.FAIL;
                if (onTimeout != null && !onTimeout.equals("fail") && !onTimeout.equals("continue")) {
                    structureError(JsonCodes.BAD_VALUE, p + "/on_timeout", "unknown on_timeout `" + onTimeout + "`",
                            "use \"fail\" or \"continue\"");
                }
                return new Step.AwaitSignalStep(text(node, p, "bind", false), text(node, p, "await_signal", true),
                        duration(node, p, "timeout"), action, span);
            }
            case "approve": {
                String onTimeout = text(node, p, "on_timeout", false);
                Step.ApprovalTimeout action = null;
                if (onTimeout != null) {
                    for (Step.ApprovalTimeout t : Step.ApprovalTimeout.values()) {
                        if (t.name().equalsIgnoreCase(onTimeout)) {
                            action = t;
                        }
                    }
                    if (action == null) {
                        structureError(JsonCodes.BAD_VALUE, p + "/on_timeout", "unknown on_timeout `" + onTimeout + "`",
                                "use \"fail\", \"reject\" or \"approve\"");
                    }
                }
                Expr prompt = null;
                JsonNode ask = node.get("ask");
                if (ask != null) {
                    prompt = ask.isTextual() ? template(ask.textValue(), p + "/ask") : null;
                    if (!ask.isTextual()) {
                        wrongType(ask, p + "/ask", "`ask`", "a string");
                    }
                }
                return new Step.ApproveStep(text(node, p, "approve", true), prompt,
                        strings(node.get("approvers"), p + "/approvers", "approvers"), duration(node, p, "timeout"),
                        action, span);
            }
            case "set":
                if (!node.has("value")) {
                    structureError(JsonCodes.MISSING_PROPERTY, p, "`set` step needs a `value`",
                            "write {\"set\": \"x\", \"value\": …}; use null for no value");
                }
                return new Step.SetStep(text(node, p, "set", true),
                        node.has("value") ? value(node.get("value"), p + "/value") : null, span);
            case "try": {
                List<Step.Catch> catches = new ArrayList<>();
                JsonNode c = node.get("catch");
                if (array(c, p + "/catch", "catch")) {
                    for (int i = 0; i < c.size(); i++) {
                        String cp = JsonPointers.child(p + "/catch", i);
                        JsonNode clause = c.get(i);
                        if (object(clause, cp, "a catch clause")) {
                            catches.add(new Step.Catch(strings(clause.get("errors"), cp + "/errors", "errors"),
                                    text(clause, cp, "as", false), steps(clause.get("do"), cp + "/do"), span(cp)));
                        }
                    }
                }
                return new Step.TryStep(steps(node.get("try"), p + "/try"), catches,
                        steps(node.get("finally"), p + "/finally"), span);
            }
            case "fail":
                return new Step.FailStep(value(node.get("fail"), p + "/fail"), span);
            case "assert": {
                JsonNode message = node.get("else");
                return new Step.AssertStep(expression(node.get("assert"), p + "/assert", "the condition"),
                        message == null ? null : value(message, p + "/else"), span);
            }
            case "loop": {
                Expr prompt = null;
                JsonNode ask = node.get("ask");
                if (ask != null) {
                    prompt = ask.isTextual() ? template(ask.textValue(), p + "/ask") : null;
                    if (!ask.isTextual()) {
                        wrongType(ask, p + "/ask", "`ask`", "a string");
                    }
                }
                List<Step.LoopTool> tools = new ArrayList<>();
                List<String> names = strings(node.get("tools"), p + "/tools", "tools");
                for (int i = 0; i < names.size(); i++) {
                    tools.add(new Step.LoopTool(names.get(i), span(JsonPointers.child(p + "/tools", i))));
                }
                return new Step.ModelLoopStep(text(node, p, "bind", false), text(node, p, "loop", true), prompt,
                        node.has("context") ? value(node.get("context"), p + "/context") : null, tools,
                        integer(node, p, "max_turns"), duration(node, p, "approval_timeout"),
                        strings(node.get("approvers"), p + "/approvers", "approvers"), span);
            }
            default: {
                String ref = null;
                JsonNode r = node.get("ref");
                if (r != null) {
                    if (r.isTextual()) {
                        ref = r.textValue();
                    } else if (r.isIntegralNumber()) {
                        ref = r.bigIntegerValue().toString();
                    } else {
                        wrongType(r, p + "/ref", "`ref`", "a version number or a tag");
                    }
                }
                return new Step.RunAgentStep(text(node, p, "bind", false), text(node, p, "run", true), ref,
                        valueFields(node.get("inputs"), p + "/inputs", "inputs"), span);
            }
        }
    }

    // ---- values and expressions ----

    private Map<String, Expr> valueFields(JsonNode node, String pointer, String what) {
        Map<String, Expr> out = new LinkedHashMap<>();
        if (object(node, pointer, what)) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.put(e.getKey(), value(e.getValue(), JsonPointers.child(pointer, e.getKey())));
            }
        }
        return out;
    }

    /** A value position: JSON literals are literals, strings are templates, containers hold values. */
    Expr value(JsonNode node, String pointer) {
        SourceSpan span = span(pointer);
        if (node.isTextual()) {
            return template(node.textValue(), pointer);
        } else if (node.isNumber()) {
            return new Expr.NumberLiteral(node.decimalValue(), span);
        } else if (node.isBoolean()) {
            return new Expr.BooleanLiteral(node.booleanValue(), span);
        } else if (node.isObject()) {
            Map<String, Expr> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                fields.put(e.getKey(), value(e.getValue(), JsonPointers.child(pointer, e.getKey())));
            }
            return new Expr.ObjectExpr(fields, span);
        } else if (node.isArray()) {
            List<Expr> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                items.add(value(node.get(i), JsonPointers.child(pointer, i)));
            }
            return new Expr.ListExpr(items, span);
        }
        return new Expr.NullLiteral(span);
    }

    private Expr template(String text, String pointer) {
        return expressions.template(text, columns(pointer, text));
    }

    /** An expression position: the string is expression source text. */
    private Expr expression(JsonNode node, String pointer, String what) {
        if (node == null) {
            structureError(JsonCodes.MISSING_PROPERTY, JsonPointers.parent(pointer),
                    "missing `" + JsonPointers.lastSegment(pointer) + "`", null);
            return null;
        }
        if (!node.isTextual()) {
            wrongType(node, pointer, what, "expression text in a string, e.g. \"x > 0\"");
            return null;
        }
        return expressions.expression(node.textValue(), columns(pointer, node.textValue()));
    }

    private StringColumns columns(String pointer, String text) {
        JsonLocations.Position at = locations.valuePosition(pointer);
        if (at == null) {
            return StringColumns.of(locations.file(), pointer, "", -1, 1, 1, text);
        }
        return StringColumns.of(locations.file(), pointer, source, at.charOffset(), at.line(), at.column(), text);
    }

    // ---- scalars ----

    private String text(JsonNode object, String pointer, String key, boolean required) {
        JsonNode node = object.get(key);
        String p = JsonPointers.child(pointer, key);
        if (node == null) {
            if (required) {
                structureError(JsonCodes.MISSING_PROPERTY, pointer, "missing `" + key + "`", null);
            }
            return null;
        }
        if (!node.isTextual()) {
            wrongType(node, p, "`" + key + "`", "a string");
            return null;
        }
        return node.textValue();
    }

    private Integer integer(JsonNode object, String pointer, String key) {
        JsonNode node = object.get(key);
        if (node == null) {
            return null;
        }
        String p = JsonPointers.child(pointer, key);
        if (!node.isIntegralNumber() && !(node.isNumber() && isWhole(node.decimalValue()))) {
            wrongType(node, p, "`" + key + "`", "a whole number");
            return null;
        }
        BigInteger value = node.decimalValue().toBigInteger();
        if (value.bitLength() > 31) {
            structureError(JsonCodes.BAD_VALUE, p, "`" + key + "` is too large", "use a number below 2147483648");
            return null;
        }
        return value.intValue();
    }

    private static boolean isWhole(BigDecimal d) {
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private Duration duration(JsonNode object, String pointer, String key) {
        JsonNode node = object.get(key);
        if (node == null) {
            return null;
        }
        String p = JsonPointers.child(pointer, key);
        if (!node.isTextual()) {
            wrongType(node, p, "`" + key + "`", "a duration like \"30s\"");
            return null;
        }
        DurationText.Parsed parsed = DurationText.parse(node.textValue());
        Duration d = parsed.duration();
        if (d == null) {
            boolean wellFormed = parsed.problem() == DurationText.Problem.TOO_LONG;
            Diagnostic diagnostic = Diagnostic.error(JsonCodes.BAD_VALUE, wellFormed
                            ? "`" + key + "` is too long a duration"
                            : "`" + key + "` must be a duration like \"30s\", not \"" + node.textValue() + "\"",
                    span(p), "durations are number-unit pairs with units ms, s, m, h, d: \"500ms\", \"1h30m\"");
            (wellFormed ? content : structure).add(diagnostic);
        }
        return d;
    }

    private List<String> strings(JsonNode node, String pointer, String what) {
        List<String> out = new ArrayList<>();
        if (array(node, pointer, what)) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isTextual()) {
                    out.add(item.textValue());
                } else {
                    wrongType(item, JsonPointers.child(pointer, i), "an item of `" + what + "`", "a string");
                }
            }
        }
        return out;
    }

    private boolean object(JsonNode node, String pointer, String what) {
        if (node == null) {
            return false;
        }
        if (!node.isObject()) {
            wrongType(node, pointer, "`" + what + "`", "an object");
            return false;
        }
        return true;
    }

    private boolean array(JsonNode node, String pointer, String what) {
        if (node == null) {
            return false;
        }
        if (!node.isArray()) {
            wrongType(node, pointer, "`" + what + "`", "a list");
            return false;
        }
        return true;
    }

    // ---- diagnostics ----

    private void wrongType(JsonNode node, String pointer, String what, String expected) {
        structureError(JsonCodes.WRONG_TYPE, pointer, what + " must be " + expected + ", not " + JsonTypes.describe(node),
                null);
    }

    private void structureError(String code, String pointer, String message, String hint) {
        structure.add(Diagnostic.error(code, message, span(pointer == null ? "" : pointer), hint));
    }

    private SourceSpan span(String pointer) {
        return locations.span(pointer);
    }
}
