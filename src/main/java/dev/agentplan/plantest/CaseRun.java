package dev.agentplan.plantest;

import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.StepLogEntry;
import java.util.List;
import java.util.Map;

/**
 * What one case's run did.
 *
 * @param result how the run ended (null when it never ended: see problems)
 * @param steps every step path seen running or finished, with the outcomes it ended with
 * @param problems what went wrong in the harness's eyes: unscripted calls, unused or refused decisions, a stuck run
 * @param elapsedMillis workflow time from start to end
 * @param stepIterations {@code path@iteration} of every finished step seen (which loop iteration it ran in)
 */
public record CaseRun(RunResult result, List<RecordedCall> calls, Map<String, List<String>> steps,
                      List<StepLogEntry> stepLog, List<String> problems, long elapsedMillis,
                      java.util.Set<String> stepIterations) {
}
