package dev.agentplan.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code agentplan} command: one subcommand class per command, each with {@code --help}. */
@Command(
        name = "agentplan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Durable AI-agent plans on Temporal.",
        subcommands = {
            ValidateCommand.class,
            FmtCommand.class,
            ConvertCommand.class,
            DeployCommand.class,
            ListCommand.class,
            VersionsCommand.class,
            ShowCommand.class,
            TagCommand.class,
            DiffCommand.class,
            RepoCommand.class,
            RunCommand.class,
            RunsCommand.class,
            StatusCommand.class,
            ApproveCommand.class,
            RejectCommand.class,
            SignalCommand.class,
            UpdateCommand.class,
            CancelCommand.class,
            HistoryCommand.class,
            ExportCommand.class,
            ReplayCommand.class,
            ResetCommand.class,
            ServerCommand.class,
            ConsoleCommand.class,
            WorkerCommand.class,
            GraphCommand.class,
            BenchCommand.class,
            TestCommand.class,
            RegressCommand.class,
            ToolsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'agentplan --help'");
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line and returns its exit code; used by main and by in-process tests. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ServerErrors(new UserFacingErrors()));
        cli.setExpandAtFiles(false); // '--input @inputs.json' names a file the command reads itself
        return cli.execute(args);
    }
}
