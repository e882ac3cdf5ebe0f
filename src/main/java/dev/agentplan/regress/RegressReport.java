package dev.agentplan.regress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report of {@code agentplan regress}: a line (and the two sides) per run, a summary table, or JSON. */
public final class RegressReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegressReport() {
    }

    public static String mark(RunVerdict.Kind kind) {
        return switch (kind) {
            case SAME -> "=";
            case OUTPUT_CHANGED -> "≠";
            case DIVERGED -> "✖";
            case NEEDS_RESULT -> "?";
            case NOT_COMPARABLE -> "-";
        };
    }

    /** The lines of one run: the verdict, then for a call both sides. */
    public static List<String> lines(RunVerdict v) {
        List<String> out = new ArrayList<>();
        String head = "  " + mark(v.kind()) + " " + v.runId() + "  ";
        switch (v.kind()) {
            case SAME -> out.add(head + "same calls (" + v.calls() + "), same output");
            case OUTPUT_CHANGED -> out.add(head + "same calls (" + v.calls() + "), different output: " + v.detail());
            case DIVERGED -> {
                CallView at = v.where();
                out.add(head + "diverged at call " + (v.calls() + 1) + ", step " + at.step() + suffix(at.line()) + ": "
                        + v.detail());
                out.add("      recorded:  " + (v.recordedCall() == null ? "(no call)" : v.recordedCall().describe()));
                out.add("      candidate: " + (v.candidateCall() == null ? "(no call)" : v.candidateCall().describe()));
            }
            case NEEDS_RESULT -> {
                out.add(head + "needs a tool result the recording lacks: call " + v.candidateCall().seq() + " at step "
                        + v.candidateCall().step() + suffix(v.candidateCall().line()) + ": " + v.detail());
                out.add("      candidate: " + v.candidateCall().describe());
            }
            case NOT_COMPARABLE -> out.add(head + "not comparable: " + v.detail());
        }
        return out;
    }

    public static Map<RunVerdict.Kind, Integer> counts(List<RunVerdict> verdicts) {
        Map<RunVerdict.Kind, Integer> counts = new EnumMap<>(RunVerdict.Kind.class);
        for (RunVerdict.Kind k : RunVerdict.Kind.values()) {
            counts.put(k, 0);
        }
        verdicts.forEach(v -> counts.merge(v.kind(), 1, Integer::sum));
        return counts;
    }

    /** The summary table, then one line: how many runs behave the same. */
    public static List<String> summary(List<RunVerdict> verdicts) {
        List<String> out = new ArrayList<>();
        Map<RunVerdict.Kind, Integer> counts = counts(verdicts);
        out.add(String.format(Locale.ROOT, "%-42s %5s", "verdict", "runs"));
        for (RunVerdict.Kind k : RunVerdict.Kind.values()) {
            out.add(String.format(Locale.ROOT, "%s %-40s %5d", mark(k), k.title, counts.get(k)));
        }
        int same = counts.get(RunVerdict.Kind.SAME);
        int other = counts.get(RunVerdict.Kind.NOT_COMPARABLE);
        out.add(verdicts.size() + " recorded run" + (verdicts.size() == 1 ? "" : "s") + ": " + same + " the same, "
                + (verdicts.size() - same - other) + " changed behaviour" + (other == 0 ? "" : ", " + other + " not comparable"));
        return out;
    }

    public static ObjectNode json(String candidate, List<RunVerdict> verdicts) {
        ObjectNode root = JSON.createObjectNode();
        root.put("candidate", candidate);
        ObjectNode summary = root.putObject("summary");
        counts(verdicts).forEach((k, n) -> summary.put(k.json, n));
        summary.put("total", verdicts.size());
        ArrayNode runs = root.putArray("runs");
        for (RunVerdict v : verdicts) {
            ObjectNode r = runs.addObject();
            r.put("run", v.runId());
            r.put("verdict", v.kind().json);
            r.put("same_calls", v.calls());
            if (v.detail() != null && !v.detail().isEmpty()) {
                r.put("detail", v.detail());
            }
            if (v.kind() == RunVerdict.Kind.DIVERGED || v.kind() == RunVerdict.Kind.NEEDS_RESULT) {
                CallView at = v.where();
                r.put("step", at.step());
                r.put("line", at.line());
                r.set("recorded_call", call(v.recordedCall()));
                r.set("candidate_call", call(v.candidateCall()));
            }
            r.put("recorded_end", v.recordedEnd());
            r.put("candidate_end", v.candidateEnd());
            r.set("recorded_output", v.recordedOutput());
            r.set("candidate_output", v.candidateOutput());
        }
        return root;
    }

    private static ObjectNode call(CallView c) {
        if (c == null) {
            return null;
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", c.seq());
        n.put("tool", c.tool());
        n.set("args", c.args());
        n.put("step", c.step());
        n.put("line", c.line());
        return n;
    }

    private static String suffix(String line) {
        return line == null || line.isEmpty() ? "" : " (" + line + ")";
    }
}
