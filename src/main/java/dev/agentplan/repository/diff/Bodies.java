package dev.agentplan.repository.diff;

import dev.agentplan.model.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nested bodies of a step under the names {@link dev.agentplan.model.StepPaths} gives them
 * ({@code then}, {@code elif1}, {@code else}, {@code body}, {@code lane:x}, {@code try},
 * {@code catch1}, {@code finally}), and the step with its bodies emptied, for comparing a step's
 * own fields apart from what it contains.
 */
final class Bodies {

    private Bodies() {
    }

    static Map<String, List<Step>> of(Step step) {
        Map<String, List<Step>> out = new LinkedHashMap<>();
        if (step instanceof Step.IfStep s) {
            for (int b = 0; b < s.branches().size(); b++) {
                out.put(b == 0 ? "then" : "elif" + b, s.branches().get(b).body());
            }
            out.put("else", s.otherwise());
        } else if (step instanceof Step.ForEachStep s) {
            out.put("body", s.body());
        } else if (step instanceof Step.WhileStep s) {
            out.put("body", s.body());
        } else if (step instanceof Step.HandleStep s) {
            out.put("body", s.body());
        } else if (step instanceof Step.ParallelStep s) {
            for (Step.Lane lane : s.lanes()) {
                out.put("lane:" + lane.name(), lane.body());
            }
        } else if (step instanceof Step.TryStep s) {
            out.put("try", s.body());
            for (int c = 0; c < s.catches().size(); c++) {
                out.put("catch" + (c + 1), s.catches().get(c).body());
            }
            out.put("finally", s.finallyBody());
        }
        return out;
    }

    /** The step with every nested body empty (spans kept); equal shells mean equal own fields. */
    static Step shell(Step step) {
        if (step instanceof Step.IfStep s) {
            return new Step.IfStep(s.branches().stream()
                    .map(b -> new Step.Branch(b.condition(), List.of(), b.span())).toList(), List.of(), s.span());
        }
        if (step instanceof Step.ForEachStep s) {
            return new Step.ForEachStep(s.variable(), s.items(), s.maxConcurrency(), List.of(), s.span());
        }
        if (step instanceof Step.WhileStep s) {
            return new Step.WhileStep(s.condition(), s.maxIterations(), List.of(), s.span());
        }
        if (step instanceof Step.HandleStep s) {
            return new Step.HandleStep(s.handler(), s.leave(), List.of(), s.span());
        }
        if (step instanceof Step.ParallelStep s) {
            return new Step.ParallelStep(s.bind(), s.mode(), s.lanes().stream()
                    .map(l -> new Step.Lane(l.name(), List.of(), l.span())).toList(), s.span());
        }
        if (step instanceof Step.TryStep s) {
            return new Step.TryStep(List.of(), s.catches().stream()
                    .map(c -> new Step.Catch(c.errorTypes(), c.variable(), List.of(), c.span())).toList(),
                    List.of(), s.span());
        }
        return step;
    }
}
