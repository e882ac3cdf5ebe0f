package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;

/** Turns Temporal's failures of activities and child runs into plan errors (or cancellation). */
final class Failures {

    private Failures() {
    }

    /** The exception to throw for a failed activity: a {@link PlanError}, or the cancellation itself. */
    static RuntimeException fromActivity(ActivityFailure failure, String what, String step, String line) {
        return fromActivity(failure, what, step, line, null);
    }

    /**
     * As above; {@code taskQueue} (the queue the activity was scheduled on, or null) is named when no
     * worker picked the call up in time, since that usually means nothing polls that queue.
     */
    static RuntimeException fromActivity(ActivityFailure failure, String what, String step, String line,
            String taskQueue) {
        Throwable cause = failure.getCause();
        if (taskQueue != null && cause instanceof TimeoutFailure t
                && t.getTimeoutType() == io.temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) {
            return PlanError.of(ErrorTypes.TIMEOUT, what + " timed out: no worker picked it up from task queue '"
                    + taskQueue + "' within its schedule_to_start (is a worker polling that queue?)", step, line);
        }
        if (cause instanceof CanceledFailure c) {
            return c;
        }
        if (cause instanceof TimeoutFailure t) {
            return PlanError.of(ErrorTypes.TIMEOUT, what + " timed out (" + timeoutKind(t) + ")", step, line);
        }
        if (cause instanceof ApplicationFailure a) {
            if (a.getCause() instanceof TimeoutFailure t) {
                return PlanError.of(ErrorTypes.TIMEOUT, what + " timed out (" + timeoutKind(t) + ")", step, line);
            }
            return PlanError.of(typeOf(a), what + " failed: " + a.getOriginalMessage(), step, line, details(a));
        }
        String message = cause instanceof TemporalFailure tf ? tf.getOriginalMessage()
                : cause != null ? cause.getMessage() : failure.getOriginalMessage();
        return PlanError.of(ErrorTypes.TOOL_ERROR, what + " failed: " + message, step, line);
    }

    static RuntimeException fromChild(ChildWorkflowFailure failure, String what, String step, String line) {
        if (failure.getCause() instanceof CanceledFailure c) {
            return c;
        }
        Throwable cause = failure.getCause();
        String message = cause instanceof TemporalFailure tf ? tf.getOriginalMessage() : failure.getOriginalMessage();
        return PlanError.of(ErrorTypes.CHILD_RUN_FAILED, what + " failed: " + message, step, line);
    }

    /** The plan-visible type of an application failure: its type, or ToolError for Java class names and blanks. */
    static String typeOf(ApplicationFailure a) {
        String type = a.getType();
        if (type == null || type.isBlank() || type.contains(".")) {
            return ErrorTypes.TOOL_ERROR;
        }
        return type;
    }

    private static JsonNode details(ApplicationFailure a) {
        try {
            if (a.getDetails() == null || a.getDetails().getSize() == 0) {
                return null;
            }
            return a.getDetails().get(0, JsonNode.class);
        } catch (RuntimeException notJson) {
            return null; // details are a courtesy; a payload we cannot read must not hide the failure
        }
    }

    private static String timeoutKind(TimeoutFailure t) {
        return switch (t.getTimeoutType()) {
            case TIMEOUT_TYPE_START_TO_CLOSE -> "per-attempt timeout";
            case TIMEOUT_TYPE_SCHEDULE_TO_CLOSE -> "overall deadline";
            case TIMEOUT_TYPE_HEARTBEAT -> "no heartbeat";
            case TIMEOUT_TYPE_SCHEDULE_TO_START -> "no worker picked it up";
            default -> "timeout";
        };
    }
}
