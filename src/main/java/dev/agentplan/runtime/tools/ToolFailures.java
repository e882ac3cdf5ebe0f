package dev.agentplan.runtime.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.tools.secrets.Redactor;
import io.temporal.failure.ApplicationFailure;

/** How tool failures become Temporal failures the workflow sees (type, retryability, details, delay). */
final class ToolFailures {

    static final String UNKNOWN_TOOL = "UnknownTool";
    static final String TOOL_ERROR = "ToolError";

    private ToolFailures() {
    }

    static ApplicationFailure toApplicationFailure(ToolFailure failure) {
        ApplicationFailure.Builder builder = ApplicationFailure.newBuilder()
                .setType(failure.type())
                .setMessage(failure.getMessage())
                .setNonRetryable(!failure.retryable());
        Object details = JsonSizeCap.boundAny(failure.details(), JsonSizeCap.MAX_DETAILS_BYTES);
        if (details != null) {
            builder.setDetails(details);
        }
        if (failure.retryable() && failure.retryAfter() != null && !failure.retryAfter().isNegative()) {
            builder.setNextRetryDelay(failure.retryAfter());
        }
        return builder.build();
    }

    /**
     * The failure with secret values redacted from its message and details; details that cannot
     * be read as JSON are dropped, since they cannot be checked. The cause is dropped too.
     */
    static ApplicationFailure redacted(ApplicationFailure failure, Redactor redactor) {
        if (redactor.isEmpty()) {
            return failure;
        }
        ApplicationFailure.Builder builder = ApplicationFailure.newBuilder()
                .setType(failure.getType())
                .setMessage(redactor.redact(failure.getOriginalMessage()))
                .setNonRetryable(failure.isNonRetryable());
        if (failure.getDetails() != null && failure.getDetails().getSize() > 0) {
            try {
                builder.setDetails(redactor.redact(failure.getDetails().get(0, JsonNode.class)));
            } catch (RuntimeException unreadable) {
                // dropped
            }
        }
        if (failure.getNextRetryDelay() != null) {
            builder.setNextRetryDelay(failure.getNextRetryDelay());
        }
        return builder.build();
    }

    /** A bug or an unexpected condition in a tool: retried, since it may be transient. */
    static ApplicationFailure unexpected(String kind, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return ApplicationFailure.newBuilder()
                .setType(TOOL_ERROR)
                .setMessage(kind + ": " + firstLine(message))
                .setNonRetryable(false)
                .build();
    }

    static ApplicationFailure unknownTool(String message) {
        return ApplicationFailure.newBuilder().setType(UNKNOWN_TOOL).setMessage(message).setNonRetryable(true).build();
    }

    static ApplicationFailure invalidRequest(String message) {
        return ApplicationFailure.newBuilder().setType(Arguments.INVALID).setMessage(message).setNonRetryable(true).build();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
