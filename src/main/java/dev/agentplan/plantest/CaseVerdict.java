package dev.agentplan.plantest;

/**
 * The outcome of one case.
 *
 * @param difference null when it passed; else the first difference found
 * @param step the path of the step the difference is about (may be empty)
 * @param line {@code file.agent:LINE} of that step (may be empty)
 */
public record CaseVerdict(String name, String difference, String step, String line, long realMillis,
                          CaseRun run) {

    public boolean passed() {
        return difference == null;
    }

    /** {@code at step 3/then/1 (plan.agent:27)}, or empty. */
    public String where() {
        if (step == null || step.isEmpty()) {
            return line == null || line.isEmpty() ? "" : "at " + line;
        }
        return "at step " + step + Lines.suffix(line);
    }
}
