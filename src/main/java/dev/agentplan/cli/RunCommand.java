package dev.agentplan.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.repository.RunRecord;
import dev.agentplan.repository.StoredDefinition;
import dev.agentplan.runtime.AgentWorker;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.server.Connection;
import dev.agentplan.server.LocalStack;
import dev.agentplan.server.Pins;
import dev.agentplan.server.RepositoryResolver;
import dev.agentplan.server.RunClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentplan run FILE|NAME[@VERSION|@TAG]}: a plan file with no {@code --address} runs on
 * an embedded server in this process; a deployed version (or any plan with {@code --address})
 * runs on the server at the address and is recorded in the run index.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a plan and show its steps live.",
            "The output is printed as JSON on stdout; progress goes to stderr.",
            "FILE (.agent/.json) without --address: validated, then run on an embedded Temporal server inside this "
                + "command (in memory; the run ends with it). Approvals are asked on the terminal, or given with "
                + "'agentplan approve' as printed.",
            "NAME, NAME@VERSION or NAME@TAG, or any plan with --address: started on the server at --address "
                + "(see 'agentplan server'), pinned to that exact version and recorded in the run index.",
            "Run ids are never reused: an id the run index knows is refused (exit 6), also when the server has lost "
                + "the run (an in-memory server restarted); --restart-lost starts such a lost run again from the "
                + "beginning with the same idempotency keys.",
            "Exit status: 0 completed, 1 failed or cancelled (or the plan has errors), 2 bad usage or --input, "
                + "3 no such file/agent/version, 4 server unreachable, 6 the run id exists already."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE|NAME[@VERSION|@TAG]", description = "A plan file or a deployed agent.")
    String target;

    @Option(names = "--input", paramLabel = "JSON|@FILE", description = "The inputs, a JSON object (or @file.json).")
    String input;

    @Option(names = "--id", paramLabel = "RUN_ID", description = "The run id (default: <agent>-<random>); never reused.")
    String id;

    @Option(names = "--follow", description = "Show the steps live and wait for the output (the default).")
    boolean follow;

    @Option(names = "--detach", description = "Print the run id and return at once (needs a server: --address or a deployed agent).")
    boolean detach;

    @Option(names = "--restart-lost", description = "Start a lost run (the run index knows its id, its server "
            + "does not) again from the beginning, sending the same Idempotency-Key values as its first start. "
            + "Needs the same deployed version and inputs.")
    boolean restartLost;

    @Option(names = "--task-queue", paramLabel = "Q", description = "The workers' task queue (default: " + AgentWorker.DEFAULT_TASK_QUEUE + ").")
    String taskQueue;

    @Mixin
    ServerOptions server;

    @Mixin
    RepoOption repoOption;

    @Spec
    CommandSpec spec;

    private Terminal term;

    @Override
    public Integer call() throws InterruptedException {
        term = new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(), Terminal.colourByDefault());
        if (follow && detach) {
            throw new CliException(ExitCode.USAGE, "--follow and --detach exclude each other");
        }
        ObjectNode inputs = RunInputs.parse(input);
        PayloadLimit.check(inputs, "--input", spec.commandLine().getErr());
        String queue = taskQueue == null ? AgentWorker.DEFAULT_TASK_QUEUE : taskQueue;
        boolean isFile = looksLikeFile(target);
        if (restartLost && (isFile || id == null)) {
            throw new CliException(ExitCode.USAGE, "--restart-lost restarts a lost run of a deployed agent: give the "
                    + "agent (NAME@VERSION) and the lost run's --id");
        }
        if (isFile && server.address == null) {
            return embedded(Path.of(target), inputs, queue);
        }
        return remote(isFile, inputs, queue);
    }

    static boolean looksLikeFile(String target) {
        return target.endsWith(".agent") || target.endsWith(".json") || target.contains("/")
                || target.contains(java.io.File.separator) || Files.isRegularFile(Path.of(target));
    }

    private Integer embedded(Path file, ObjectNode inputs, String queue) throws InterruptedException {
        if (detach) {
            throw new CliException(ExitCode.USAGE, "--detach needs a server that outlives this command: start one with "
                    + "'agentplan server', then run with --address (the embedded server stops when 'run' ends)");
        }
        AgentDefinition plan = loadValid(file);
        if (plan == null) {
            return ExitCode.FAILED;
        }
        PinnedDefinition pinned = Pins.ofFile(file.getFileName().toString(), plan);
        String runId = RunIds.choose(id, plan.name());
        term.err().println(term.dim("starting an embedded Temporal server (in memory: the run lives as long as this command)"));
        term.err().flush();
        try (LocalStack stack = LocalStack.start(0, queue, false, new RepositoryResolver(repoOption.open()))) {
            RunClient client = new RunClient(stack.connection());
            long startedAt = System.nanoTime();
            client.start(pinned, inputs, runId, stack.taskQueue());
            term.err().println("run " + term.bold(runId) + ": " + plan.name() + " from " + file + " (sha256 "
                    + pinned.sha256().substring(0, 12) + ") on " + stack.address());
            RunResult result = followRun(client, runId, plan, " --address " + stack.address());
            return finish(runId, result, System.nanoTime() - startedAt);
        }
    }

    private Integer remote(boolean isFile, ObjectNode inputs, String queue) throws InterruptedException {
        PinnedDefinition pinned;
        AgentDefinition plan;
        FileDefinitionRepository repo = null;
        if (isFile) {
            Path file = Path.of(target);
            plan = loadValid(file);
            if (plan == null) {
                return ExitCode.FAILED;
            }
            pinned = Pins.ofFile(file.getFileName().toString(), plan);
            repo = repoOption.open(); // a file run on a server is recorded too (version 0: not deployed)
        } else {
            repo = repoOption.open();
            StoredDefinition stored = repo.resolve(target);
            plan = stored.plan();
            pinned = Pins.of(stored);
        }
        String runId = RunIds.choose(id, pinned.name());
        String inputsSha = RunIdReuse.inputsSha256(inputs);
        try (Connection connection = server.connect()) {
            RunClient client = new RunClient(connection);
            String keySeed = repo == null ? null
                    : RunIdReuse.check(repo.runIndex(), runId, client, pinned, inputsSha, restartLost, target);
            long startedAt = System.nanoTime();
            String firstRunId = client.start(pinned, inputs, runId, queue, keySeed);
            String what = pinned.version() == Pins.NOT_DEPLOYED ? pinned.name() + " from " + target
                    : pinned.name() + "@" + pinned.version();
            if (keySeed != null) {
                term.err().println("restarted lost run " + runId + " from the beginning: its calls send the "
                        + "Idempotency-Key values of its first start");
            }
            if (repo != null) {
                Instant now = Instant.now();
                repo.runIndex().record(new RunRecord(runId, pinned.name(), pinned.version(), pinned.sha256(), queue,
                        connection.address(), now, "running", now, firstRunId,
                        keySeed != null ? keySeed : firstRunId, inputsSha));
            }
            if (detach) {
                term.err().println("started run " + runId + ": " + what + " on " + connection.address()
                        + " (follow it: agentplan status " + runId + connectionArgs(connection) + ")");
                term.err().flush();
                term.out().println(runId);
                term.out().flush();
                return ExitCode.OK;
            }
            term.err().println("run " + term.bold(runId) + ": " + what + " (sha256 " + pinned.sha256().substring(0, 12)
                    + ") on " + connection.address());
            RunResult result = followRun(client, runId, plan, connectionArgs(connection));
            if (repo != null) {
                repo.runIndex().updateStatus(runId, result.status().name().toLowerCase());
            }
            return finish(runId, result, System.nanoTime() - startedAt);
        }
    }

    /** The options another command needs to reach the same run (empty for the defaults). */
    static String connectionArgs(Connection c) {
        return (c.address().equals(Connection.DEFAULT_ADDRESS) ? "" : " --address " + c.address())
                + (c.namespace().equals(Connection.DEFAULT_NAMESPACE) ? "" : " --namespace " + c.namespace());
    }

    private RunResult followRun(RunClient client, String runId, AgentDefinition plan, String connectionArgs)
            throws InterruptedException {
        term.err().flush();
        ApprovalPrompt prompt = ApprovalPrompt.ifInteractive(System.getProperty("user.name", "unknown"));
        return new RunFollower(client, runId, new StepTitles(plan), term, prompt, connectionArgs).follow();
    }

    /** Checks the plan like {@code validate} does; prints diagnostics to stderr; null when it has errors. */
    private AgentDefinition loadValid(Path file) {
        if (!Files.exists(file)) {
            throw new CliException(ExitCode.NOT_FOUND, "no such file: " + file);
        }
        PlanLoader.Loaded loaded = PlanLoader.load(file, Validators.forThisWorker());
        DiagnosticPrinter.print(new Terminal(term.err(), term.err(), term.colour()), loaded.diagnostics(), loaded.text());
        if (loaded.hasErrors()) {
            term.err().println("agentplan: not run: " + file + " has errors");
            term.err().flush();
            return null;
        }
        return loaded.definition();
    }

    private int finish(String runId, RunResult result, long nanos) {
        RunOutcome.report(term, runId, result, nanos / 1_000_000);
        if (result.status() == dev.agentplan.runtime.api.RunState.COMPLETED) {
            term.out().println(CliJson.pretty(result.output() == null ? CliJson.MAPPER.createObjectNode() : result.output()));
            term.out().flush();
            return ExitCode.OK;
        }
        return ExitCode.FAILED;
    }
}
