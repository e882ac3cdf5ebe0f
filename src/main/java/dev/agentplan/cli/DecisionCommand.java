package dev.agentplan.cli;

import dev.agentplan.console.RunOperations;
import dev.agentplan.server.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code approve} and {@code reject}: the run's {@code decide} update. The run checks the decision
 * synchronously (the gate is pending, the approver is allowed) and a refusal comes back with its
 * reason (exit 1).
 */
abstract class DecisionCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id.")
    String runId;

    @Parameters(index = "1", paramLabel = "GATE", description = "The approval gate (see 'agentplan status RUN').")
    String gate;

    @Option(names = "--as", paramLabel = "NAME", description = "Who decides (default: the OS user).")
    String as;

    @Option(names = {"-c", "--comment"}, paramLabel = "TEXT", description = "Why; kept in the run's audit trail.")
    String comment;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    abstract boolean approves();

    @Override
    public Integer call() {
        String who = as != null ? as : System.getProperty("user.name", "unknown");
        try (Connection connection = server.connect()) {
            String answer = new RunOperations(connection).decide(runId, gate, approves(), who, comment);
            spec.commandLine().getOut().println(answer + " on run " + runId + " as " + who);
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }
}
