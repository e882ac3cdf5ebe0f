package dev.agentplan.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stable addresses of steps, used by the runtime (idempotency keys, status, audit trail) and by
 * diff. Top-level steps are numbered from 1; nested bodies add a segment naming the body
 * ({@link BodyNames}) and a 1-based index: {@code 3}, {@code 3/then/2}, {@code 3/elif1/1},
 * {@code 3/else/1}, {@code 4/body/2}, {@code 5/lane:fetch/1}, {@code 6/try/1}, {@code 6/catch1/1},
 * {@code 6/finally/1}.
 */
public final class StepPaths {

    private StepPaths() {
    }

    public interface Visitor {
        void visit(String path, Step step);
    }

    /** Every step with its path, in source order (a parent before its children). */
    public static Map<String, Step> index(List<Step> steps) {
        Map<String, Step> out = new LinkedHashMap<>();
        walk(steps, "", out::put);
        return out;
    }

    /** Visits every step with its path, a parent before its children, bodies in {@link Step#bodies()} order. */
    public static void walk(List<Step> steps, String prefix, Visitor visitor) {
        for (int i = 0; i < steps.size(); i++) {
            String path = child(prefix, i);
            Step step = steps.get(i);
            visitor.visit(path, step);
            for (Step.Body b : step.bodies()) {
                walk(b.steps(), body(path, b.name()), visitor);
            }
        }
    }

    /** The path of the i-th (0-based) step of the body at {@code prefix}. */
    public static String child(String prefix, int index) {
        return prefix.isEmpty() ? Integer.toString(index + 1) : prefix + "/" + (index + 1);
    }

    /** The prefix of a nested body of the step at {@code path}. */
    public static String body(String path, String bodyName) {
        return path + "/" + bodyName;
    }
}
