package dev.agentplan.repository;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The run index, {@code <root>/runs/<runId>.json}: one sealed file per run started through
 * agentplan, because the embedded Temporal test server cannot list workflows. Status is the last
 * one seen; the workflow itself stays the truth. Writes are atomic and taken under the
 * repository lock, so concurrent status updates never tear a file.
 */
public final class RunIndex {

    private static final String RUNS = "runs";
    private static final String SUFFIX = ".json";

    private final Path root;
    private final Path dir;
    private final Clock clock;

    public RunIndex(Path repositoryRoot, Clock clock) {
        this.root = repositoryRoot.toAbsolutePath().normalize();
        this.dir = root.resolve(RUNS);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public RunIndex(Path repositoryRoot) {
        this(repositoryRoot, Clock.systemUTC());
    }

    /** Records a run (replacing an earlier record of the same id, so a retried start is harmless). */
    public RunRecord record(RunRecord run) {
        check(run);
        try (RepositoryLock ignored = RepositoryLock.acquire(root.resolve(FileDefinitionRepository.LOCK_FILE))) {
            AtomicFiles.sweepTemps(dir);
            write(run);
            return run;
        } catch (IOException e) {
            throw IoProblems.of("cannot record run " + run.runId() + " in " + dir, e);
        }
    }

    /** Sets the last known status (and the update time) of a recorded run. */
    public RunRecord updateStatus(String runId, String status) {
        Names.checkRunId(runId);
        checkStatus(status);
        try (RepositoryLock ignored = RepositoryLock.acquire(root.resolve(FileDefinitionRepository.LOCK_FILE))) {
            RunRecord current = get(runId).orElseThrow(() -> new RepositoryException(
                    "no run " + runId + " in the run index " + dir + "; it was not started through agentplan here"));
            RunRecord updated = current.withStatus(status, VersionStore.now(clock));
            write(updated);
            return updated;
        } catch (IOException e) {
            throw IoProblems.of("cannot update run " + runId + " in " + dir, e);
        }
    }

    public Optional<RunRecord> get(String runId) {
        Names.checkRunId(runId);
        Path file = dir.resolve(runId + SUFFIX);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw IoProblems.of("cannot read " + file, e);
        }
        return Optional.of(parse(file, runId, bytes));
    }

    /** Runs, newest first, optionally only of one agent and/or with one status (case-insensitive). */
    public List<RunRecord> list(String agentName, String status) {
        List<RunRecord> out = new ArrayList<>();
        for (String runId : runIds()) {
            RunRecord run = get(runId).orElse(null);
            if (run == null) {
                continue; // removed while listing
            }
            if (agentName != null && !agentName.equals(run.agent())) {
                continue;
            }
            if (status != null && !status.equalsIgnoreCase(run.status())) {
                continue;
            }
            out.add(run);
        }
        out.sort(Comparator.comparing(RunRecord::startedAt).reversed().thenComparing(RunRecord::runId));
        return out;
    }

    /** One line per damaged or stray file in the index. */
    public List<String> verify() {
        List<String> problems = new ArrayList<>();
        List<String> ids;
        try {
            ids = runIds();
        } catch (RepositoryException e) {
            problems.add(e.getMessage());
            return problems;
        }
        for (String id : ids) {
            try {
                get(id);
            } catch (RepositoryException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    private List<String> runIds() {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                String id = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : "";
                try {
                    Names.checkRunId(id);
                } catch (RepositoryException e) {
                    throw new RepositoryException("unexpected entry " + entry + ": the run index holds only "
                            + "<run id>.json files; move it elsewhere");
                }
                ids.add(id);
            }
        } catch (IOException e) {
            throw IoProblems.of("cannot list " + dir, e);
        }
        return ids;
    }

    private void write(RunRecord run) throws IOException {
        ObjectNode node = SealedJson.MAPPER.createObjectNode();
        node.put("runId", run.runId());
        node.put("agent", run.agent());
        node.put("version", run.version());
        node.put("sha256", run.sha256());
        node.put("taskQueue", run.taskQueue());
        node.put("address", run.address());
        node.put("startedAt", run.startedAt().toString());
        node.put("status", run.status());
        node.put("updatedAt", run.updatedAt().toString());
        AtomicFiles.write(dir.resolve(run.runId() + SUFFIX), SealedJson.seal(node));
    }

    private static RunRecord parse(Path file, String runId, byte[] bytes) {
        String what = file.toString();
        String remedy = "delete it to drop the run from the index (the workflow itself is not affected)";
        ObjectNode node = SealedJson.open(bytes, what, remedy);
        RunRecord run = new RunRecord(
                SealedJson.text(node, "runId", what, false),
                SealedJson.text(node, "agent", what, false),
                SealedJson.integer(node, "version", what),
                SealedJson.text(node, "sha256", what, false),
                SealedJson.text(node, "taskQueue", what, false),
                SealedJson.text(node, "address", what, false),
                SealedJson.instant(node, "startedAt", what),
                SealedJson.text(node, "status", what, false),
                SealedJson.instant(node, "updatedAt", what));
        if (!run.runId().equals(runId)) {
            throw new RepositoryException(what + " records run " + run.runId() + ", not " + runId
                    + " (renamed by hand?); " + remedy);
        }
        return run;
    }

    private static void check(RunRecord run) {
        if (run == null) {
            throw new RepositoryException("no run to record");
        }
        Names.checkRunId(run.runId());
        Names.checkAgentName(run.agent());
        if (run.version() < 0) { // 0: a plan run from a file, never deployed
            throw new RepositoryException("run " + run.runId() + ": versions are numbered from 1 (0 for a plan run "
                    + "from a file), not " + run.version());
        }
        if (!Sha256.isDigest(run.sha256())) {
            throw new RepositoryException("run " + run.runId() + ": sha256 must be 64 lower-case hex digits");
        }
        if (run.taskQueue() == null || run.taskQueue().isBlank() || run.address() == null || run.address().isBlank()) {
            throw new RepositoryException("run " + run.runId() + ": task queue and address are required");
        }
        if (run.startedAt() == null || run.updatedAt() == null) {
            throw new RepositoryException("run " + run.runId() + ": start and update times are required");
        }
        checkStatus(run.status());
    }

    private static void checkStatus(String status) {
        if (status == null || status.isBlank() || !status.equals(status.strip()) || status.contains("\n")) {
            throw new RepositoryException("invalid run status '" + status + "': use one word such as running");
        }
    }
}
