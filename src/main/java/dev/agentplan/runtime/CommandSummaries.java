package dev.agentplan.runtime;

import dev.agentplan.model.DurationText;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-line summaries the interpreter gives its commands (activities, timers, child runs), which
 * Temporal keeps as the events' user metadata and its Web UI shows on the timeline, e.g.
 * {@code step 3 restart (incident_triage.agent:18) exec}. The shape is {@code step PATH [#ITER]
 * WHAT (LINE) DETAIL}: the step path first, with no spaces in it, so a reader of the history
 * ({@code agentplan history}) can find the step again; only the duration budget's timer has no step.
 *
 * <p>Summaries are metadata, not part of a command's identity: adding or rewording one never breaks
 * the replay of a run in flight.
 */
public final class CommandSummaries {

    /** How the duration budget's timer begins. */
    public static final String DURATION_BUDGET = "duration budget";

    /** Long names (a signal's, an agent's) are cut: the UI shows one line. */
    static final int MAX_NAME_CHARS = 120;

    private static final Pattern STEP = Pattern.compile("^step (\\S+) ");

    private CommandSummaries() {
    }

    /** A tool call: {@code step 3 restart (incident_triage.agent:18) exec}. */
    static String toolCall(String path, String iterations, String tool, String line, String kind) {
        return step(path, iterations) + cut(tool) + at(line) + " " + kind;
    }

    /** A compensation: {@code step 3 undo refund (shop.agent:18) http}. */
    static String undo(String path, String iterations, String tool, String line, String kind) {
        return step(path, iterations) + "undo " + cut(tool) + at(line) + " " + kind;
    }

    /** A durable wait: {@code step 4 wait (shop.agent:20) 10m}. */
    static String waitTimer(String path, String iterations, String line, Duration d) {
        return step(path, iterations) + "wait" + at(line) + " " + DurationText.format(d);
    }

    /** An approval gate's timeout: {@code step 5 approval restart_ok (shop.agent:22) timeout 2h}. */
    static String approvalTimeout(String path, String iterations, String gate, String line, Duration d) {
        return step(path, iterations) + "approval " + cut(gate) + at(line) + " timeout " + DurationText.format(d);
    }

    /** An {@code await signal} timeout: {@code step 6 signal ci_finished (shop.agent:24) timeout 1h}. */
    static String signalTimeout(String path, String iterations, String signal, String line, Duration d) {
        return step(path, iterations) + "signal " + cut(signal) + at(line) + " timeout " + DurationText.format(d);
    }

    /** The run's duration budget: {@code duration budget 7d of incident_triage@3}. */
    static String durationBudget(Duration left, String agent, int version) {
        return DURATION_BUDGET + " " + DurationText.format(left) + " of " + cut(agent) + "@" + version;
    }

    /** Resolving a child run's definition: {@code step 7 run billing@prod (shop.agent:30) resolve}. */
    static String resolve(String path, String iterations, String agentRef, String line) {
        return step(path, iterations) + "run " + cut(agentRef) + at(line) + " resolve";
    }

    /** A child run: {@code step 7 run billing@2 (shop.agent:30)}. */
    static String childRun(String path, String iterations, String agentVersion, String line) {
        return step(path, iterations) + "run " + cut(agentVersion) + at(line);
    }

    /** The step path a summary names, or null (the budget's timer, or not a summary of ours). */
    public static String stepOf(String summary) {
        if (summary == null) {
            return null;
        }
        Matcher m = STEP.matcher(summary);
        return m.find() ? m.group(1) : null;
    }

    private static String step(String path, String iterations) {
        return "step " + path + " " + iteration(iterations);
    }

    /** {@code #3 } for the third item of the innermost loop (iterations are {@code "3=2,3/body/1=0"}). */
    private static String iteration(String iterations) {
        if (iterations == null || iterations.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("#");
        String[] loops = iterations.split(",");
        for (int i = 0; i < loops.length; i++) {
            String index = loops[i].substring(loops[i].lastIndexOf('=') + 1);
            try {
                sb.append(i == 0 ? "" : ".").append(Integer.parseInt(index) + 1);
            } catch (NumberFormatException e) {
                sb.append(i == 0 ? "" : ".").append(index);
            }
        }
        return sb.append(' ').toString();
    }

    private static String at(String line) {
        return line == null || line.isEmpty() ? "" : " (" + line + ")";
    }

    private static String cut(String name) {
        String n = name == null ? "" : name.replace('\n', ' ');
        return n.length() <= MAX_NAME_CHARS ? n : n.substring(0, MAX_NAME_CHARS) + "…";
    }
}
