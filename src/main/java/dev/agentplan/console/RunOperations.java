package dev.agentplan.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.IntentPayloads;
import dev.agentplan.server.Connection;
import dev.agentplan.server.IntentClient;
import dev.agentplan.server.RunClient;

/**
 * The state-changing operations on a run that the CLI ({@code approve}, {@code reject},
 * {@code signal}) and the console share, so a decision from a page is the same {@code decide}
 * update, with the same identity and comment fields, as one from a terminal. The approver
 * allow-list is not checked here: the run checks it, and a refusal comes back with its reason.
 */
public final class RunOperations {

    private final Connection connection;

    public RunOperations(Connection connection) {
        this.connection = connection;
    }

    /**
     * Approves or rejects a gate as {@code who}.
     *
     * @return the run's answer ({@code approved publish_ok})
     * @throws dev.agentplan.server.RefusedException with the run's reason
     */
    public String decide(String runId, String gate, boolean approve, String who, String comment) {
        return new RunClient(connection).decide(runId, new GateDecision(gate, approve, who, comment));
    }

    /** What a signal is for: an {@code on signal} handler (its variable, or null), or an {@code await signal} step. */
    public record SignalSent(String name, IntentHandler handler) {
    }

    /**
     * Sends a signal: to the run's {@code on signal} handler of that name (the payload checked
     * against its declared type first), else to an {@code await signal} step.
     *
     * @param sender who sends it, kept with a handler's event (null: this process)
     * @throws BadRequestException when the handler would not take it (nothing is sent)
     * @throws dev.agentplan.server.RefusedException when no step waits for it, or the run has ended
     */
    public SignalSent signal(String runId, String name, JsonNode payload, String sender) {
        IntentClient intents = new IntentClient(connection);
        IntentHandler handler = IntentClient.find(intents.handlers(runId), name);
        if (handler != null) {
            check(handler, IntentHandler.Kind.SIGNAL, payload, runId);
            if (sender == null) {
                intents.signal(runId, name, payload);
            } else {
                intents.signal(runId, name, payload, sender);
            }
        } else {
            new RunClient(connection).signal(runId, name, payload);
        }
        return new SignalSent(name, handler);
    }

    /** Refuses an event the run's handler would not take: the wrong kind or payload type. */
    public static void check(IntentHandler handler, IntentHandler.Kind sentAs, JsonNode payload, String runId) {
        if (handler.kind() != sentAs) {
            throw new BadRequestException("run " + runId + " handles \"" + handler.event() + "\" as "
                    + (handler.kind() == IntentHandler.Kind.SIGNAL ? "a signal" : "an update") + ": use 'agentplan "
                    + handler.kind().keyword() + " " + runId + " " + handler.event() + "'");
        }
        String problem = IntentPayloads.problem(handler, payload);
        if (problem != null) {
            throw new BadRequestException(problem + " (run " + runId + " declares `on "
                    + handler.kind().keyword() + " \"" + handler.event() + "\" as " + handler.variable() + ": "
                    + handler.type().keyword() + "`); nothing was sent");
        }
    }
}
