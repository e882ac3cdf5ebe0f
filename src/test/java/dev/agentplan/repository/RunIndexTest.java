package dev.agentplan.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunIndexTest {

    private static final String SHA = Sha256.of("plan");

    @TempDir
    Path root;

    RunIndex index;
    final List<String> notes = new ArrayList<>();

    @BeforeEach
    void open() {
        index = new RunIndex(root, new SteppingClock(), notes::add);
    }

    private static RunRecord run(String id, String agent, String status, int startMinute) {
        Instant started = Instant.parse("2025-03-01T10:00:00Z").plusSeconds(60L * startMinute);
        return new RunRecord(id, agent, 1, SHA, "agentplan", "embedded", started, status, started);
    }

    @Test
    void recordsAndReadsBackARun() {
        RunRecord run = run("triage-1", "triage", "running", 0);
        index.record(run);
        assertEquals(run, index.get("triage-1").orElseThrow());
        assertTrue(Files.isRegularFile(root.resolve("runs/triage-1.json")));
        assertTrue(index.get("other").isEmpty());
    }

    @Test
    void updatesStatusAndTime() {
        index.record(run("triage-1", "triage", "running", 0));
        RunRecord updated = index.updateStatus("triage-1", "completed");
        assertEquals("completed", updated.status());
        assertEquals(SteppingClock.START, updated.updatedAt());
        assertEquals(updated, index.get("triage-1").orElseThrow());
        assertEquals(Instant.parse("2025-03-01T10:00:00Z"), updated.startedAt(), "start time is kept");
    }

    @Test
    void updatingAnUnknownRunIsAClearError() {
        RepositoryException e = assertThrows(RepositoryException.class, () -> index.updateStatus("nope", "failed"));
        assertEquals("no run nope in the run index " + root.resolve("runs")
                + "; it was not started through agentplan here", e.getMessage());
    }

    @Test
    void listsNewestFirstFilteredByAgentAndStatus() {
        index.record(run("a-1", "alpha", "running", 0));
        index.record(run("a-2", "alpha", "completed", 5));
        index.record(run("b-1", "beta", "running", 3));

        assertEquals(List.of("a-2", "b-1", "a-1"), ids(index.list(null, null)));
        assertEquals(List.of("a-2", "a-1"), ids(index.list("alpha", null)));
        assertEquals(List.of("b-1", "a-1"), ids(index.list(null, "RUNNING")));
        assertEquals(List.of("a-1"), ids(index.list("alpha", "running")));
        assertEquals(List.of(), ids(index.list("gamma", null)));
    }

    private static List<String> ids(List<RunRecord> runs) {
        return runs.stream().map(RunRecord::runId).toList();
    }

    @Test
    void refusesBadRecords() {
        assertThrows(RepositoryException.class, () -> index.record(run("../x", "alpha", "running", 0)));
        assertThrows(RepositoryException.class, () -> index.record(run("x", "bad name", "running", 0)));
        assertThrows(RepositoryException.class, () -> index.record(run("x", "alpha", " ", 0)));
        assertThrows(RepositoryException.class, () -> index.record(new RunRecord("x", "alpha", 1, "nothex",
                "q", "embedded", Instant.EPOCH, "running", Instant.EPOCH)));
        assertFalse(Files.exists(root.resolve("runs/x.json")));
    }

    @Test
    void detectsEditedTruncatedAndRenamedRunFiles() throws Exception {
        index.record(run("a-1", "alpha", "running", 0));
        index.record(run("a-2", "alpha", "running", 1));
        Path file = root.resolve("runs/a-1.json");
        String original = Files.readString(file);

        Files.writeString(file, original.replace("\"running\"", "\"completed\""));
        String edited = assertThrows(RepositoryException.class, () -> index.get("a-1")).getMessage();
        assertEquals(file + " does not match its checksum (edited by hand or damaged); delete it to drop the run "
                + "from the index (the workflow itself is not affected)", edited);
        assertEquals(List.of("a-2"), ids(index.list(null, null)), "a damaged file hides no other run");
        assertEquals(List.of("left out of the list: " + edited), notes);

        Files.writeString(file, original.substring(0, 40));
        assertTrue(assertThrows(RepositoryException.class, () -> index.get("a-1")).getMessage()
                .startsWith(file + " is not valid JSON"));

        Files.writeString(file, Files.readString(root.resolve("runs/a-2.json")));
        assertTrue(assertThrows(RepositoryException.class, () -> index.get("a-1")).getMessage()
                .startsWith(file + " records run a-2, not a-1"));
        assertEquals(1, index.verify().size());

        Files.writeString(root.resolve("runs/notes.txt"), "x");
        RunIndex.Check check = index.check();
        assertEquals(1, check.problems().size());
        assertEquals(List.of("ignoring " + root.resolve("runs/notes.txt") + ": the run index holds only <run id>.json "
                + "files; move it elsewhere"), check.warnings());
    }

    @Test
    void aDeletedRunFileIsReportedAndTheRestIsListed() throws Exception {
        index.record(run("a-1", "alpha", "running", 0));
        index.record(run("a-2", "alpha", "running", 1));
        index.record(run("a-3", "alpha", "completed", 2));
        Path file = root.resolve("runs/a-2.json");
        Files.delete(file);
        assertEquals(List.of("a-3", "a-1"), ids(index.list(null, null)));
        String expected = file + " is missing (deleted by hand?): " + root.resolve("runs.head.json") + " lists run a-2, "
                + "so the index has lost it; the workflow itself is not affected (look it up with 'agentplan status a-2'); "
                + "restore the file from a backup, or delete " + root.resolve("runs.head.json")
                + " to forget the run (the next run rebuilds it)";
        assertEquals(List.of("left out of the list: " + expected), notes);
        assertEquals(List.of(expected), index.verify());
        assertEquals(file, index.check().problems().get(0).file());
    }

    @Test
    void aDeletedRunDirectoryIsReported() throws Exception {
        index.record(run("a-1", "alpha", "running", 0));
        index.record(run("a-2", "alpha", "running", 1));
        AtomicFiles.deleteTree(root.resolve("runs"));
        assertEquals(List.of(), index.list(null, null));
        assertEquals(2, notes.size(), notes.toString());
        assertEquals(2, index.verify().size());
    }

    @Test
    void aDeletedHeadIsReportedAndRebuiltByTheNextRun() throws Exception {
        index.record(run("a-1", "alpha", "running", 0));
        Files.delete(root.resolve("runs.head.json"));
        assertEquals(List.of("a-1"), ids(index.list(null, null)));
        assertTrue(index.verify().get(0).startsWith(root.resolve("runs.head.json") + " is missing (deleted by hand?)"));
        index.record(run("a-2", "alpha", "running", 1));
        assertEquals(List.of(), index.verify());
        Files.delete(root.resolve("runs/a-1.json"));
        assertEquals(1, index.verify().size(), "the rebuilt head anchors the older run too");
    }

    @Test
    void aLegacyIndexKeepsWorkingAndIsAnchoredOnTheNextWrite() throws Exception {
        index.record(run("a-1", "alpha", "running", 0));
        index.record(run("a-2", "alpha", "running", 1));
        for (String id : List.of("a-1", "a-2")) { // rewrite as an older agentplan did: no "v", no head
            Path file = root.resolve("runs/" + id + ".json");
            com.fasterxml.jackson.databind.node.ObjectNode node = SealedJson.open(Files.readAllBytes(file), id, "");
            node.remove(List.of("v", "firstRunId", "keySeed", "inputsSha256"));
            Files.write(file, SealedJson.seal(node));
        }
        Files.delete(root.resolve("runs.head.json"));
        assertEquals(List.of("a-2", "a-1"), ids(index.list(null, null)));
        RunIndex.Check check = index.check();
        assertEquals(List.of(), check.problems());
        assertTrue(check.warnings().get(0).contains("was written by an older agentplan"), check.toString());

        notes.clear();
        index.record(run("a-3", "alpha", "running", 2));
        assertEquals(List.of("anchored the run index " + root.resolve("runs") + ": " + root.resolve("runs.head.json")
                + " now lists its runs, so a deleted run file is detected from now on"), notes);
        Files.delete(root.resolve("runs/a-1.json"));
        assertEquals(1, index.verify().size());
    }

    @Test
    void aDamagedHeadIsReportedAndRebuiltByTheNextRunWithANote() throws Exception {
        index.record(run("a-1", "alpha", "running", 0));
        Path head = root.resolve("runs.head.json");
        Files.writeString(head, "{");
        assertEquals(List.of("a-1"), ids(index.list(null, null)), "the runs are still listed");
        assertTrue(index.verify().get(0).startsWith(head + " is not valid JSON"), index.verify().toString());
        notes.clear();
        index.record(run("a-2", "alpha", "running", 1));
        assertTrue(notes.get(0).startsWith("rebuilding " + head + " from the run files present: "), notes.toString());
        assertEquals(List.of(), index.verify());
        assertTrue(index.listed("a-1") && index.listed("a-2") && !index.listed("a-3"));
    }

    @Test
    void keepsTheStartDetailsOfARun() {
        RunRecord run = new RunRecord("a-1", "alpha", 1, SHA, "q", "127.0.0.1:7233", Instant.EPOCH, "running",
                Instant.EPOCH, "first-run", "seed", Sha256.of("{}"));
        index.record(run);
        assertEquals(run, index.get("a-1").orElseThrow());
        assertEquals(run.withStatus("lost", SteppingClock.START), index.updateStatus("a-1", "lost"));
        assertEquals("seed", index.get("a-1").orElseThrow().keySeed());
    }

    @Test
    void repositoryVerifyIncludesTheRunIndex() throws Exception {
        FileDefinitionRepository repo = new FileDefinitionRepository(root);
        repo.runIndex().record(run("a-1", "alpha", "running", 0));
        assertEquals(List.of(), repo.verify());
        Files.writeString(root.resolve("runs/a-1.json"), "{}");
        assertEquals(1, repo.verify().size());
    }
}
