package dev.agentplan.validate.bounds;

import dev.agentplan.model.Diagnostic;
import java.util.List;

/**
 * The worst case of a plan over all its paths, as {@code validate --bounds} prints it.
 *
 * @param toolCalls tool calls, compensations (undo calls) included
 * @param undoCalls of which compensations, run after a failure or a cancel
 * @param steps steps as the steps budget counts them (every statement, blocks included)
 * @param durationMillis wall-clock time from start to end, compensations included
 * @param planDurationMillis the same before the duration budget caps it (what the plan's steps can take)
 * @param cost what the calls can cost; unknown unless no tool can charge
 * @param historyEvents events over every continue-as-new segment
 * @param historyBytes bytes over every segment (see {@link HistoryModel#METHOD})
 * @param segments how many continue-as-new segments such a history takes on a real server
 * @param largestChunkEvents the most events one piece of work writes with no continue-as-new inside it
 * @param largestChunkBytes the same in bytes
 * @param notes what the figures do not include, in the user's words
 * @param diagnostics warnings about the bounds (AP314, AP315), at the budget or the step
 */
public record PlanBounds(Figure toolCalls, Figure undoCalls, Figure steps, Figure durationMillis,
                         Figure planDurationMillis, Figure cost,
                         Figure historyEvents, Figure historyBytes, Figure segments, Figure largestChunkEvents,
                         Figure largestChunkBytes, List<String> notes, List<Diagnostic> diagnostics) {

    public PlanBounds {
        notes = List.copyOf(notes);
        diagnostics = List.copyOf(diagnostics);
    }

    /** How the history figures are estimated. */
    public String method() {
        return HistoryModel.METHOD;
    }
}
