package dev.agentplan.validate;

import dev.agentplan.model.Expr;
import dev.agentplan.model.InputDecl;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.model.Step;
import dev.agentplan.model.Suggestions;
import dev.agentplan.validate.flow.DefinedNames;
import dev.agentplan.validate.flow.FlowEdge;
import dev.agentplan.validate.flow.FlowNode;
import dev.agentplan.validate.flow.NameSet;
import dev.agentplan.validate.flow.WitnessPath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the root of a path expression: {@code input.x} against the declared inputs, loop and
 * catch variables by scope, everything else by definite assignment on the control-flow graph
 * (a name must be bound on every path to its use). Also checks {@code <bind>.<lane>.<name>}, the
 * way a parallel step's binding exposes what each lane bound.
 */
final class NameResolver {

    private final PlanFacts facts;
    private final Findings out;
    /** Variables whose type is known (see {@link VariableTypes}). */
    private final Map<String, StaticType> variableTypes;

    NameResolver(PlanFacts facts, Findings out) {
        this(facts, out, Map.of());
    }

    NameResolver(PlanFacts facts, Findings out, Map<String, StaticType> variableTypes) {
        this.facts = facts;
        this.out = out;
        this.variableTypes = variableTypes;
    }

    /** The type of the path's root value as far as it is known (the declared type of an input). */
    StaticType resolveRoot(Expr.PathExpr p, Site site) {
        String root = p.root();
        if (site.constantsOnly()) {
            out.error(ValidationCodes.UNDEFINED_NAME, p.span(), "an input's default is a fixed value: it cannot refer to `"
                    + root + "`", "write the value itself, like \"text\", 42, [\"a\"] or {key: \"value\"}");
            return StaticType.ANY;
        }
        if ("input".equals(root)) {
            return input(p);
        }
        if (site.inScope(root)) {
            return StaticType.ANY;
        }
        for (IntentHandler h : facts.definition.handlers()) {
            if (root.equals(h.variable())) { // plan-wide: bound before the first step; null until an event without a default
                return h.defaultValue() == null || !p.segments().isEmpty() ? StaticType.ANY : StaticType.of(h.type());
            }
        }
        boolean reached = false;
        FlowNode missingAt = null;
        for (FlowNode n : site.nodes()) {
            NameSet bound = site.afterNode() ? facts.defined.out(n) : facts.defined.in(n);
            if (bound == null) {
                continue;
            }
            reached = true;
            if (!bound.contains(root) && missingAt == null) {
                missingAt = n;
            }
        }
        if (!reached) {
            return StaticType.ANY; // no run gets here; the unreachable step is reported on its own
        }
        if (missingAt == null) {
            lanes(p);
            StaticType known = variableTypes.get(root);
            if (known != null) {
                return typedVariable(p, known);
            }
        } else {
            undefined(p, site, missingAt);
        }
        return StaticType.ANY;
    }

    /** A variable of known type: itself, or (for a path into it) any value, once a field or item can exist. */
    private StaticType typedVariable(Expr.PathExpr p, StaticType type) {
        if (p.segments().isEmpty()) {
            return type;
        }
        Expr.PathSegment next = p.segments().get(0);
        if (type.isNot(StaticType.OBJECT, StaticType.LIST, StaticType.NULL)) {
            out.error(ValidationCodes.OPERAND_TYPE, p.span(), "`" + p.root() + "` is " + type.words
                            + " (every `set " + p.root() + "` gives one), so it has no "
                            + (next instanceof Expr.Field ? "fields" : "items"),
                    "use `" + p.root() + "` itself, or set it to an object or a list");
        } else if (type == StaticType.LIST && next instanceof Expr.Field f) {
            out.error(ValidationCodes.OPERAND_TYPE, p.span(), "`" + p.root() + "` is a list (every `set " + p.root()
                    + "` gives one), so it has no field `" + f.name() + "`", "index it with a number, like `"
                    + p.root() + "[0]`");
        }
        return StaticType.ANY;
    }

    private StaticType input(Expr.PathExpr p) {
        if (p.segments().isEmpty()) {
            return StaticType.OBJECT;
        }
        String name = fieldName(p.segments().get(0));
        if (name == null) {
            return StaticType.ANY;
        }
        InputDecl decl = facts.definition.input(name);
        if (decl == null) {
            List<String> names = facts.definition.inputs().stream().map(InputDecl::name).toList();
            out.error(ValidationCodes.UNDEFINED_INPUT, p.span(), "the plan has no input `" + name + "`"
                            + Suggestions.didYouMean(name, names),
                    names.isEmpty() ? "declare it: `input { " + name + ": string }`"
                            : "declare it in the input block, or use one of: " + String.join(", ", names));
            return StaticType.ANY;
        }
        StaticType type = StaticType.of(decl.type());
        if (p.segments().size() == 1) {
            return type;
        }
        Expr.PathSegment next = p.segments().get(1);
        if (type.isNot(StaticType.OBJECT, StaticType.LIST)) {
            out.error(ValidationCodes.OPERAND_TYPE, p.span(), "`input." + name + "` is " + type.words
                    + ", so it has no " + (next instanceof Expr.Field ? "fields" : "items"),
                    "use `input." + name + "` itself, or declare the input as an object or a list");
        } else if (type == StaticType.LIST && next instanceof Expr.Field f) {
            out.error(ValidationCodes.OPERAND_TYPE, p.span(), "`input." + name + "` is a list, so it has no field `"
                    + f.name() + "`", "index it with a number, like `input." + name + "[0]`");
        }
        return StaticType.ANY;
    }

    private static String fieldName(Expr.PathSegment s) {
        if (s instanceof Expr.Field f) {
            return f.name();
        }
        if (s instanceof Expr.Index i && i.index() instanceof Expr.StringLiteral l) {
            return l.value();
        }
        return null;
    }

    // ---- names not bound on every path ----

    private void undefined(Expr.PathExpr p, Site site, FlowNode missingAt) {
        String name = p.root();
        List<PlanFacts.Binder> binders = facts.binders.getOrDefault(name, List.of());
        if (!binders.isEmpty()) {
            PlanFacts.Binder inLane = laneLocal(binders, site.path());
            if (inLane != null) {
                laneLocalUse(p, inLane);
                return;
            }
            List<FlowEdge> witness = WitnessPath.find(facts.graph, facts.defined, missingAt, f -> !f.contains(name));
            String when = WitnessPath.when(facts.graph, witness, n -> name.equals(DefinedNames.bindingOf(n)));
            String message = when != null
                    ? "`" + name + "` may be unset here: nothing sets it " + when
                    : "`" + name + "` is used before it is set (it is first set at line "
                    + binders.get(0).step().span().line() + ")";
            out.error(ValidationCodes.MAYBE_UNSET, p.span(), message, "set `" + name + "` on every path before this "
                    + "point, for example with `set " + name + " = null` before the step that may skip it");
            return;
        }
        List<PlanFacts.ScopedName> scoped = facts.scoped.get(name);
        if (scoped != null) {
            PlanFacts.ScopedName s = scoped.get(0);
            String message = s.loop()
                    ? "`" + name + "` is the variable of the `for each` at line " + s.declared().line()
                    + " and exists only inside that loop"
                    : "`" + name + "` is the error of the catch at line " + s.declared().line()
                    + " and exists only inside that catch";
            out.error(ValidationCodes.OUT_OF_SCOPE, p.span(), message,
                    "inside the " + (s.loop() ? "loop" : "catch") + ", copy what you need into a variable with `set`"
                            + " (set before the " + (s.loop() ? "loop" : "try") + " too, so it is set on every path)");
            return;
        }
        if (facts.definition.tool(name) != null) {
            out.error(ValidationCodes.UNDEFINED_NAME, p.span(), "`" + name + "` is a tool, not a value",
                    "call it in a step and use its result: `result = " + name + "(…)`, then `result`");
            return;
        }
        Set<String> candidates = new LinkedHashSet<>(facts.binders.keySet());
        for (PlanFacts.ScopedName s : site.scope()) {
            candidates.add(s.name());
        }
        candidates.add("input");
        out.error(ValidationCodes.UNDEFINED_NAME, p.span(), "`" + name + "` is not defined"
                        + Suggestions.didYouMean(name, candidates),
                "bind it before its use (`set " + name + " = …` or `" + name + " = tool(…)`), or read an input as `input."
                        + name + "`");
    }

    /** A binder of the name inside a lane the use is not in, when every binder is in such a lane; else null. */
    private static PlanFacts.Binder laneLocal(List<PlanFacts.Binder> binders, String usePath) {
        for (PlanFacts.Binder b : binders) {
            String lane = laneOf(b.path());
            if (lane == null || usePath.startsWith(lane + "/")) {
                return null;
            }
        }
        return binders.get(0);
    }

    /** The path prefix of the innermost lane containing a step path ({@code 3/lane:web}), or null. */
    private static String laneOf(String path) {
        int at = path.lastIndexOf("/lane:");
        if (at < 0) {
            return null;
        }
        int end = path.indexOf('/', at + 1);
        return end < 0 ? path : path.substring(0, end);
    }

    private void laneLocalUse(Expr.PathExpr p, PlanFacts.Binder binder) {
        String lanePath = laneOf(binder.path());
        String laneName = lanePath.substring(lanePath.lastIndexOf("/lane:") + "/lane:".length());
        Step parallel = facts.byPath.get(lanePath.substring(0, lanePath.lastIndexOf("/lane:")));
        String bind = parallel == null ? null : parallel.binding();
        String name = p.root();
        String hint = bind != null
                ? "read it as `" + bind + "." + laneName + "." + name + "`"
                : "name the parallel step (`results = parallel all { … }`) and read `results." + laneName + "." + name + "`";
        out.error(ValidationCodes.MAYBE_UNSET, p.span(), "`" + name + "` is set inside lane `" + laneName
                + "` of the parallel step at line " + (parallel == null ? "?" : parallel.span().line())
                + ", so it is not visible here", hint);
    }

    // ---- <bind>.<lane>.<name> ----

    private void lanes(Expr.PathExpr p) {
        List<PlanFacts.Binder> binders = facts.binders.getOrDefault(p.root(), List.of());
        if (binders.isEmpty() || p.segments().isEmpty()
                || !binders.stream().allMatch(b -> b.step() instanceof Step.ParallelStep)) {
            return;
        }
        // After `parallel first` the binding holds the winner's names directly (`<bind>.<name>`),
        // checked where first-lane results are resolved; lanes are addressed only after `parallel all`.
        if (binders.stream().anyMatch(b -> ((Step.ParallelStep) b.step()).mode() == Step.JoinMode.FIRST)) {
            return;
        }
        String laneName = p.segments().get(0) instanceof Expr.Field f ? f.name() : null;
        if (laneName == null) {
            return;
        }
        List<PlanFacts.Binder> withLane = new ArrayList<>();
        Set<String> allLanes = new LinkedHashSet<>();
        for (PlanFacts.Binder b : binders) {
            for (Step.Lane lane : ((Step.ParallelStep) b.step()).lanes()) {
                allLanes.add(lane.name());
                if (lane.name().equals(laneName)) {
                    withLane.add(b);
                }
            }
        }
        if (withLane.isEmpty()) {
            out.error(ValidationCodes.UNKNOWN_LANE_VALUE, p.span(), "`" + p.root() + "` has no lane `" + laneName + "`"
                            + Suggestions.didYouMean(laneName, allLanes),
                    allLanes.isEmpty() ? "its parallel step has no lanes"
                            : "its lanes are: " + String.join(", ", allLanes));
            return;
        }
        if (p.segments().size() < 2 || !(p.segments().get(1) instanceof Expr.Field field)) {
            return;
        }
        String name = field.name();
        for (PlanFacts.Binder b : withLane) {
            String lanePath = b.path() + "/lane:" + laneName;
            Set<String> laneNames = namesBoundIn(lanePath);
            if (!laneNames.contains(name)) {
                out.error(ValidationCodes.UNKNOWN_LANE_VALUE, p.span(), "lane `" + laneName + "` of `" + p.root()
                                + "` (line " + b.step().span().line() + ") sets no `" + name + "`"
                                + Suggestions.didYouMean(name, laneNames),
                        laneNames.isEmpty() ? "the lane binds nothing; bind its result, like `" + name + " = tool(…)`"
                                : "the lane sets: " + String.join(", ", laneNames));
                return;
            }
            for (FlowNode join : facts.graph.joinsOf((Step.ParallelStep) b.step())) {
                Map<String, NameSet> ends = facts.defined.laneEnds(join);
                NameSet atEnd = ends.get(laneName);
                if (atEnd != null && !atEnd.contains(name)) {
                    out.error(ValidationCodes.UNKNOWN_LANE_VALUE, p.span(), "lane `" + laneName + "` of `" + p.root()
                                    + "` does not set `" + name + "` on every path through it",
                            "set `" + name + "` on every path of the lane, for example `set " + name
                                    + " = null` at its start");
                    return;
                }
            }
        }
    }

    /** The names a lane binds itself (not those of lanes nested in it, nor loop or catch variables). */
    private Set<String> namesBoundIn(String lanePath) {
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, List<PlanFacts.Binder>> e : facts.binders.entrySet()) {
            for (PlanFacts.Binder b : e.getValue()) {
                if (b.path().startsWith(lanePath + "/") && lanePath.equals(laneOf(b.path()))) {
                    names.add(e.getKey());
                }
            }
        }
        return names;
    }
}
