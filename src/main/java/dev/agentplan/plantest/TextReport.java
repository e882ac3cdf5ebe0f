package dev.agentplan.plantest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human report of {@code agentplan test}: a ✔/✖ line per case, then the plan's coverage by line. */
public final class TextReport {

    private TextReport() {
    }

    public static List<String> lines(PlanResult r) {
        List<String> out = new ArrayList<>();
        out.add((r.plan() == null ? r.testFile().toString() : r.plan().toString()) + "  (" + r.testFile() + ")");
        if (r.problem() != null) {
            out.add("  ✖ " + r.problem().replace("\n", "\n    "));
            return out;
        }
        for (CaseVerdict c : r.cases()) {
            if (c.passed()) {
                out.add("  ✔ " + c.name() + "  (" + c.realMillis() + " ms)");
                c.run().problems().stream().filter(p -> p.startsWith(CaseDriver.NOTE))
                        .forEach(p -> out.add("    " + p));
            } else {
                out.add("  ✖ " + c.name() + ": " + c.difference() + (c.where().isEmpty() ? "" : " " + c.where()));
            }
        }
        Coverage cov = r.coverage();
        out.add(String.format(Locale.ROOT, "  coverage %.0f%%: steps %d/%d, branch outcomes %d/%d",
                cov.percent(), cov.count("step", true), cov.count("step", false), cov.count("branch", true),
                cov.count("branch", false)));
        for (Map.Entry<String, List<Coverage.Item>> e : cov.missing().entrySet()) {
            for (Coverage.Item i : e.getValue()) {
                out.add("    not covered: " + (e.getKey().isEmpty() ? "step " + i.path() : e.getKey()) + "  "
                        + (i.kind().equals("step") ? i.what() + " step " + i.path() : i.what()));
            }
        }
        return out;
    }

    /** {@code 9 plans, 31 cases: 31 passed, 0 failed; coverage 93% (212/228)}. */
    public static String summary(List<PlanResult> results) {
        long cases = results.stream().mapToLong(r -> r.cases().size()).sum();
        long failed = results.stream().mapToLong(PlanResult::failedCases).sum();
        long broken = results.stream().filter(r -> r.problem() != null).count();
        long covered = results.stream().filter(r -> r.coverage() != null).mapToLong(r -> r.coverage().covered()).sum();
        long total = results.stream().filter(r -> r.coverage() != null).mapToLong(r -> r.coverage().total()).sum();
        return String.format(Locale.ROOT, "%d test file%s, %d cases: %d passed, %d failed%s; coverage %.0f%% (%d/%d)",
                results.size(), results.size() == 1 ? "" : "s", cases, cases - failed, failed,
                broken == 0 ? "" : ", " + broken + " file" + (broken == 1 ? "" : "s") + " could not run",
                total == 0 ? 100.0 : 100.0 * covered / total, covered, total);
    }
}
