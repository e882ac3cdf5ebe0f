package dev.agentplan.runtime.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.tools.Arguments;
import dev.agentplan.runtime.tools.Tool;
import dev.agentplan.runtime.tools.ToolConfigKeys;
import dev.agentplan.runtime.tools.ToolContext;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.ToolJson;
import dev.agentplan.runtime.tools.ToolResult;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code exec}: runs a program from an argv list (never through a shell). The child gets a
 * minimal environment: PATH plus the names the worker allows ({@code AGENTPLAN_EXEC_ENV_ALLOW}),
 * taken from the worker's environment or set by the call. Output is captured up to
 * {@link #MAX_OUTPUT_BYTES} per stream. The result is {@code {exit_code, stdout, stderr,
 * truncated}}: a non-zero exit is a result plans branch on, not a failure. While the program runs
 * the tool heartbeats every second; on cancellation, or when the attempt's time is up, the whole
 * process tree is killed.
 */
public final class ExecTool implements Tool {

    public static final String EXEC_ERROR = "ExecError";
    public static final String TIMEOUT = "Timeout";

    public static final int MAX_OUTPUT_BYTES = 64 * 1024;

    private static final long BEAT_MILLIS = 1000;
    /** Output kept in a Timeout failure's details, per stream. */
    private static final int DETAILS_OUTPUT_CHARS = 4096;
    /** How long to wait for output pipes after the child exits (a grandchild may hold them). */
    private static final long DRAIN_MILLIS = 2000;

    private final Map<String, String> workerEnvironment;

    public ExecTool() {
        this(System.getenv());
    }

    /** @param workerEnvironment where PATH and allowed variables are inherited from */
    public ExecTool(Map<String, String> workerEnvironment) {
        this.workerEnvironment = Map.copyOf(workerEnvironment);
    }

    @Override
    public ToolKind kind() {
        return BuiltinToolKinds.EXEC;
    }

    @Override
    public ToolResult invoke(JsonNode arguments, ToolContext context) throws ToolFailure, InterruptedException {
        Arguments args = new Arguments(kind().name(), arguments);
        List<String> argv = argv(args);
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().clear();
        builder.environment().putAll(environment(args, context));
        String cwd = args.string("cwd", null);
        if (cwd != null) {
            File dir = new File(cwd);
            if (!dir.isDirectory()) {
                throw ToolFailure.nonRetryable(EXEC_ERROR, "exec: working directory '" + cwd + "' does not exist");
            }
            builder.directory(dir);
        }
        String stdin = args.string("stdin", null);

        Process process;
        try {
            process = builder.start();
        } catch (IOException | SecurityException e) {
            throw new ToolFailure(EXEC_ERROR, "exec: cannot start '" + argv.get(0) + "': " + e.getMessage(), false, null, null);
        }
        OutputCapture stdout = new OutputCapture(process.getInputStream(), MAX_OUTPUT_BYTES, "exec-stdout");
        OutputCapture stderr = new OutputCapture(process.getErrorStream(), MAX_OUTPUT_BYTES, "exec-stderr");
        feed(process, stdin);

        boolean finished = false;
        try {
            waitFor(process, context, argv, stdout, stderr);
            finished = true;
        } finally {
            if (!finished) {
                ProcessTrees.destroy(process);
            }
        }
        stdout.await(DRAIN_MILLIS);
        stderr.await(DRAIN_MILLIS);
        ObjectNode result = ToolJson.object();
        result.put("exit_code", process.exitValue());
        result.put("stdout", stdout.text());
        result.put("stderr", stderr.text());
        result.put("truncated", stdout.truncated() || stderr.truncated());
        return ToolResult.of(result);
    }

    /** Waits, heartbeating; a cancelled heartbeat throws, and the caller then kills the tree. */
    private static void waitFor(Process process, ToolContext context, List<String> argv,
                                OutputCapture stdout, OutputCapture stderr) throws ToolFailure, InterruptedException {
        long start = System.nanoTime();
        Duration limit = context.attemptTimeout().map(ExecTool::killAfter).orElse(null);
        context.heartbeat(ToolJson.object().put("running_ms", 0));
        while (!process.waitFor(nextWait(start, limit), TimeUnit.MILLISECONDS)) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (limit != null && elapsed.compareTo(limit) >= 0) {
                ProcessTrees.destroy(process);
                ObjectNode details = ToolJson.object();
                details.put("stdout", tail(stdout.text()));
                details.put("stderr", tail(stderr.text()));
                throw new ToolFailure(TIMEOUT, "exec: '" + argv.get(0) + "' did not finish within " + limit.toMillis()
                        + " ms and was killed", true, null, details);
            }
            ObjectNode progress = ToolJson.object();
            progress.put("running_ms", elapsed.toMillis());
            context.heartbeat(progress);
        }
    }

    /** The end of the output so far: what a failure's details have room for. */
    private static String tail(String text) {
        return text.length() <= DETAILS_OUTPUT_CHARS ? text : text.substring(text.length() - DETAILS_OUTPUT_CHARS);
    }

    /** A heartbeat interval, or less when the time limit comes sooner. */
    private static long nextWait(long start, Duration limit) {
        if (limit == null) {
            return BEAT_MILLIS;
        }
        long left = limit.toMillis() - (System.nanoTime() - start) / 1_000_000;
        return Math.max(1, Math.min(BEAT_MILLIS, left));
    }

    /**
     * A little before the attempt's start-to-close timeout, so the Timeout failure (with the
     * output so far) reaches the server before the server times the attempt out itself.
     */
    static Duration killAfter(Duration attemptTimeout) {
        Duration margin = attemptTimeout.dividedBy(10);
        if (margin.compareTo(Duration.ofSeconds(2)) > 0) {
            margin = Duration.ofSeconds(2);
        }
        return attemptTimeout.minus(margin);
    }

    private static List<String> argv(Arguments args) throws ToolFailure {
        JsonNode list = args.list("argv");
        if (list == null || list.isEmpty()) {
            throw args.invalid("needs 'argv', a non-empty list: the program and its arguments");
        }
        List<String> argv = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isTextual() && !item.isNumber() && !item.isBoolean()) {
                throw args.invalid("every argv element must be a string");
            }
            argv.add(item.asText());
        }
        if (argv.get(0).isEmpty()) {
            throw args.invalid("argv[0], the program, is empty");
        }
        return argv;
    }

    private Map<String, String> environment(Arguments args, ToolContext context) throws ToolFailure {
        Set<String> allowed = new LinkedHashSet<>();
        for (String name : context.config(ToolConfigKeys.EXEC_ENV_ALLOW).orElse("").split(",")) {
            if (!name.isBlank()) {
                allowed.add(name.trim());
            }
        }
        Map<String, String> env = new java.util.LinkedHashMap<>();
        String path = workerEnvironment.get("PATH");
        if (path != null) {
            env.put("PATH", path);
        }
        for (String name : allowed) {
            String value = workerEnvironment.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        for (Map.Entry<String, String> e : args.stringMap("env").entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw ToolFailure.nonRetryable(EXEC_ERROR, "exec: environment variable '" + e.getKey()
                        + "' is not allowed on this worker (allowed: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed))
                        + "; see " + ToolConfigKeys.EXEC_ENV_ALLOW + ")");
            }
            env.put(e.getKey(), e.getValue());
        }
        return env;
    }

    /** Writes stdin on its own thread (a program may not read it all before writing output). */
    private static void feed(Process process, String stdin) {
        OutputStream in = process.getOutputStream();
        if (stdin == null) {
            closeQuietly(in);
            return;
        }
        Thread writer = new Thread(() -> {
            try (in) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException programStoppedReading) {
                // the program exited or closed its stdin: nothing to do
            }
        }, "exec-stdin");
        writer.setDaemon(true);
        writer.start();
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing was written
        }
    }
}
