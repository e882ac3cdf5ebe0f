package dev.agentplan.durability;

import dev.agentplan.server.DevServer;
import dev.agentplan.server.RealServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link CrashRecoveryIT} on the real Temporal server: the CLI's dev server with a SQLite file,
 * and sticky workers, as in production (the real server expires a killed worker's sticky queue
 * and hands its runs to the next worker).
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

    @Override
    String startServer(Path logDir) throws Exception {
        RealServer.cliOrSkip();
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
