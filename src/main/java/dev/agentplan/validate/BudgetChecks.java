package dev.agentplan.validate;

import dev.agentplan.model.Budget;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.validate.flow.FlowNode;
import dev.agentplan.validate.flow.MinimumCost;
import dev.agentplan.validate.flow.NodeKind;
import dev.agentplan.validate.flow.NodeLabels;
import java.time.Duration;

/**
 * Budgets that cannot hold, visible without running: limits of zero, and plans whose cheapest
 * successful run already needs more tool calls, steps or waiting than the budget allows (the
 * minimum over every path of the graph; loops may run zero times, so they add nothing).
 */
final class BudgetChecks {

    private final PlanFacts facts;
    private final Findings out;

    BudgetChecks(PlanFacts facts, Findings out) {
        this.facts = facts;
        this.out = out;
    }

    void run() {
        Budget budget = facts.definition.budget();
        if (budget.toolCalls() != null) {
            if (budget.toolCalls() < 1) {
                zero(budget, "`tool_calls " + budget.toolCalls() + "` allows no tool call at all");
            } else {
                Long least = MinimumCost.toExit(facts.graph, n -> n.kind() == NodeKind.CALL ? 1 : 0);
                if (least != null && least > budget.toolCalls()) {
                    out.error(ValidationCodes.BUDGET_TOOL_CALLS, budget.span(), "every successful run makes at least "
                                    + least + " tool calls, but the budget allows " + budget.toolCalls(),
                            "raise `tool_calls` to at least " + least + ", or make fewer calls");
                }
            }
        }
        if (budget.steps() != null) {
            if (budget.steps() < 1) {
                zero(budget, "`steps " + budget.steps() + "` allows no step at all");
            } else {
                // Only simple statements count, so the minimum is a lower bound however blocks are counted.
                Long least = MinimumCost.toExit(facts.graph, n -> isSimpleStatement(n) ? 1 : 0);
                if (least != null && least > budget.steps()) {
                    out.error(ValidationCodes.BUDGET_STEPS, budget.span(), "every successful run takes at least " + least
                                    + " steps, but the budget allows " + budget.steps(),
                            "raise `steps` to at least " + least);
                }
            }
        }
        if (budget.duration() != null) {
            duration(budget);
        }
    }

    private void duration(Budget budget) {
        Duration limit = budget.duration();
        if (limit.isZero() || limit.isNegative()) {
            zero(budget, "`duration " + NodeLabels.duration(limit) + "` gives the run no time at all");
            return;
        }
        boolean[] reported = {false};
        StepPaths.walk(facts.definition.steps(), "", (path, step) -> {
            if (step instanceof Step.WaitStep w && w.duration() != null && w.duration().compareTo(limit) > 0) {
                reported[0] = true;
                out.error(ValidationCodes.WAIT_OVER_BUDGET, w.span(), "this `wait " + NodeLabels.duration(w.duration())
                                + "` is longer than the budget's duration " + NodeLabels.duration(limit)
                                + ", so the run would be stopped while it waits",
                        "shorten the wait, or raise the budget's `duration`");
            }
        });
        if (reported[0]) {
            return;
        }
        Long least = MinimumCost.toExit(facts.graph, BudgetChecks::waitedMillis);
        if (least != null && least > limit.toMillis()) {
            out.error(ValidationCodes.WAITS_OVER_BUDGET, budget.span(), "every successful run waits at least "
                            + NodeLabels.duration(Duration.ofMillis(least)) + " in total, longer than the budget's duration "
                            + NodeLabels.duration(limit),
                    "raise the budget's `duration`, or wait less");
        }
    }

    private static long waitedMillis(FlowNode n) {
        if (n.kind() == NodeKind.WAIT && n.step() instanceof Step.WaitStep w && w.duration() != null
                && !w.duration().isNegative()) {
            try {
                return w.duration().toMillis();
            } catch (ArithmeticException huge) {
                return Long.MAX_VALUE / 4;
            }
        }
        return 0;
    }

    private static boolean isSimpleStatement(FlowNode n) {
        return switch (n.kind()) {
            case CALL, RUN, SET, WAIT, AWAIT, APPROVE, FAIL, MODEL_LOOP -> true;
            default -> false;
        };
    }

    private void zero(Budget budget, String problem) {
        out.error(ValidationCodes.BUDGET_ZERO, budget.span(), "the budget's " + problem,
                "raise the limit, or leave it out for no limit");
    }
}
