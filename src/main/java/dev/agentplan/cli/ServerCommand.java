package dev.agentplan.cli;

import dev.agentplan.runtime.AgentWorker;
import dev.agentplan.server.Connection;
import dev.agentplan.server.LocalStack;
import dev.agentplan.server.RepositoryResolver;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agentplan server}: Temporal's Java test server on a loopback port plus a worker, until
 * the process is stopped. Its own worker is sticky (see {@link dev.agentplan.server.WorkerHost}):
 * it lives and dies with the server, so no run can be stranded on its sticky queue, and a
 * non-sticky worker replays the whole segment on every workflow task (about 40 ms a call late in
 * a segment of 4,000 events, against 2 to 4 ms sticky). Workers that join from other processes
 * must be non-sticky.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Start a local Temporal server with an agentplan worker.",
            "Temporal's Java test server (in memory, real time) with a worker, for 'run NAME', 'status', 'approve' and the other run commands.",
            "Listens on 127.0.0.1 only. Runs are kept in memory: stopping the server (Ctrl-C) loses them.",
            "Other workers may join with 'agentplan worker --address 127.0.0.1:PORT --non-sticky'."})
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7233",
            description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--task-queue", paramLabel = "Q", description = "The worker's task queue (default: " + AgentWorker.DEFAULT_TASK_QUEUE + ").")
    String taskQueue;

    @Mixin
    RepoOption repoOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new CliException(ExitCode.USAGE, "--port must be between 0 and 65535, not " + port);
        }
        var out = spec.commandLine().getOut();
        var repo = repoOption.open();
        LocalStack stack = LocalStack.start(port, taskQueue, false, new RepositoryResolver(repo));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            out.println("agentplan server stopped");
            out.flush();
            stopped.countDown();
        }, "agentplan-server-shutdown"));
        out.println("agentplan server listening on " + stack.address() + " (namespace " + Connection.DEFAULT_NAMESPACE
                + ", task queue " + stack.taskQueue() + ", repository " + repo.root() + ")");
        out.println("in memory: runs are lost when it stops; stop it with Ctrl-C");
        out.println("use it: agentplan run NAME" + (stack.address().equals(Connection.DEFAULT_ADDRESS) ? ""
                : " --address " + stack.address()));
        out.flush();
        stopped.await();
        return ExitCode.OK;
    }
}
