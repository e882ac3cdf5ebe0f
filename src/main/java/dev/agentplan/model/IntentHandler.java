package dev.agentplan.model;

/**
 * {@code on signal|update "name" [as variable: type [= default]]}: what an event that arrives while
 * the run works does. The payload (checked against {@code type}) becomes the value of
 * {@code variable}; the latest event wins. Declared in the header it holds for the whole run; as
 * a {@link Step.HandleStep} it holds while that step's body runs.
 *
 * @param kind a signal (fire-and-forget; buffered while no scope of it is active) or an update
 *     (answered: accepted, or refused with the reason)
 * @param event the event's name, as {@code agentplan signal|update RUN NAME} sends it
 * @param variable the name the payload is bound to, or null for a handler that only interrupts
 * @param type the payload's declared type (ANY when the handler binds no variable)
 * @param defaultValue the variable's value before the first event, or null: then it is {@code null}
 */
public record IntentHandler(Kind kind, String event, String variable, ValueType type, Expr defaultValue,
                            SourceSpan span) {

    public enum Kind {
        SIGNAL, UPDATE;

        public String keyword() {
            return this == SIGNAL ? "signal" : "update";
        }
    }

    public IntentHandler {
        type = type == null ? ValueType.ANY : type;
    }
}
