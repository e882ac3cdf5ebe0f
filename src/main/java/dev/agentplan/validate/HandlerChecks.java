package dev.agentplan.validate;

import dev.agentplan.model.BodyNames;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import java.util.ArrayList;
import java.util.List;

/**
 * Intent handlers ({@code on signal|update …}): one event has one meaning wherever it can arrive
 * (no two handlers of it in overlapping scopes, not both a signal and an update, not also taken
 * by {@code await signal}), and a handler's variable is written by its events only.
 */
final class HandlerChecks {

    /** A handler and where it holds: {@code body} is "" for a plan-wide one, else the handle step's body prefix. */
    private record Declared(IntentHandler handler, String path, String body) {
        boolean planWide() {
            return path.isEmpty();
        }

        boolean overlaps(Declared other) {
            return planWide() || other.planWide() || other.path.startsWith(body + "/") || path.startsWith(other.body + "/");
        }

        String where() {
            return planWide() ? "the plan-wide handler at line " + handler.span().line()
                    : "the handler at line " + handler.span().line();
        }
    }

    private final PlanFacts facts;
    private final Findings out;

    HandlerChecks(PlanFacts facts, Findings out) {
        this.facts = facts;
        this.out = out;
    }

    void run() {
        List<Declared> all = new ArrayList<>();
        facts.definition.handlers().forEach(h -> all.add(new Declared(h, "", "")));
        List<Step.AwaitSignalStep> awaits = new ArrayList<>();
        StepPaths.walk(facts.definition.steps(), "", (path, step) -> {
            if (step instanceof Step.HandleStep s) {
                all.add(new Declared(s.handler(), path, StepPaths.body(path, BodyNames.BODY)));
                if (s.handler().variable() == null && !s.leave()) {
                    noEffect(s.handler(), "and does not `leave`");
                }
            }
            if (step instanceof Step.AwaitSignalStep a) {
                awaits.add(a);
            }
        });
        for (int i = 0; i < all.size(); i++) {
            Declared d = all.get(i);
            if (d.planWide() && d.handler().variable() == null) {
                noEffect(d.handler(), "(a plan-wide handler cannot `leave`)");
            }
            for (int j = 0; j < i; j++) {
                clash(all.get(j), d);
            }
            awaited(d, awaits);
            variable(d, all.subList(0, i));
        }
    }

    private void clash(Declared first, Declared d) {
        IntentHandler a = first.handler();
        IntentHandler b = d.handler();
        if (!a.event().equals(b.event())) {
            return;
        }
        if (a.kind() != b.kind()) {
            out.error(ValidationCodes.HANDLER_CLASH, b.span(), "\"" + b.event() + "\" is handled as " + b.kind().keyword()
                            + " here but as " + a.kind().keyword() + " by " + first.where(),
                    "an event is either a signal or an update everywhere: its sender has to know which to send");
        } else if (first.overlaps(d)) {
            out.error(ValidationCodes.HANDLER_CLASH, b.span(), "the " + b.kind().keyword() + " \"" + b.event()
                            + "\" is already handled here by " + first.where(),
                    "handle each event once where it can arrive; two handlers of one event may only be in blocks "
                            + "that do not contain each other");
        }
    }

    private void awaited(Declared d, List<Step.AwaitSignalStep> awaits) {
        for (Step.AwaitSignalStep a : awaits) {
            if (a.signal().equals(d.handler().event())) {
                out.error(ValidationCodes.HANDLER_CLASH, d.handler().span(), "\"" + a.signal()
                                + "\" is also taken by the `await signal` at line " + a.span().line(),
                        "give the handler's event and the awaited signal different names: an event has one meaning");
                return;
            }
        }
    }

    private void variable(Declared d, List<Declared> earlier) {
        String name = d.handler().variable();
        if (name == null) {
            return;
        }
        for (Declared e : earlier) {
            if (name.equals(e.handler().variable()) && e.overlaps(d)) {
                variableError(d, "is also the variable of " + e.where());
                return;
            }
        }
        for (PlanFacts.Binder b : facts.binders.getOrDefault(name, List.of())) {
            if (!(b.step() instanceof Step.HandleStep)) {
                variableError(d, "is also set by the step at line " + b.step().span().line());
                return;
            }
        }
        if (facts.scoped.containsKey(name)) {
            variableError(d, "is also a loop or catch variable (line "
                    + facts.scoped.get(name).get(0).declared().line() + ")");
            return;
        }
        if (d.planWide() && facts.definition.tool(name) != null) {
            variableError(d, "is also the name of a tool");
        }
    }

    private void variableError(Declared d, String why) {
        String name = d.handler().variable();
        out.error(ValidationCodes.HANDLER_VARIABLE_SET, d.handler().span(), "`" + name + "`, the variable of the "
                        + d.handler().kind().keyword() + " \"" + d.handler().event() + "\", " + why,
                "a handler's variable is written by its events only: give it its own name, and copy it with `set` "
                        + "where a step needs to change the value");
    }

    private void noEffect(IntentHandler h, String detail) {
        out.warning(ValidationCodes.HANDLER_NO_EFFECT, h.span(), "the " + h.kind().keyword() + " \"" + h.event()
                        + "\" binds no variable " + detail + ", so its events change nothing",
                "bind the payload (`as scope: object`) or, on a block, add `leave`");
    }
}
