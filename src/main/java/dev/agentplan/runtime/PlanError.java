package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.api.ErrorInfo;

/**
 * A catchable failure inside a run: what {@code try/catch} sees and what fails a run. Its data is
 * an {@link ErrorInfo}, so it survives continue-as-new and reaches callers as plain JSON.
 */
final class PlanError extends RuntimeException {

    private final ErrorInfo info;

    PlanError(ErrorInfo info) {
        super(info.message(), null, false, false); // no stack: it is plan data, never shown as a trace
        this.info = info;
    }

    static PlanError of(String type, String message, String step, String line) {
        return new PlanError(new ErrorInfo(type, message, step, line, null));
    }

    static PlanError of(String type, String message, String step, String line, JsonNode details) {
        return new PlanError(new ErrorInfo(type, message, step, line, details));
    }

    ErrorInfo info() {
        return info;
    }

    String type() {
        return info.type();
    }
}
