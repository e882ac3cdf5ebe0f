package dev.agentplan.syntax;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The comments of a plan's text, kept beside the model (comments are not part of a plan's
 * meaning, so the model has none) so that formatting can put them back. Comments are attached to
 * anchors named by structural keys, which the reader and {@link PlanFormatter} derive the same way:
 *
 * <ul>
 *   <li>{@code agent} – the agent line; {@code input}, {@code tools}, {@code budget}, {@code output} – the blocks</li>
 *   <li>{@code input/2}, {@code tools/defaults}, {@code tools/0}, {@code output/1} – entries by 0-based index</li>
 *   <li>{@code step:3}, {@code step:3/then/2}, {@code step:5/lane1/1} – steps by
 *       {@link dev.agentplan.model.StepPaths}-style paths (lanes and catches numbered from 1)</li>
 *   <li>{@code end:input}, {@code end:tools}, {@code end:output}, {@code end:3/then}, {@code end:5/lanes} – the
 *       closing brace of a block; {@code end:file} – the end of the file</li>
 * </ul>
 *
 * @param before full-line comments written before an anchor, in order, each starting with {@code #}
 * @param after a comment at the end of the anchor's last line
 * @param blankBefore anchors preceded by an empty line in the text (kept, at most one)
 */
public record PlanComments(Map<String, List<String>> before, Map<String, String> after, Set<String> blankBefore) {

    public static final PlanComments NONE = new PlanComments(Map.of(), Map.of(), Set.of());

    public PlanComments {
        Map<String, List<String>> b = new LinkedHashMap<>();
        before.forEach((k, v) -> b.put(k, List.copyOf(v)));
        before = Collections.unmodifiableMap(b);
        after = Collections.unmodifiableMap(new LinkedHashMap<>(after));
        blankBefore = Collections.unmodifiableSet(new LinkedHashSet<>(blankBefore));
    }

    public List<String> before(String key) {
        return before.getOrDefault(key, List.of());
    }

    public String after(String key) {
        return after.get(key);
    }

    public boolean blankBefore(String key) {
        return blankBefore.contains(key);
    }

    public boolean isEmpty() {
        return before.isEmpty() && after.isEmpty();
    }
}
