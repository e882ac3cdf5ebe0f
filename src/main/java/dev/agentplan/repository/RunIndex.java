package dev.agentplan.repository;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.Sha256;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The run index, {@code <root>/runs/<runId>.json}: one sealed file per run started through
 * agentplan, because the embedded Temporal test server cannot list workflows. Status is the last
 * one seen; the workflow itself stays the truth. Writes are atomic and taken under the
 * repository lock, so concurrent status updates never tear a file.
 *
 * <p>{@link RunIndexHead} lists every id recorded, so a deleted run file is reported rather than
 * silently forgotten. A damaged or missing file never hides the others: listings skip it with a
 * note, and {@link #check} reports it with its file and a remedy.
 */
public final class RunIndex {

    private static final String RUNS = "runs";
    private static final String SUFFIX = ".json";
    /** Run files written by an agentplan that keeps the head carry {@code "v": 2}. */
    private static final int ANCHORED = 2;

    private final Path root;
    private final Path dir;
    private final Path headFile;
    private final Clock clock;
    private final Consumer<String> notes;

    public RunIndex(Path repositoryRoot, Clock clock) {
        this(repositoryRoot, clock, note -> { });
    }

    /** @param notes where listings report the files they skip (one line each) */
    public RunIndex(Path repositoryRoot, Clock clock, Consumer<String> notes) {
        this.root = repositoryRoot.toAbsolutePath().normalize();
        this.dir = root.resolve(RUNS);
        this.headFile = root.resolve(RunIndexHead.FILE);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.notes = Objects.requireNonNull(notes, "notes");
    }

    public RunIndex(Path repositoryRoot) {
        this(repositoryRoot, Clock.systemUTC());
    }

    /** What {@link #check} found: damage (with files and remedies) and things merely ignored. */
    public record Check(List<RepositoryProblem> problems, List<String> warnings) {
    }

    /** Records a run (replacing an earlier record of the same id, so a retried start is harmless). */
    public RunRecord record(RunRecord run) {
        check(run);
        try (RepositoryLock ignored = RepositoryLock.acquire(root.resolve(FileDefinitionRepository.LOCK_FILE))) {
            AtomicFiles.sweepTemps(dir);
            write(run);
            anchor(run.runId());
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
            anchor(runId);
            return updated;
        } catch (IOException e) {
            throw IoProblems.of("cannot update run " + runId + " in " + dir, e);
        }
    }

    /**
     * Adds the id to the head. A missing or damaged head is rebuilt from the files present (with
     * a note): recording a run that has started must not fail because of an old problem.
     */
    private void anchor(String runId) throws IOException {
        RunIndexHead head;
        try {
            head = RunIndexHead.read(headFile);
        } catch (RepositoryException e) {
            notes.accept("rebuilding " + headFile + " from the run files present: " + e.getMessage());
            head = null;
        }
        if (head != null && head.runIds().contains(runId)) {
            return;
        }
        List<String> ids = head != null ? new ArrayList<>(head.runIds()) : rebuiltOrder(runId);
        if (!ids.contains(runId)) {
            ids.add(runId);
        }
        new RunIndexHead(ids).write(headFile);
    }

    /** Run ids of the files present, oldest first (unreadable ones last); notes a migration. */
    private List<String> rebuiltOrder(String recording) {
        Map<String, Instant> started = new LinkedHashMap<>();
        for (String id : runIds(note -> { })) {
            Instant at;
            try {
                at = get(id).map(RunRecord::startedAt).orElse(Instant.MAX);
            } catch (RepositoryException e) {
                at = Instant.MAX;
            }
            started.put(id, at);
        }
        if (started.keySet().stream().anyMatch(id -> !id.equals(recording))) {
            notes.accept("anchored the run index " + dir + ": " + headFile + " now lists its runs, so a deleted "
                    + "run file is detected from now on");
        }
        List<String> ids = new ArrayList<>(started.keySet());
        ids.sort(Comparator.comparing((String id) -> started.get(id)).thenComparing(Comparator.naturalOrder()));
        return ids;
    }

    /**
     * True when {@link RunIndexHead} lists the id: the index recorded a run with it, even if its
     * file is gone since. A damaged head answers true for safety (the id may be taken).
     */
    public boolean listed(String runId) {
        Names.checkRunId(runId);
        try {
            RunIndexHead head = RunIndexHead.read(headFile);
            return head != null && head.runIds().contains(runId);
        } catch (RepositoryException e) {
            return true;
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
        return Optional.of(parse(file, runId, bytes).run());
    }

    /**
     * Runs, newest first, optionally only of one agent and/or with one status (case-insensitive).
     * Damaged and missing run files are left out, each reported to the notes.
     */
    public List<RunRecord> list(String agentName, String status) {
        Scan scan = scan();
        scan.problems().forEach(p -> notes.accept("left out of the list: " + p.message()));
        scan.warnings().forEach(notes);
        List<RunRecord> out = new ArrayList<>();
        for (RunRecord run : scan.runs()) {
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

    /** One line per damaged or missing file in the index. */
    public List<String> verify() {
        return check().problems().stream().map(RepositoryProblem::message).toList();
    }

    /** Every damaged or missing run file and head problem, with files and remedies. */
    public Check check() {
        Scan scan = scan();
        return new Check(scan.problems(), scan.warnings());
    }

    private record Scan(List<RunRecord> runs, List<RepositoryProblem> problems, List<String> warnings) {
    }

    private Scan scan() {
        List<String> warnings = new ArrayList<>();
        List<RepositoryProblem> problems = new ArrayList<>();
        List<RunRecord> runs = new ArrayList<>();
        RunIndexHead head = null;
        boolean headDamaged = false;
        try {
            head = RunIndexHead.read(headFile);
        } catch (RepositoryException e) {
            problems.add(new RepositoryProblem("run index", headFile, e.getMessage()));
            headDamaged = true;
        }
        List<String> ids = runIds(warnings::add);
        boolean anyAnchored = false;
        for (String id : ids) {
            Path file = dir.resolve(id + SUFFIX);
            try {
                Parsed parsed = parse(file, id, Files.readAllBytes(file));
                runs.add(parsed.run());
                anyAnchored |= parsed.anchored();
            } catch (NoSuchFileException removedWhileListing) {
                // deleted between listing and reading: the head check below reports it if it matters
            } catch (IOException e) {
                problems.add(new RepositoryProblem("run index", file, IoProblems.of("cannot read " + file, e).getMessage()));
            } catch (RepositoryException e) {
                problems.add(new RepositoryProblem("run index", file, e.getMessage()));
            }
        }
        if (head != null) {
            for (String id : head.runIds()) {
                Path file = dir.resolve(id + SUFFIX);
                if (!Files.exists(file)) {
                    problems.add(new RepositoryProblem("run index", file, file + " is missing (deleted by hand?): "
                            + headFile + " lists run " + id + ", so the index has lost it; the workflow itself is not "
                            + "affected (look it up with 'agentplan status " + id + "'); restore the file from a backup, "
                            + "or delete " + headFile + " to forget the run (the next run rebuilds it)"));
                }
            }
        } else if (!headDamaged && anyAnchored) {
            problems.add(new RepositoryProblem("run index", headFile, headFile + " is missing (deleted by hand?), so "
                    + "deleted run files would go unnoticed; restore it from a backup, or let the next run rebuild it "
                    + "from the run files present"));
        } else if (!headDamaged && !ids.isEmpty()) {
            warnings.add("the run index " + dir + " was written by an older agentplan and has no " + headFile
                    + " yet; the next run anchors it (until then a deleted run file would go unnoticed)");
        }
        return new Scan(runs, List.copyOf(problems), List.copyOf(warnings));
    }

    private List<String> runIds(Consumer<String> strays) {
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
                if (!Names.isRunId(id)) {
                    strays.accept("ignoring " + entry + ": the run index holds only <run id>.json files; "
                            + "move it elsewhere");
                    continue;
                }
                ids.add(id);
            }
        } catch (IOException e) {
            throw IoProblems.of("cannot list " + dir, e);
        }
        ids.sort(null);
        return ids;
    }

    private void write(RunRecord run) throws IOException {
        ObjectNode node = SealedJson.MAPPER.createObjectNode();
        node.put("v", ANCHORED);
        node.put("runId", run.runId());
        node.put("agent", run.agent());
        node.put("version", run.version());
        node.put("sha256", run.sha256());
        node.put("taskQueue", run.taskQueue());
        node.put("address", run.address());
        node.put("startedAt", run.startedAt().toString());
        node.put("status", run.status());
        node.put("updatedAt", run.updatedAt().toString());
        node.put("firstRunId", run.firstRunId());
        node.put("keySeed", run.keySeed());
        node.put("inputsSha256", run.inputsSha256());
        AtomicFiles.write(dir.resolve(run.runId() + SUFFIX), SealedJson.seal(node));
    }

    private record Parsed(RunRecord run, boolean anchored) {
    }

    private static Parsed parse(Path file, String runId, byte[] bytes) {
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
                SealedJson.instant(node, "updatedAt", what),
                SealedJson.text(node, "firstRunId", what, true),
                SealedJson.text(node, "keySeed", what, true),
                SealedJson.text(node, "inputsSha256", what, true));
        if (!run.runId().equals(runId)) {
            throw new RepositoryException(what + " records run " + run.runId() + ", not " + runId
                    + " (renamed by hand?); " + remedy);
        }
        com.fasterxml.jackson.databind.JsonNode v = node.get("v");
        return new Parsed(run, v != null && v.isIntegralNumber() && v.asInt() >= ANCHORED);
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
