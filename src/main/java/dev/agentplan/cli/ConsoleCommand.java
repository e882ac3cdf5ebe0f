package dev.agentplan.cli;

import dev.agentplan.console.ConsoleServer;
import dev.agentplan.server.Connection;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agentplan console}: the web console for runs, approvals, definitions and signals, against any server. */
@Command(name = "console", mixinStandardHelpOptions = true,
        subcommands = ConsoleAddUserCommand.class,
        description = {"Serve the approvals console: runs (live), a run with its plan drawn and the current step lit, "
            + "pending approvals with the proposed call, Approve/Reject, definitions and diffs, signals.",
            "Listens on 127.0.0.1 only, unless --bind names another address and --console-expose says so.",
            "Users: --users FILE (see 'agentplan console add-user'), or a trusted proxy header (--trust-header); without "
                + "either, the OS user signs in with a token written to a private file in the repository.",
            "Exit status: 0 stopped, 2 bad usage, 4 server unreachable, 5 the port is taken."})
final class ConsoleCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "The console's port (default: ${DEFAULT-VALUE}; 0: a free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = ConsoleLauncher.LOOPBACK,
            description = "The address to listen on (default: ${DEFAULT-VALUE}); another one needs --console-expose.")
    String bind;

    @Option(names = "--console-expose", description = "Allow --bind to name an address other than loopback.")
    boolean expose;

    @Option(names = "--users", paramLabel = "FILE", description = "The users file (NAME password|token HASH lines; only hashes).")
    Path users;

    @Option(names = "--trust-header", paramLabel = "NAME", description = "Take the user from this request header, set by a trusted "
            + "reverse proxy (off unless given: only for a console the proxy alone can reach).")
    String trustHeader;

    @Option(names = "--web-ui", paramLabel = "URL", description = "The Temporal Web UI's address, for links to each run (e.g. http://127.0.0.1:8233).")
    String webUi;

    @Mixin
    ServerOptions server;

    @Mixin
    RepoOption repoOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        var out = spec.commandLine().getOut();
        var repo = repoOption.open();
        var settings = new ConsoleLauncher.Settings(port, bind, expose, users, trustHeader, webUi);
        ConsoleLauncher.check(settings);
        Connection connection = server.connect();
        ConsoleServer console;
        try {
            console = ConsoleLauncher.start(settings, connection, repo, out);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            connection.close();
            stopped.countDown();
        }, "agentplan-console-shutdown"));
        stopped.await();
        return ExitCode.OK;
    }
}
