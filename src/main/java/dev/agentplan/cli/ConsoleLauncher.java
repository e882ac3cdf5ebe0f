package dev.agentplan.cli;

import dev.agentplan.console.ConsoleAuth;
import dev.agentplan.console.ConsoleConfigException;
import dev.agentplan.console.ConsoleOperations;
import dev.agentplan.console.ConsoleServer;
import dev.agentplan.console.UserFile;
import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.server.AuditTrail;
import dev.agentplan.server.Connection;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Starts the console for {@code agentplan console} and {@code agentplan server --console}: the same options, the same checks. */
final class ConsoleLauncher {

    static final String LOOPBACK = "127.0.0.1";

    private ConsoleLauncher() {
    }

    /** What the console needs besides a connection: where to listen and who may sign in. */
    record Settings(int port, String bind, boolean bindAnywhere, Path users, String trustHeader, String webUi) {
    }

    /** Refuses (exit 2) what can be known wrong before any server is started or reached. */
    static UserFile check(Settings s) {
        if (s.port() < 0 || s.port() > 65_535) {
            throw new CliException(ExitCode.USAGE, "the console port must be between 0 and 65535, not " + s.port());
        }
        String bind = bindOf(s);
        if (!isLoopback(bind) && !s.bindAnywhere()) {
            throw new CliException(ExitCode.USAGE, "the console binds to " + LOOPBACK + " unless told otherwise: to listen on "
                    + bind + ", add --console-expose (and put it behind TLS: the console speaks plain HTTP)");
        }
        try {
            return s.users() == null ? null : UserFile.read(s.users());
        } catch (ConsoleConfigException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }

    private static String bindOf(Settings s) {
        return s.bind() == null || s.bind().isBlank() ? LOOPBACK : s.bind().strip();
    }

    static ConsoleServer start(Settings s, Connection connection, FileDefinitionRepository repo, PrintWriter out) {
        UserFile users = check(s);
        String bind = bindOf(s);
        String oneTime = null;
        Path tokenFile = null;
        if (users == null && s.trustHeader() == null) {
            // no users configured: the person who started it signs in with a token written to a private file
            String me = System.getProperty("user.name", "admin").replaceAll("[^A-Za-z0-9._@-]", "_");
            oneTime = UserFile.newToken();
            users = UserFile.of(List.of(new UserFile.Entry(me, UserFile.Kind.token, UserFile.tokenHash(oneTime))));
            tokenFile = writePrivate(repo.root().resolve("console-token"), oneTime);
        }
        ConsoleOperations ops = new ConsoleOperations(connection, repo, HistoryText::of, s.webUi());
        ConsoleServer server;
        try {
            server = ConsoleServer.start(bind, s.port(), ops, new ConsoleAuth(users, s.trustHeader()), out);
        } catch (ConsoleConfigException e) {
            throw new CliException(ExitCode.ERROR, e.getMessage());
        }
        out.println("agentplan console on " + server.url() + " (server " + connection.address() + ", namespace "
                + connection.namespace() + ")");
        if (tokenFile != null) {
            out.println("sign in as " + users.entries().get(0).name() + " with the token in " + tokenFile
                    + " (readable only by you; for more users: agentplan console add-user NAME --users FILE, then --users FILE)");
        } else if (s.trustHeader() != null) {
            out.println("users are who the reverse proxy's " + s.trustHeader() + " header names"
                    + (s.users() == null ? "" : ", or sign in as a user of " + s.users()));
        } else {
            out.println("users from " + s.users());
        }
        out.flush();
        return server;
    }

    static boolean isLoopback(String bind) {
        return bind.equals("localhost") || bind.startsWith("127.") || bind.equals("::1") || bind.equals("[::1]");
    }

    private static Path writePrivate(Path file, String secret) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "cannot write the console's sign-in token to " + file + ": " + e.getMessage()
                    + " (or give users with --users FILE)");
        }
    }

    /** The trail exactly as {@code agentplan history} prints it, without colour. */
    static String historyText(AuditTrail trail) {
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text);
        new HistoryPrinter(new Terminal(w, w, false)).print(trail);
        w.flush();
        return text.toString();
    }
}
