package dev.agentplan.repository.diff;

/**
 * One semantic difference between two plans.
 *
 * @param name the input, tool or output name; for steps a short label such as {@code issue = ticket(...)},
 *             of the step as B has it (as A had it for a removed step)
 * @param path for steps the step path in B (in A for removed steps); otherwise null
 * @param fromPath for paired steps the step path in A; otherwise null
 * @param detail what changed, such as {@code argument body changed}; null for a whole thing added or removed
 * @param before the old value as plan text, or null
 * @param after the new value as plan text, or null
 * @param breaking whether callers or in-flight runs of A can break (inputs, outputs)
 */
public record Change(
        Kind kind,
        Subject subject,
        String name,
        String path,
        String fromPath,
        String detail,
        String before,
        String after,
        boolean breaking) {

    public enum Kind {
        ADDED("+"), REMOVED("-"), CHANGED("~"), MOVED(">");

        public final String symbol;

        Kind(String symbol) {
            this.symbol = symbol;
        }
    }

    public enum Subject {
        AGENT, INPUT, TOOL_DEFAULTS, TOOL, BUDGET, STEP, OUTPUT, HANDLER
    }

    static Change of(Kind kind, Subject subject, String name, String detail, String before, String after,
                     boolean breaking) {
        return new Change(kind, subject, name, null, null, detail, before, after, breaking);
    }
}
