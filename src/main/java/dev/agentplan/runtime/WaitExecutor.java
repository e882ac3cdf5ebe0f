package dev.agentplan.runtime;

import dev.agentplan.model.Step;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;

/** {@code wait 10m}: one durable timer. */
final class WaitExecutor implements StepExecutor<Step.WaitStep> {

    private final RunContext run;

    WaitExecutor(RunContext run) {
        this.run = run;
    }

    @Override
    public int execute(Step.WaitStep s, StepContext c) {
        c.log().waitingFor = "timer until " + StepLog.iso(run.now() + s.duration().toMillis());
        run.timerStarted();
        try {
            // Workflow.sleep(d) is newTimer(d).get(): the same command, now with a summary for the UI
            Workflow.newTimer(s.duration(), TimerOptions.newBuilder()
                    .setSummary(CommandSummaries.waitTimer(c.path(), c.iterations(), c.line(), s.duration())).build())
                    .get();
        } finally {
            run.timerFinished();
            c.log().waitingFor = null;
        }
        return 0;
    }
}
