package dev.agentplan.cli;

import picocli.CommandLine.Command;

/** {@code agentplan reject RUN GATE}. */
@Command(name = "reject", mixinStandardHelpOptions = true,
        description = {"Reject a run's pending approval gate.",
            "The approve step fails with ApprovalRejected, which the plan may catch.",
            "Exit status: 0 rejected, 1 refused (the reason is printed), 3 no such run, 4 server unreachable."})
final class RejectCommand extends DecisionCommand {

    @Override
    boolean approves() {
        return false;
    }
}
