package dev.agentplan.cli;

import dev.agentplan.runtime.AgentWorker;
import dev.agentplan.server.Connection;
import dev.agentplan.server.RepositoryResolver;
import dev.agentplan.server.WorkerHost;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agentplan worker}: a worker only, for a Temporal cluster (or another agentplan server). */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Run an agentplan worker (the interpreter workflow and the tools) against a Temporal server "
            + "until stopped (Ctrl-C).",
            "Sticky by default (a real cluster reassigns a dead worker's runs); use --non-sticky with 'agentplan server', "
                + "whose test server never does.",
            "Tools are configured from system properties and environment variables of this process."})
final class WorkerCommand implements Callable<Integer> {

    @Mixin
    ServerOptions server;

    @Option(names = "--task-queue", paramLabel = "Q", description = "The task queue to poll (default: " + AgentWorker.DEFAULT_TASK_QUEUE + ").")
    String taskQueue;

    @Option(names = "--non-sticky", description = "Do not keep runs cached on this worker (needed with the Java test server).")
    boolean nonSticky;

    @Mixin
    RepoOption repoOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        var out = spec.commandLine().getOut();
        Connection connection = Connection.forWorker(server.settings(), java.time.Duration.ofSeconds(10));
        WorkerHost worker = WorkerHost.start(connection, taskQueue, nonSticky, new RepositoryResolver(repoOption.open()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            connection.close();
            out.println("agentplan worker stopped");
            out.flush();
            stopped.countDown();
        }, "agentplan-worker-shutdown"));
        out.println("agentplan worker polling task queue " + worker.taskQueue() + " on " + connection.address()
                + " (namespace " + connection.namespace() + ", " + (nonSticky ? "non-sticky" : "sticky") + ")");
        out.flush();
        stopped.await();
        return ExitCode.OK;
    }
}
