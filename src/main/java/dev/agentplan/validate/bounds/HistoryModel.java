package dev.agentplan.validate.bounds;

/**
 * How many history events and bytes each kind of work writes: an estimate from how the
 * interpreter drives Temporal, stated in {@link #METHOD} (shown by {@code validate --bounds} and
 * the README). Each figure is an upper bound of what the interpreter writes for that work; bytes
 * depend on values no validator can see, so they use a stated allowance per payload.
 */
public final class HistoryModel {

    /** Temporal's hard limits of one history (the run is terminated beyond them). */
    public static final long MAX_EVENTS = 51_200;
    public static final long MAX_BYTES = 50L * 1024 * 1024;

    /** When a real server suggests continue-as-new (events), so when a segment usually ends. */
    static final long SEGMENT_EVENTS = 4_096;

    /** A workflow task: scheduled, started, completed. */
    static final long TASK = 3;
    /** Started + the first workflow task. */
    static final long START = 1 + TASK;
    /** The last workflow task + completed, failed or continued-as-new. */
    static final long END = TASK + 1;
    /** Activity scheduled, started, closed (retries happen on the server: only the last attempt is written) + the task it wakes. */
    static final long CALL = 3 + TASK;
    /** Timer started, fired or cancelled + the task it wakes. */
    static final long TIMER = 2 + TASK;
    /** A gate's timeout timer, the decision's update accepted and completed, the task it wakes, one refused attempt. */
    static final long APPROVAL = 2 + 2 + TASK + 1;
    /** A signal wait's timeout timer, the signal, the task it wakes. */
    static final long SIGNAL = 2 + 1 + TASK;
    /** Resolving the child's definition (an activity), initiating, started and closed, and the tasks they wake. */
    static final long CHILD = CALL + 3 + 2 * TASK;
    /** The version marker of parallel work (once per segment). */
    static final long MARKER = 1;
    /** A cancel reaching calls in flight (cancel requested, cancelled) and the task it wakes. */
    static final long CANCEL = 2 + TASK;

    /** Bytes of one event without its payloads (ids, times, task queue, options). */
    static final long EVENT_BYTES = 512;
    /** The allowance for one payload whose size the plan cannot tell: an input, argument, result, signal, decision. */
    static final long PAYLOAD_BYTES = 4 * 1024;
    /** A source line entry of the pinned definition (step path → file:line). */
    static final long LINE_BYTES = 64;

    public static final String METHOD = "history events per unit of work: run start "
            + START + " (started + workflow task), run end " + END + ", each tool call " + CALL
            + " (scheduled, started, closed + workflow task; retries run on the server, so only the last attempt is"
            + " written), each wait " + TIMER + " (timer started, fired + task), each approval " + APPROVAL
            + " (timeout timer, the decision's update accepted and completed, task, one refused decision), each"
            + " await signal " + SIGNAL + " (timer, signal, task), each child run " + CHILD
            + " (resolve activity, child initiated/started/closed, tasks), the duration budget's timer " + TIMER
            + ", a cancel " + CANCEL + ", a continue-as-new segment every " + SEGMENT_EVENTS
            + " events (start + end again); intent events (on signal/update) are one per event sent and are"
            + " not counted. Bytes: " + EVENT_BYTES + " per event, plus the pinned definition in every segment's"
            + " start, plus " + PAYLOAD_BYTES / 1024 + " KiB for each payload whose size the plan does not fix"
            + " (inputs, each call's arguments and result, a signal, a decision, each variable carried across"
            + " continue-as-new); larger values grow the history by their size (up to 2 MiB each)";

    private HistoryModel() {
    }
}
