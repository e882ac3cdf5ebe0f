package dev.agentplan.repository.diff;

import dev.agentplan.validate.bounds.BoundsText;
import dev.agentplan.validate.bounds.Figure;
import dev.agentplan.validate.bounds.PlanBounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the worst-case bounds of two versions differ ({@code validate --bounds} of each): one entry
 * per figure that changed, in the words {@code validate --bounds} prints.
 */
public record BoundsDiff(PlanBounds from, PlanBounds to, List<Entry> changed) {

    public record Entry(String figure, String before, String after) {
    }

    public BoundsDiff {
        changed = List.copyOf(changed);
    }

    static BoundsDiff of(PlanBounds a, PlanBounds b) {
        List<Entry> out = new ArrayList<>();
        Map<String, Figure> before = BoundsText.figures(a);
        Map<String, Figure> after = BoundsText.figures(b);
        before.forEach((name, fa) -> {
            Figure fb = after.get(name);
            String ta = BoundsText.value(name, fa);
            String tb = BoundsText.value(name, fb);
            if (!ta.equals(tb)) {
                out.add(new Entry(name, ta, tb));
            }
        });
        return new BoundsDiff(a, b, out);
    }
}
