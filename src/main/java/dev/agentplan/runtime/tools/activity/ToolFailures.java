package dev.agentplan.runtime.tools.activity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.tools.Arguments;
import dev.agentplan.runtime.tools.JsonSizeCap;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.secrets.Redactor;
import io.temporal.common.converter.EncodedValues;
import io.temporal.common.converter.GlobalDataConverter;
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
        JsonNode details = firstDetail(failure);
        if (details != null) {
            builder.setDetails(redactor.redact(details));
        }
        if (failure.getNextRetryDelay() != null) {
            builder.setNextRetryDelay(failure.getNextRetryDelay());
        }
        return builder.build();
    }

    /** The first detail of a failure as JSON (encoded first when a tool built it), or null. */
    static JsonNode firstDetail(ApplicationFailure failure) {
        try {
            if (!(failure.getDetails() instanceof EncodedValues encoded)) {
                return null;
            }
            encoded.setDataConverter(GlobalDataConverter.get());
            EncodedValues decoded = new EncodedValues(encoded.toPayloads(), GlobalDataConverter.get());
            return decoded.getSize() > 0 ? decoded.get(0, JsonNode.class) : null;
        } catch (RuntimeException noneOrNotJson) {
            return null; // dropped: what cannot be read cannot be checked
        }
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
