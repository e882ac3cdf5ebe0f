package dev.agentplan.durability;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recorded histories: {@code src/test/resources/dev/agentplan/durability/histories/*.json} (Java
 * test server) and {@code histories/dev/*.json} (the real server).
 */
final class HistoryFiles {

    static final String RESOURCE_DIR = "/dev/agentplan/durability/histories";

    /** Where the recorder writes, relative to the project directory. */
    static final String SOURCE_DIR = "src/test/resources" + RESOURCE_DIR;

    private HistoryFiles() {
    }

    /** The histories recorded on the real Temporal server (the CLI's dev server), in this subfolder. */
    static final String DEV_DIR = "dev";

    /**
     * The file names of every recorded history on the test class path, sorted: those recorded on
     * the Java test server ({@code name.json}), then those recorded on the dev server
     * ({@code dev/name.json}).
     */
    static List<String> names() {
        List<String> all = new java.util.ArrayList<>(in(RESOURCE_DIR, ""));
        all.addAll(devNames());
        return List.copyOf(all);
    }

    /** The histories recorded on the dev server, as {@code dev/name.json}. */
    static List<String> devNames() {
        return in(RESOURCE_DIR + "/" + DEV_DIR, DEV_DIR + "/");
    }

    private static List<String> in(String resourceDir, String prefix) {
        URL dir = HistoryFiles.class.getResource(resourceDir);
        if (dir == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json")).sorted().map(n -> prefix + n).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replays every recorded history once and ignores the outcome. It loads and initialises the
     * SDK's and the interpreter's classes, so that the replays the tests judge do not trip the SDK's
     * 1 s deadlock detector while a JVM on a busy machine is still cold.
     */
    static void warmUp(Worker worker) {
        for (String name : names()) {
            try {
                WorkflowReplayer.replayWorkflowExecution(load(name), worker);
            } catch (Exception ignored) {
                // judged by the tests themselves
            }
        }
    }

    static WorkflowExecutionHistory load(String name) {
        return WorkflowExecutionHistory.fromJson(text(name));
    }

    static String text(String name) {
        return DurabilityPlans.read(RESOURCE_DIR + "/" + name);
    }

    /**
     * The scenario a history file belongs to: {@code name.json}, {@code name.segment2.json},
     * {@code name.child.json}, and the same under {@code dev/}.
     */
    static String scenarioOf(String file) {
        String base = file.substring(file.lastIndexOf('/') + 1);
        return base.substring(0, base.indexOf('.'));
    }
}
