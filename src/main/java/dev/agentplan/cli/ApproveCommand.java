package dev.agentplan.cli;

import picocli.CommandLine.Command;

/** {@code agentplan approve RUN GATE}. */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = {"Approve a run's pending approval gate.",
            "Exit status: 0 approved, 1 refused (the reason is printed), 3 no such run, 4 server unreachable."})
final class ApproveCommand extends DecisionCommand {

    @Override
    boolean approves() {
        return true;
    }
}
