package dev.agentplan.cli;

/** Process exit codes, the same for every command so scripts can rely on them. */
public final class ExitCode {

    /** Success: the plan is valid, the run completed, the versions are equal. */
    public static final int OK = 0;
    /** The answer is "no": diagnostics with errors, a failed run, versions that differ. */
    public static final int FAILED = 1;
    /** The command line itself is wrong (unknown option, missing argument). */
    public static final int USAGE = 2;
    /** Something named does not exist: file, agent, version, tag, run. */
    public static final int NOT_FOUND = 3;
    /** The Temporal server could not be reached. */
    public static final int UNAVAILABLE = 4;
    /** The repository or run index is corrupt, or another unexpected condition (reported, never a stack trace). */
    public static final int ERROR = 5;
    /** A run with that id exists already (run ids are never reused). */
    public static final int ALREADY_EXISTS = 6;

    private ExitCode() {
    }
}
