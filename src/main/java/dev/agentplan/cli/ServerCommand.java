package dev.agentplan.cli;

import dev.agentplan.runtime.AgentWorker;
import dev.agentplan.server.Connection;
import dev.agentplan.server.DevServer;
import dev.agentplan.server.LocalStack;
import dev.agentplan.server.RepositoryResolver;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agentplan server}: a local Temporal server plus a worker, until the process is stopped.
 * Without {@code --db}, Temporal's Java test server in this process (in memory). Its own worker is
 * sticky (see {@link dev.agentplan.server.WorkerHost}): it lives and dies with the server, so no
 * run can be stranded on its sticky queue, and a non-sticky worker replays the whole segment on
 * every workflow task (about 40 ms a call late in a segment of 4,000 events, against 2 to 4 ms
 * sticky); workers that join it from other processes must be non-sticky. With {@code --db FILE},
 * the real Temporal server (the CLI's dev server, a child process) keeping its state in FILE, with
 * a sticky worker.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Start a local Temporal server with an agentplan worker.",
            "Without --db: Temporal's Java test server (in memory, real time): stopping it (Ctrl-C) loses every run.",
            "With --db FILE: the real Temporal server (the Temporal CLI's dev server, 'temporal server start-dev') keeping "
                + "its state in the SQLite file FILE: restart with the same FILE and every run is back. Needs the Temporal "
                + "CLI (on the PATH, in .tools/temporal-venv/bin, $" + DevServer.CLI_ENV + " or --temporal-cli).",
            "Listens on 127.0.0.1 only. Other workers may join with 'agentplan worker --address 127.0.0.1:PORT' "
                + "(add --non-sticky without --db).",
            "Exit status: 0 stopped, 2 bad usage, 5 the server could not start (the reason is printed)."})
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7233",
            description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--db", paramLabel = "FILE", description = "Run the real Temporal server, persistent in this SQLite file (created if missing).")
    Path db;

    @Option(names = "--temporal-cli", paramLabel = "PATH", description = "The 'temporal' binary for --db (default: $"
            + DevServer.CLI_ENV + ", .tools/temporal-venv/bin/temporal, then the PATH).")
    String temporalCli;

    @Option(names = "--ui-port", paramLabel = "PORT", description = "With --db: the Web UI's port (default: PORT + 1000; 0: no UI).")
    Integer uiPort;

    @Option(names = "--namespace", paramLabel = "NS", description = "With --db: the namespace the worker serves, created at start (default: "
            + Connection.DEFAULT_NAMESPACE + ").")
    String namespace;

    @Option(names = "--task-queue", paramLabel = "Q", description = "The worker's task queue (default: " + AgentWorker.DEFAULT_TASK_QUEUE + ").")
    String taskQueue;

    @Option(names = "--console", paramLabel = "PORT", description = "Also serve the web console on this port (see 'agentplan console --help').")
    Integer consolePort;

    @Option(names = "--console-bind", paramLabel = "ADDR", description = "The console's address (default: 127.0.0.1); another one needs --console-expose.")
    String consoleBind;

    @Option(names = "--console-expose", description = "Allow --console-bind to name an address other than loopback.")
    boolean consoleExpose;

    @Option(names = "--console-users", paramLabel = "FILE", description = "The console's users file (see 'agentplan console add-user').")
    Path consoleUsers;

    @Option(names = "--console-trust-header", paramLabel = "NAME", description = "Take console users from this header of a trusted reverse proxy.")
    String consoleTrustHeader;

    @Mixin
    RepoOption repoOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new CliException(ExitCode.USAGE, "--port must be between 0 and 65535, not " + port);
        }
        if (db == null && (temporalCli != null || uiPort != null || namespace != null)) {
            throw new CliException(ExitCode.USAGE, "--temporal-cli, --ui-port and --namespace need --db (the real Temporal server)");
        }
        if (consolePort == null && (consoleBind != null || consoleUsers != null || consoleTrustHeader != null || consoleExpose)) {
            throw new CliException(ExitCode.USAGE, "--console-bind, --console-users, --console-trust-header and --console-expose need --console PORT");
        }
        if (uiPort != null && (uiPort < 0 || uiPort > 65_535)) {
            throw new CliException(ExitCode.USAGE, "--ui-port must be between 0 and 65535, not " + uiPort);
        }
        var out = spec.commandLine().getOut();
        var repo = repoOption.open();
        if (consolePort != null) {
            ConsoleLauncher.check(new ConsoleLauncher.Settings(consolePort, consoleBind, consoleExpose, consoleUsers,
                    consoleTrustHeader, null));
        }
        String ns = namespace == null || namespace.isBlank() ? Connection.DEFAULT_NAMESPACE : namespace.strip();
        LocalStack stack;
        if (db == null) {
            stack = LocalStack.start(port, taskQueue, false, new RepositoryResolver(repo));
        } else {
            Path cli = DevServer.findCli(temporalCli);
            int ui = uiPort != null ? uiPort : port != 0 && port + 1000 <= 65_535 ? port + 1000 : 0;
            DevServer.Options options = DevServer.Options.of(cli, db, port, ui)
                    .withNamespaces(ns.equals(Connection.DEFAULT_NAMESPACE) ? List.of() : List.of(ns));
            stack = LocalStack.startDev(options, ns, taskQueue, new RepositoryResolver(repo));
        }
        Connection consoleConnection = null;
        dev.agentplan.console.ConsoleServer console = null;
        if (consolePort != null) {
            try {
                consoleConnection = Connection.open(stack.address(), ns);
                String webUi = stack.devServer().flatMap(DevServer::uiAddress).orElse(null);
                console = ConsoleLauncher.start(new ConsoleLauncher.Settings(consolePort, consoleBind, consoleExpose, consoleUsers,
                        consoleTrustHeader, webUi), consoleConnection, repo, out);
            } catch (RuntimeException e) {
                if (consoleConnection != null) {
                    consoleConnection.close();
                }
                stack.close();
                throw e;
            }
        }
        final Connection consoleClient = consoleConnection;
        final dev.agentplan.console.ConsoleServer consoleServer = console;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (consoleServer != null) {
                consoleServer.close();
                consoleClient.close();
            }
            stack.close();
            out.println("agentplan server stopped");
            out.flush();
            stopped.countDown();
        }, "agentplan-server-shutdown"));
        out.println("agentplan server listening on " + stack.address() + " (namespace " + ns
                + ", task queue " + stack.taskQueue() + ", repository " + repo.root() + ")");
        if (stack.devServer().isPresent()) {
            DevServer dev = stack.devServer().get();
            out.println("the real Temporal server (dev server, pid " + dev.pid() + "), state kept in " + db.toAbsolutePath()
                    + ": runs survive a restart with the same --db");
            out.println("Web UI: " + dev.uiAddress().orElse("off (--ui-port 0)"));
        } else {
            out.println("in memory: runs are lost when it stops (keep them: --db FILE); stop it with Ctrl-C");
        }
        out.println("use it: agentplan run NAME" + (stack.address().equals(Connection.DEFAULT_ADDRESS) ? ""
                : " --address " + stack.address()) + (ns.equals(Connection.DEFAULT_NAMESPACE) ? "" : " --namespace " + ns));
        out.flush();
        stopped.await();
        return ExitCode.OK;
    }
}
