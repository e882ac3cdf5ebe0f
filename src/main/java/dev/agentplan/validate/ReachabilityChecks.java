package dev.agentplan.validate;

import dev.agentplan.model.BodyNames;
import dev.agentplan.model.Expr;
import dev.agentplan.model.Step;
import java.util.List;

/**
 * Steps and catches no run can reach: after a {@code fail}, after a step every path through which
 * fails, catches after a catch-all or of a try whose body cannot fail. Reported once per block,
 * at its first unreachable step, as a warning.
 */
final class ReachabilityChecks {

    private final PlanFacts facts;
    private final Findings out;

    ReachabilityChecks(PlanFacts facts, Findings out) {
        this.facts = facts;
        this.out = out;
    }

    void run() {
        body(facts.definition.steps());
        List<Step> steps = facts.definition.steps();
        if (!steps.isEmpty() && facts.reachable.in(facts.graph.exit()) == null && !facts.definition.output().isEmpty()) {
            Expr first = facts.definition.output().values().iterator().next();
            out.warning(ValidationCodes.UNREACHABLE, first.span(), "the output is never produced: every path through "
                    + "the plan ends in a failure", "check the `fail` steps and the steps that always fail");
        }
    }

    private void body(List<Step> steps) {
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (i > 0 && !facts.isReachable(step) && facts.isReachable(steps.get(i - 1))) {
                Step before = steps.get(i - 1);
                String why = before instanceof Step.FailStep
                        ? "the `fail` at line " + before.span().line() + " always ends this block first"
                        : "every path through the step at line " + before.span().line() + " ends in a failure";
                out.warning(ValidationCodes.UNREACHABLE, step.span(), "this step can never run: " + why,
                        "remove the steps that cannot run, or move them before the step that fails");
            }
            nested(step);
        }
    }

    private void nested(Step step) {
        for (Step.Body b : step.bodies()) {
            body(b.steps());
            if (b.name().equals(BodyNames.TRY) && step instanceof Step.TryStep t) {
                catches(t); // the catch clauses themselves, after the body they catch from
            }
        }
    }

    private void catches(Step.TryStep s) {
        if (!facts.isReachable(s)) {
            return;
        }
        Step.Catch catchAll = null;
        for (Step.Catch c : s.catches()) {
            if (!facts.isReachable(c)) {
                String why = catchAll != null
                        ? "the catch at line " + catchAll.span().line() + " before it catches every error"
                        : s.body().isEmpty() ? "the try body is empty" : "no step of the try body can reach it";
                out.warning(ValidationCodes.UNREACHABLE, c.span(), "this catch can never run: " + why,
                        catchAll != null ? "put the catches of specific errors before the catch-all" : "remove it");
            }
            if (c.errorTypes().isEmpty() && catchAll == null) {
                catchAll = c;
            }
        }
    }
}
