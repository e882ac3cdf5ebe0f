package dev.agentplan.regress;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a candidate did with one recorded run.
 *
 * @param calls how many calls the candidate and the recording had in common (the same tool and arguments)
 * @param recordedCall for DIVERGED: the recording's call where the two part (null when the candidate made one more)
 * @param candidateCall for DIVERGED and NEEDS_RESULT: the candidate's call there (null when it made none)
 * @param detail one line: what differs (the argument, the output), or why the run cannot be compared
 * @param recordedEnd / candidateEnd how each run ended: {@code COMPLETED {"order": …}} or {@code FAILED ApprovalTimeout at step 2/else/1}
 */
public record RunVerdict(String runId, Kind kind, int calls, CallView recordedCall, CallView candidateCall, String detail,
                         String recordedEnd, String candidateEnd, JsonNode recordedOutput, JsonNode candidateOutput) {

    public enum Kind {
        SAME("same calls, same output", "same"),
        OUTPUT_CHANGED("same calls, different output", "output_changed"),
        DIVERGED("diverged", "diverged"),
        NEEDS_RESULT("needs a tool result the recording lacks", "needs_result"),
        NOT_COMPARABLE("not comparable", "not_comparable");

        public final String title;
        public final String json;

        Kind(String title, String json) {
            this.title = title;
            this.json = json;
        }
    }

    /** The place the verdict is about: the candidate's call, else the recording's. */
    public CallView where() {
        return candidateCall != null ? candidateCall : recordedCall;
    }
}
