package dev.agentplan.cli;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.server.Pins;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanText;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;

/** Edits exported histories for replay tests. */
final class Histories {

    private Histories() {
    }

    /** The same history with another plan pinned in its first event: what an incompatible interpreter change looks like. */
    static String repin(String exportedJson, String fileName, String planText) {
        WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(exportedJson);
        ParseResult parsed = PlanText.parse(fileName, planText);
        if (parsed.hasErrors()) {
            throw new IllegalArgumentException(parsed.diagnostics().toString());
        }
        AgentDefinition plan = parsed.definition();
        PinnedDefinition pinned = Pins.ofFile(fileName, plan);
        HistoryEvent first = history.getEvents().get(0);
        var attributes = first.getWorkflowExecutionStartedEventAttributes();
        RunRequest original = DataConverter.getDefaultInstance().fromPayloads(0, java.util.Optional.of(attributes.getInput()),
                RunRequest.class, RunRequest.class);
        RunRequest changed = new RunRequest(pinned, original.inputs(), null);
        HistoryEvent edited = first.toBuilder().setWorkflowExecutionStartedEventAttributes(attributes.toBuilder()
                .setInput(DataConverter.getDefaultInstance().toPayloads(changed).orElseThrow())).build();
        History.Builder b = history.getHistory().toBuilder();
        b.setEvents(0, edited);
        return new WorkflowExecutionHistory(b.build(), history.getWorkflowExecution().getWorkflowId()).toJson(true);
    }
}
