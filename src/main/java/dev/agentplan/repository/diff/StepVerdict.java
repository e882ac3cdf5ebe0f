package dev.agentplan.repository.diff;

/**
 * Whether a run of A paused at step {@code path} can go on under B: every step at or before it
 * in execution order, and the tools and inputs they use, must be the same in B at the same
 * addresses.
 *
 * @param divergesAt the first step path (in A) whose difference breaks it, or null when compatible
 * @param reason what differs there, or null when compatible
 */
public record StepVerdict(String path, boolean compatible, String divergesAt, String reason) {

    static StepVerdict ok(String path) {
        return new StepVerdict(path, true, null, null);
    }
}
