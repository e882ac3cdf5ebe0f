package dev.agentplan.durability;

import dev.agentplan.server.DevServer;
import dev.agentplan.server.RealServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link CrashRecoveryIT} on the real Temporal server: the CLI's dev server with a SQLite file,
 * and sticky workers, as in production (the real server expires a killed worker's sticky queue
 * and hands its runs to the next worker).
 * Every test and assertion is {@link CrashRecoveryIT}'s; this class only swaps the server under them.
 */
class CrashRecoveryDevIT extends CrashRecoveryIT {

    private DevServer dev;

    @Override
    String name() {
        return "crash-recovery-dev";
    }

    @Override
    String serverName() {
        return "real Temporal dev server, SQLite, sticky workers";
    }

    /** Each test is reported skipped (with the reason) when there is no CLI; CI=true fails instead. */
    @BeforeEach
    void needsTheCli() {
        RealServer.cliOrSkip();
    }

    @Override
    String startServer(Path logDir) throws Exception {
        if (DevServer.locateCli().isEmpty() && !RealServer.required()) {
            return "127.0.0.1:1"; // never used: needsTheCli skips every test
        }
        Path db = logDir.resolve("crash.db");
        for (String f : List.of("crash.db", "crash.db-wal", "crash.db-shm", "crash.db.lock")) {
            Files.deleteIfExists(logDir.resolve(f));
        }
        dev = RealServer.start(db, List.of(), List.of());
        return dev.address();
    }

    @Override
    void stopServer() {
        if (dev != null) {
            dev.close();
        }
    }

    @Override
    boolean sticky() {
        return true;
    }
}
