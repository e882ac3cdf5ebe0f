package dev.agentplan.plantest;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.BodyNames;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plan coverage: which steps and which branch outcomes the cases exercised, by plan line. The
 * outcomes are each branch of an {@code if} (an empty {@code else}, written or not, included), each
 * {@code catch} clause, and both ends of an approval gate (approved; rejected or timed out).
 * Steps inside child runs belong to the child's plan and are not counted here.
 */
public final class Coverage {

    /** One thing a case can exercise. */
    public record Item(String kind, String path, String line, String what, boolean covered) {
    }

    private final List<Item> items;

    private Coverage(List<Item> items) {
        this.items = List.copyOf(items);
    }

    public List<Item> items() {
        return items;
    }

    public long total() {
        return items.size();
    }

    public long covered() {
        return items.stream().filter(Item::covered).count();
    }

    public long count(String kind, boolean coveredOnly) {
        return items.stream().filter(i -> i.kind().equals(kind) && (!coveredOnly || i.covered())).count();
    }

    /** Covered share in percent (100 for a plan with nothing to cover). */
    public double percent() {
        return items.isEmpty() ? 100.0 : 100.0 * covered() / total();
    }

    public static Coverage of(AgentDefinition plan, Map<String, String> lines, List<CaseRun> runs) {
        List<Item> out = new ArrayList<>();
        Map<String, Step> steps = StepPaths.index(plan.steps());
        for (Map.Entry<String, Step> e : steps.entrySet()) {
            String path = e.getKey();
            String line = lines.getOrDefault(path, "");
            out.add(new Item("step", path, line, kind(e.getValue()), runs.stream().anyMatch(r -> r.steps().containsKey(path))));
        }
        for (Map.Entry<String, Step> e : steps.entrySet()) {
            String path = e.getKey();
            e.getValue().accept(new Outcomes(path, lines.getOrDefault(path, ""), runs, out));
        }
        return new Coverage(out);
    }

    /** The branch outcomes of one step: exhaustive, so a new kind must say whether it has outcomes to cover. */
    private record Outcomes(String path, String line, List<CaseRun> runs, List<Item> out) implements Step.Visitor<Void> {

        @Override
        public Void visitIf(Step.IfStep s) {
            int n = s.branches().size();
            List<String> prefixes = new ArrayList<>();
            List<List<Step>> bodies = new ArrayList<>();
            for (int b = 0; b <= n; b++) {
                prefixes.add(StepPaths.body(path, BodyNames.branch(b, n)));
                bodies.add(b == n ? s.otherwise() : s.branches().get(b).body());
            }
            for (int b = 0; b <= n; b++) {
                String what = b == n ? (s.otherwise().isEmpty() ? "if: the (empty) else" : "if: else")
                        : b == 0 ? "if: then" : "if: else if #" + b;
                String branchLine = b < n && s.branches().get(b).span() != null && s.branches().get(b).span().isKnown()
                        ? fileOf(line) + s.branches().get(b).span().line() : line;
                final int branch = b;
                boolean covered = runs.stream().anyMatch(r -> bodies.get(branch).isEmpty()
                        ? tookEmptyBranch(r, path, prefixes) : ran(r, prefixes.get(branch)));
                out.add(new Item("branch", path, branchLine, what, covered));
            }
            return null;
        }

        @Override
        public Void visitTry(Step.TryStep s) {
            for (int c = 0; c < s.catches().size(); c++) {
                Step.Catch clause = s.catches().get(c);
                String prefix = StepPaths.body(path, BodyNames.catchClause(c));
                String types = clause.errorTypes().isEmpty() ? "any error" : String.join(", ", clause.errorTypes());
                String catchLine = clause.span() != null && clause.span().isKnown() ? fileOf(line) + clause.span().line() : line;
                out.add(new Item("branch", path, catchLine, "catch " + types,
                        !clause.body().isEmpty() && runs.stream().anyMatch(r -> ran(r, prefix))));
            }
            return null;
        }

        @Override
        public Void visitApprove(Step.ApproveStep s) {
            out.add(new Item("branch", path, line, "approve " + s.name() + ": approved",
                    runs.stream().anyMatch(r -> r.steps().getOrDefault(path, List.of()).contains("approved"))));
            out.add(new Item("branch", path, line, "approve " + s.name() + ": rejected or timed out",
                    runs.stream().anyMatch(r -> r.steps().getOrDefault(path, List.of()).stream()
                            .anyMatch(o -> o.equals("rejected") || o.equals("timeout")))));
            return null;
        }

        // No outcomes of their own: each of these runs its body (if any) or does its one thing; the
        // steps inside are covered as steps.

        @Override
        public Void visitCall(Step.CallStep s) {
            return null;
        }

        @Override
        public Void visitForEach(Step.ForEachStep s) {
            return null;
        }

        @Override
        public Void visitWhile(Step.WhileStep s) {
            return null;
        }

        @Override
        public Void visitParallel(Step.ParallelStep s) {
            return null;
        }

        @Override
        public Void visitWait(Step.WaitStep s) {
            return null;
        }

        @Override
        public Void visitAwaitSignal(Step.AwaitSignalStep s) {
            return null;
        }

        @Override
        public Void visitSet(Step.SetStep s) {
            return null;
        }

        @Override
        public Void visitHandle(Step.HandleStep s) {
            return null;
        }

        @Override
        public Void visitModelLoop(Step.ModelLoopStep s) {
            return null;
        }

        @Override
        public Void visitFail(Step.FailStep s) {
            return null;
        }

        @Override
        public Void visitAssert(Step.AssertStep s) {
            return null;
        }

        @Override
        public Void visitRunAgent(Step.RunAgentStep s) {
            return null;
        }
    }

    /** The if at {@code path} ran (in some loop iteration) without any of its branch bodies running then. */
    private static boolean tookEmptyBranch(CaseRun r, String path, List<String> prefixes) {
        for (String key : r.stepIterations()) {
            int at = key.lastIndexOf('@');
            if (!key.substring(0, at).equals(path)) {
                continue;
            }
            String iteration = key.substring(at);
            boolean branchRan = r.stepIterations().stream().anyMatch(k -> k.endsWith(iteration)
                    && prefixes.stream().anyMatch(p -> k.startsWith(p + "/")));
            if (!branchRan) {
                return true;
            }
        }
        return r.steps().containsKey(path) && prefixes.stream().noneMatch(p -> ran(r, p));
    }

    private static boolean ran(CaseRun r, String prefix) {
        String p = prefix + "/";
        return r.steps().keySet().stream().anyMatch(k -> k.startsWith(p));
    }

    private static String fileOf(String fileLine) {
        int colon = fileLine.lastIndexOf(':');
        return colon < 0 ? "" : fileLine.substring(0, colon + 1);
    }

    private static String kind(Step s) {
        String name = s.getClass().getSimpleName();
        return name.endsWith("Step") ? name.substring(0, name.length() - 4).toLowerCase() : name.toLowerCase();
    }

    /** Not-covered items by line, for the report. */
    public Map<String, List<Item>> missing() {
        Map<String, List<Item>> out = new LinkedHashMap<>();
        for (Item i : items) {
            if (!i.covered()) {
                out.computeIfAbsent(i.line(), k -> new ArrayList<>()).add(i);
            }
        }
        return out;
    }
}
