package dev.agentplan.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the real-server tests (the {@code *DevIT} classes) get the Temporal CLI: found as
 * {@link DevServer#locateCli()} finds it ({@code $AGENTPLAN_TEMPORAL_CLI}, {@code .tools/temporal-venv},
 * the PATH). Without it they are skipped, and say why; with {@code CI=true} a missing CLI fails them.
 */
public final class RealServer {

    private RealServer() {
    }

    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The {@code temporal} binary, or the test is skipped (CI: fails) with the reason printed. */
    public static Path cliOrSkip() {
        Optional<Path> cli;
        try {
            cli = DevServer.locateCli();
        } catch (ServerStartException e) {
            cli = Optional.empty();
            System.out.println("real-server tests: " + e.getMessage());
        }
        if (cli.isEmpty()) {
            String why = "the Temporal CLI is not installed, so the real-server tests are skipped: " + DevServer.INSTALL_HINT;
            System.out.println(why);
            System.err.println(why);
            if (required()) {
                fail("CI=true: " + why);
            }
            Assumptions.abort(why);
        }
        return cli.get();
    }

    /** Starts a dev server (headless, a free port); with CI=true a server that cannot start fails the test, otherwise too. */
    public static DevServer start(Path db, java.util.List<String> namespaces, java.util.List<String> dynamicConfig) {
        return start(db, 0, namespaces, dynamicConfig);
    }

    public static DevServer start(Path db, int port, java.util.List<String> namespaces, java.util.List<String> dynamicConfig) {
        return DevServer.start(new DevServer.Options(cliOrSkip(), db, port, 0, namespaces, dynamicConfig));
    }
}
