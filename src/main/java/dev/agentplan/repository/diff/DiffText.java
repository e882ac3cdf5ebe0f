package dev.agentplan.repository.diff;

import java.util.List;

/**
 * The text form of a diff report:
 * <pre>
 * ~ step 3/then/1 (issue = ticket(...)): argument body changed: {title: "a"} → {title: "b"}
 * + step 5 approve promote
 * ! risk: approval gate restart_ok removed; restart (irreversible) is now reachable without approval
 * = in-flight runs: ...
 * </pre>
 */
final class DiffText {

    private static final int VALUE = 60;
    private static final String RESET = "\u001b[0m";

    private DiffText() {
    }

    static String render(DiffReport report, boolean color) {
        StringBuilder out = new StringBuilder();
        if (report.isEmpty()) {
            line(out, color, "2", "= no semantic changes between " + report.fromLabel() + " and " + report.toLabel());
            return out.toString();
        }
        for (Change c : report.changes()) {
            line(out, color, colour(c.kind()), line(c));
        }
        for (Risk r : report.risks()) {
            line(out, color, "1;31", "! risk: " + r.message());
        }
        for (BoundsDiff.Entry e : report.bounds().changed()) {
            line(out, color, "35", "\u2248 worst-case " + e.figure() + ": " + e.before() + " \u2192 " + e.after());
        }
        line(out, color, "36", "= in-flight runs of " + report.fromLabel() + ": " + compatibility(report));
        return out.toString();
    }

    static String line(Change c) {
        StringBuilder s = new StringBuilder(c.kind().symbol).append(' ');
        if (c.subject() == Change.Subject.STEP) {
            String where = c.fromPath() == null || c.fromPath().equals(c.path())
                    ? c.path() : c.fromPath() + " → " + c.path();
            s.append("step ").append(where);
            if (c.kind() == Change.Kind.ADDED || c.kind() == Change.Kind.REMOVED) {
                s.append(' ').append(c.name());
            } else {
                s.append(" (").append(c.name()).append(')');
            }
        } else {
            s.append(subject(c.subject()));
            if (c.name() != null) {
                s.append(' ').append(c.name());
            }
        }
        if (c.detail() != null) {
            s.append(": ").append(c.detail());
        }
        String before = Text.clip(c.before(), VALUE);
        String after = Text.clip(c.after(), VALUE);
        if (before != null && after != null) {
            s.append(": ").append(before).append(" → ").append(after);
        } else if (before != null || after != null) {
            s.append(": ").append(before != null ? before : after);
        }
        if (c.breaking()) {
            s.append(" (breaking)");
        }
        return s.toString();
    }

    private static String subject(Change.Subject subject) {
        return switch (subject) {
            case AGENT -> "agent";
            case INPUT -> "input";
            case TOOL_DEFAULTS -> "tool defaults";
            case TOOL -> "tool";
            case BUDGET -> "budget";
            case STEP -> "step";
            case OUTPUT -> "output";
            case HANDLER -> "handler";
        };
    }

    private static String compatibility(DiffReport report) {
        StepVerdict first = report.firstDivergence();
        if (first == null) {
            return "can continue under " + report.toLabel() + " wherever they are paused";
        }
        List<String> ok = report.compatiblePausePoints();
        if (ok.isEmpty()) {
            return "cannot continue under " + report.toLabel() + ": " + first.reason();
        }
        return "can continue under " + report.toLabel() + " only if paused at step " + summarise(ok)
                + "; the first pause point that cannot is step " + first.path() + ": " + first.reason();
    }

    private static String summarise(List<String> paths) {
        if (paths.size() <= 6) {
            return String.join(", ", paths);
        }
        return String.join(", ", paths.subList(0, 5)) + " … " + paths.get(paths.size() - 1)
                + " (" + paths.size() + " steps)";
    }

    private static String colour(Change.Kind kind) {
        return switch (kind) {
            case ADDED -> "32";
            case REMOVED -> "31";
            case CHANGED -> "33";
            case MOVED -> "35";
        };
    }

    private static void line(StringBuilder out, boolean color, String sgr, String text) {
        if (color) {
            out.append("\u001b[").append(sgr).append('m').append(text).append(RESET);
        } else {
            out.append(text);
        }
        out.append('\n');
    }
}
