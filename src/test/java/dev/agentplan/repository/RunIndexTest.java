package dev.agentplan.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunIndexTest {

    private static final String SHA = Sha256.of("plan");

    @TempDir
    Path root;

    RunIndex index;

    @BeforeEach
    void open() {
        index = new RunIndex(root, new SteppingClock());
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
        assertThrows(RepositoryException.class, () -> index.list(null, null));

        Files.writeString(file, original.substring(0, 40));
        assertTrue(assertThrows(RepositoryException.class, () -> index.get("a-1")).getMessage()
                .startsWith(file + " is not valid JSON"));

        Files.writeString(file, Files.readString(root.resolve("runs/a-2.json")));
        assertTrue(assertThrows(RepositoryException.class, () -> index.get("a-1")).getMessage()
                .startsWith(file + " records run a-2, not a-1"));
        assertEquals(1, index.verify().size());

        Files.writeString(root.resolve("runs/notes.txt"), "x");
        assertTrue(index.verify().get(0).startsWith("unexpected entry " + root.resolve("runs/notes.txt")));
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
