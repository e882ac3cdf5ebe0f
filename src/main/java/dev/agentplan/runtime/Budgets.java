package dev.agentplan.runtime;

import dev.agentplan.model.Budget;
import dev.agentplan.runtime.api.BudgetUse;
import dev.agentplan.model.DurationText;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * The run's budgets and what it has used. Tool calls and steps are checked before they start,
 * cost after each call (a call's cost is known only once it ran), duration at each step and by a
 * deadline timer (see {@link InterpreterWorkflowImpl}). Undo calls are not charged, so
 * compensation can always run.
 */
final class Budgets {

    private final Budget limits;
    private final long startedAtMillis;
    private long toolCalls;
    private long steps;
    private BigDecimal cost;
    private long modelTurns;
    private long tokens;

    Budgets(Budget limits, InterpreterState.Usage used, long startedAtMillis) {
        this.limits = limits;
        this.startedAtMillis = startedAtMillis;
        this.toolCalls = used == null ? 0 : used.toolCalls();
        this.steps = used == null ? 0 : used.steps();
        this.cost = used == null || used.cost() == null ? BigDecimal.ZERO : used.cost();
        this.modelTurns = used == null || used.modelTurns() == null ? 0 : used.modelTurns();
        this.tokens = used == null || used.tokens() == null ? 0 : used.tokens();
    }

    /** A model loop's turn answered, with the tokens it used (counted, not limited: `cost` limits them). */
    void modelTurn(long turnTokens) {
        modelTurns++;
        tokens += Math.max(0, turnTokens);
    }

    /** The plan's price of a model's tokens: by exact name, else the longest declared name it starts with. */
    dev.agentplan.model.Budget.ModelPrice priceOf(String model) {
        if (model == null) {
            return null;
        }
        dev.agentplan.model.Budget.ModelPrice exact = limits.prices().get(model);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String name : limits.prices().keySet()) {
            if (model.startsWith(name) && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        return best == null ? null : limits.prices().get(best);
    }

    long startedAtMillis() {
        return startedAtMillis;
    }

    void beforeStep(long now, String step, String line) {
        if (limits.steps() != null && steps >= limits.steps()) {
            throw exceeded("steps", "the steps budget of " + limits.steps() + " is used up", step, line);
        }
        checkDuration(now, step, line);
        steps++;
    }

    void checkDuration(long now, String step, String line) {
        if (limits.duration() != null && now - startedAtMillis >= limits.duration().toMillis()) {
            throw durationExceeded(step, line);
        }
    }

    PlanError durationExceeded(String step, String line) {
        return exceeded("duration", "the duration budget of " + DurationText.format(limits.duration()) + " is used up",
                step, line);
    }

    void beforeToolCall(String step, String line) {
        if (limits.toolCalls() != null && toolCalls >= limits.toolCalls()) {
            throw exceeded("tool_calls", "the tool_calls budget of " + limits.toolCalls() + " is used up", step, line);
        }
        toolCalls++;
    }

    void charge(BigDecimal callCost, String step, String line) {
        if (callCost == null || callCost.signum() == 0) {
            return;
        }
        cost = cost.add(callCost);
        if (limits.cost() != null && cost.compareTo(limits.cost()) > 0) {
            throw exceeded("cost", "the cost budget of " + limits.cost().toPlainString() + " is exceeded (used "
                    + cost.toPlainString() + ")", step, line);
        }
    }

    /** Time left before the duration budget runs out, or null when unlimited. */
    Duration durationLeft(long now) {
        if (limits.duration() == null) {
            return null;
        }
        long left = limits.duration().toMillis() - (now - startedAtMillis);
        return Duration.ofMillis(Math.max(0, left));
    }

    InterpreterState.Usage usage() {
        // the model counters stay null until a loop ran: recorded states have no such fields
        return new InterpreterState.Usage(toolCalls, steps, cost, modelTurns == 0 ? null : modelTurns,
                modelTurns == 0 ? null : tokens);
    }

    List<BudgetUse> report(long now) {
        List<BudgetUse> out = new java.util.ArrayList<>(List.of(
                use("tool_calls", BigDecimal.valueOf(toolCalls), limits.toolCalls() == null ? null
                        : BigDecimal.valueOf(limits.toolCalls())),
                use("steps", BigDecimal.valueOf(steps), limits.steps() == null ? null
                        : BigDecimal.valueOf(limits.steps())),
                use("duration_ms", BigDecimal.valueOf(Math.max(0, now - startedAtMillis)), limits.duration() == null
                        ? null : BigDecimal.valueOf(limits.duration().toMillis())),
                use("cost", cost, limits.cost())));
        if (modelTurns > 0) {
            out.add(use("model_turns", BigDecimal.valueOf(modelTurns), null));
            out.add(use("tokens", BigDecimal.valueOf(tokens), null));
        }
        return List.copyOf(out);
    }

    private static BudgetUse use(String name, BigDecimal used, BigDecimal limit) {
        return new BudgetUse(name, used, limit, limit == null ? null : limit.subtract(used).max(BigDecimal.ZERO));
    }

    private static PlanError exceeded(String budget, String message, String step, String line) {
        return PlanError.of(ErrorTypes.BUDGET_EXCEEDED, message + " at step " + step
                        + (line.isEmpty() ? "" : " (" + line + ")"), step, line,
                dev.agentplan.runtime.eval.Values.NODES.objectNode().put("budget", budget));
    }
}
