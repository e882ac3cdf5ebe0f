package dev.agentplan.runtime.limits;

/**
 * Every size limit of a run, in one place: what one expression may compute, and how big the
 * values that travel through Temporal may be.
 *
 * <p>Temporal's defaults (open-source server dynamic config; Temporal Cloud is similar): one
 * payload (a workflow's input, an activity's input or result, a signal's or update's argument,
 * a continue-as-new input) warns at 512 KiB and fails at 2 MiB ({@code limit.blobSize.warn},
 * {@code limit.blobSize.error}); a history warns at 10 MiB and fails at 50 MiB. A payload over the
 * limit fails the workflow task that carries it, and the task is retried for ever: the run is
 * wedged. So agentplan checks sizes itself, before Temporal sees them, and fails the run (or
 * refuses the input) with a clear, typed error instead.
 *
 * <p>The expression limits keep one plan from exhausting a worker's memory or CPU (a string
 * doubled in a loop, {@code fromJson("1e1000000000")} formatted as text). They are deliberately
 * generous for real plans and far below what would hurt a worker.
 */
public final class Limits {

    // ---- Temporal payloads ----

    /** Temporal's default hard limit for one payload ({@code limit.blobSize.error}: 2 MiB). */
    public static final int PAYLOAD_MAX_BYTES = 2 * 1024 * 1024;

    /** Temporal's default warning size for one payload ({@code limit.blobSize.warn}: 512 KiB). */
    public static final int PAYLOAD_WARN_BYTES = 512 * 1024;

    /**
     * The largest tool result handed to a plan (serialized JSON). Well under the payload limit,
     * because results are also carried in the run's state across continue-as-new.
     */
    public static final int TOOL_RESULT_MAX_BYTES = 256 * 1024;

    /** The largest failure details a tool may attach. */
    public static final int TOOL_DETAILS_MAX_BYTES = 16 * 1024;

    /**
     * The largest approval decision (approver, comment) or cancel request a run accepts: the last
     * 100 decisions are kept in its state and status, a cancel reason in its result.
     */
    public static final int DECISION_MAX_BYTES = 8 * 1024;

    // ---- expressions ----

    /** The longest string an expression may produce, in characters (UTF-16 units). */
    public static final int STRING_MAX_CHARS = 1024 * 1024;

    /** The most items of a list, or fields of an object, an expression may produce. */
    public static final int COLLECTION_MAX_ITEMS = 100_000;

    /** The deepest nesting of lists and objects an expression may produce. */
    public static final int NESTING_MAX_DEPTH = 64;

    /** The approximate serialized size (JSON characters) of the largest value an expression may produce. */
    public static final int VALUE_MAX_BYTES = 1024 * 1024;

    /** The most significant digits of a number (Jackson's own default maximum number length is 1,000). */
    public static final int NUMBER_MAX_DIGITS = 1000;

    /** The largest decimal exponent of a number, either way: magnitudes from 1e-1000 to 1e1000. */
    public static final int NUMBER_MAX_EXPONENT = 1000;

    /**
     * The most steps one evaluation of an expression may take: one per expression node, plus one
     * per list item, object field or value node it copies, compares or measures.
     */
    public static final long EVALUATION_MAX_STEPS = 5_000_000;

    private Limits() {
    }

    /** A byte count for messages: "2 MiB", "512 KiB", "2.9 MiB (3000574 bytes)", "700 bytes". */
    public static String bytes(long n) {
        long kib = 1024;
        long mib = kib * kib;
        if (n >= kib && n % mib == 0) {
            return n / mib + " MiB";
        }
        if (n >= kib && n % kib == 0) {
            return n / kib + " KiB";
        }
        if (n < 10_000) {
            return n + " bytes";
        }
        String size = n >= mib ? String.format(java.util.Locale.ROOT, "%.1f MiB", n / (double) mib)
                : String.format(java.util.Locale.ROOT, "%.0f KiB", n / (double) kib);
        return size + " (" + n + " bytes)";
    }
}
