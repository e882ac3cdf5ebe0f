package dev.agentplan.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of damage is detected on read and reported in one line naming the file and a remedy. */
class RepositoryIntegrityTest {

    @TempDir
    Path root;

    FileDefinitionRepository repo;
    Path v1;
    final List<String> notes = new ArrayList<>();

    @BeforeEach
    void deployTwo() {
        repo = new FileDefinitionRepository(root, new SteppingClock(), "tester").withNotes(notes::add);
        repo.deploy(Plans.request("triage", "one"));
        repo.deploy(Plans.request("triage", "two"));
        repo.tag("triage", 1, "prod");
        repo.tag("triage", 2, "prod");
        v1 = root.resolve("agents/triage/versions/1");
    }

    private static String failure(Executable read) {
        String message = assertThrows(RepositoryException.class, read).getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        return message;
    }

    /**
     * Reads the damaged version every way a user can and checks the same clear message comes back,
     * while the rest of the agent stays readable: listings skip it (with a note), deploys go on.
     */
    private void assertVersionOneRefused(String fileName, String problem) {
        assertVersionOneRefusedWith(v1.resolve(fileName) + problem);
    }

    private void assertVersionOneRefusedWith(String expectedStart) {
        for (Executable read : List.<Executable>of(() -> repo.get("triage", 1), () -> repo.resolve("triage@1"))) {
            String message = failure(read);
            assertTrue(message.startsWith(expectedStart), message);
            assertTrue(message.endsWith("restore it from a backup, or delete " + v1 + " to drop version 1"), message);
        }
        assertEquals(2, repo.resolve("triage@2").version().version(), "other versions stay readable");
        assertEquals(2, repo.resolve("triage@prod").version().version(), "tags still resolve");
        assertEquals(List.of(2), repo.versions("triage").stream().map(DeployedVersion::version).toList());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("skipping damaged version 1: " + expectedStart)), notes.toString());
        assertEquals(List.of("triage"), repo.agents());
        List<String> problems = repo.verify();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(expectedStart), problems.get(0));
        RepositoryProblem problem = repo.check().problems().get(0);
        assertEquals("version", problem.kind());
        assertEquals(v1, problem.file());

        DeployedVersion three = repo.deploy(Plans.request("triage", "three"));
        assertEquals(3, three.version(), "a deploy goes on past the damaged version");
        assertEquals(3, repo.resolve("triage").version().version());
    }

    @Test
    void changedDefinitionJson() throws Exception {
        Path file = v1.resolve("definition.json");
        Files.writeString(file, Files.readString(file).replace("one", "ONE"));
        assertVersionOneRefused("definition.json",
                " does not match its sha256 in version.json (edited by hand, truncated or damaged)");
    }

    @Test
    void truncatedDefinitionJson() throws Exception {
        Path file = v1.resolve("definition.json");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertVersionOneRefused("definition.json", " does not match its sha256");
    }

    @Test
    void changedSourceText() throws Exception {
        Files.writeString(v1.resolve("source.txt"), "agent triage\n# edited\n");
        assertVersionOneRefused("source.txt", " does not match its sha256");
    }

    @Test
    void editedMetadataAuthor() throws Exception {
        Path file = v1.resolve("version.json");
        String meta = Files.readString(file);
        Files.writeString(file, meta.replace("\"tester\"", "\"mallory\""));
        assertVersionOneRefused("version.json", " does not match its checksum (edited by hand or damaged)");
    }

    @Test
    void editedMetadataShaToMatchAnEditedDefinition() throws Exception {
        Path definition = v1.resolve("definition.json");
        String oldSha = Sha256.of(Files.readAllBytes(definition));
        String edited = Files.readString(definition).replace("one", "ONE");
        Files.writeString(definition, edited);
        Path meta = v1.resolve("version.json");
        Files.writeString(meta, Files.readString(meta).replace(oldSha, Sha256.of(edited)));
        assertVersionOneRefused("version.json", " does not match its checksum");
    }

    @Test
    void whiteSpaceOnlyEditsOfMetadataAreHarmless() throws Exception {
        Path file = v1.resolve("version.json");
        Files.writeString(file, Files.readString(file).replace("\n", "\n\n  "));
        assertEquals(1, repo.get("triage", 1).version().version());
    }

    @Test
    void truncatedMetadata() throws Exception {
        Path file = v1.resolve("version.json");
        String meta = Files.readString(file);
        Files.writeString(file, meta.substring(0, meta.length() / 2));
        assertVersionOneRefused("version.json", " is not valid JSON (truncated or edited by hand)");
    }

    @Test
    void metadataCopiedFromAnotherVersion() throws Exception {
        Files.copy(root.resolve("agents/triage/versions/2/version.json"), v1.resolve("version.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertVersionOneRefused("version.json", " describes triage@2, not triage@1");
    }

    @Test
    void missingDefinition() throws Exception {
        Files.delete(v1.resolve("definition.json"));
        String message = failure(() -> repo.get("triage", 1));
        assertEquals("missing file " + v1.resolve("definition.json") + " (deleted by hand?); restore it from a backup, "
                + "or delete " + v1 + " to drop version 1", message);
    }

    @Test
    void missingSource() throws Exception {
        Files.delete(v1.resolve("source.txt"));
        assertVersionOneRefusedWith("missing file " + v1.resolve("source.txt") + " (deleted by hand?)");
    }

    @Test
    void missingMetadata() throws Exception {
        Files.delete(v1.resolve("version.json"));
        assertVersionOneRefusedWith("missing file " + v1.resolve("version.json") + " (deleted by hand?)");
    }

    @Test
    void unknownFileInAVersionIsIgnoredWithANote() throws Exception {
        Files.writeString(v1.resolve("notes.txt"), "hi");
        assertEquals(1, repo.get("triage", 1).version().version(), "the three verified files are intact");
        assertEquals(List.of("ignoring " + v1.resolve("notes.txt") + ": a version directory holds only "
                + "definition.json, source.txt, version.json and versions are immutable; move it elsewhere"), notes);
        RepositoryReport report = repo.check();
        assertTrue(report.clean(), report.toString());
        assertEquals(notes, report.warnings());
    }

    @Test
    void unknownEntriesInVersionsAgentAndAgentsDirectoriesAreIgnoredWithANote() throws Exception {
        Path stray = Files.writeString(root.resolve("agents/triage/versions/latest.json"), "{}");
        Path strayDir = Files.createDirectory(root.resolve("agents/triage/versions/old"));
        Path strayInAgent = Files.writeString(root.resolve("agents/triage/notes.md"), "x");
        Path strayInAgents = Files.writeString(root.resolve("agents/README"), "x");

        assertEquals(List.of(1, 2), repo.versions("triage").stream().map(DeployedVersion::version).toList());
        assertEquals(2, repo.resolve("triage").version().version());
        assertEquals(2, repo.resolve("triage@prod").version().version());
        assertEquals(List.of("triage"), repo.agents());
        assertEquals(3, repo.deploy(Plans.request("triage", "three")).version());
        for (Path p : List.of(stray, strayDir, strayInAgent, strayInAgents)) {
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("ignoring " + p + ": ")), p + " in " + notes);
        }
        RepositoryReport report = repo.check();
        assertTrue(report.clean(), report.toString());
        assertEquals(4, report.warnings().size(), report.warnings().toString());
    }

    @Test
    void aNumberedFileInVersionsIsADamagedVersionWhoseNumberIsNeverReused() throws Exception {
        Files.writeString(root.resolve("agents/triage/versions/3"), "x");
        assertEquals(List.of(1, 2), repo.versions("triage").stream().map(DeployedVersion::version).toList());
        assertTrue(failure(() -> repo.get("triage", 3)).startsWith(root.resolve("agents/triage/versions/3")
                + " is a file, not a version directory"));
        assertEquals(4, repo.deploy(Plans.request("triage", "four")).version());
        assertEquals(1, repo.verify().size(), repo.verify().toString());
    }

    @Test
    void aDamagedLatestVersionIsNeverReplacedByAnOlderOneAndItsNumberIsNotReused() throws Exception {
        Path v2 = root.resolve("agents/triage/versions/2");
        Files.writeString(v2.resolve("definition.json"), "{}");
        assertTrue(failure(() -> repo.resolve("triage")).startsWith(v2.resolve("definition.json").toString()),
                "'latest' names version 2; running version 1 instead would be a silent change");
        assertEquals(1, repo.resolve("triage@1").version().version());
        DeployedVersion three = repo.deploy(Plans.request("triage", "two"));
        assertEquals(3, three.version(), "the damaged version keeps its number, even for the same content");
        assertFalse(three.noOp());
    }

    @Test
    void editedTagHistory() throws Exception {
        Path tags = root.resolve("agents/triage/tags.jsonl");
        Files.writeString(tags, Files.readString(tags).replaceFirst("\"to\":1", "\"to\":2"));
        String message = failure(() -> repo.tags("triage"));
        assertTrue(message.startsWith(tags + " line 1 does not match its checksum"), message);
        assertTrue(message.endsWith("(tags can then be set again with the tag command)"), message);
        assertTrue(failure(() -> repo.resolve("triage@prod")).startsWith(tags.toString()));
        assertTrue(failure(() -> repo.tag("triage", 1, "prod")).startsWith(tags.toString()),
                "a damaged log is never extended");
        assertTrue(failure(() -> repo.acceptTags("triage")).startsWith(tags.toString()),
                "a log with an edited line is never accepted");
    }

    @Test
    void tagHistoryWithALineRemoved() throws Exception {
        Path tags = root.resolve("agents/triage/tags.jsonl");
        List<String> lines = Files.readAllLines(tags);
        Files.writeString(tags, lines.get(1) + "\n");
        assertTrue(failure(() -> repo.tagHistory("triage"))
                .startsWith(tags + " line 1 does not follow the line before it"));
    }

    @Test
    void tagHistoryWithItsLastLineRemovedIsDetected() throws Exception {
        repo.deploy(Plans.request("triage", "three"));
        repo.tag("triage", 3, "prod");
        Path tags = root.resolve("agents/triage/tags.jsonl");
        List<String> lines = Files.readAllLines(tags);
        Files.writeString(tags, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n");
        String message = failure(() -> repo.resolve("triage@prod"));
        assertEquals(tags + " holds 2 tag moves but " + root.resolve("agents/triage/tags.head.json") + " records 3 tag "
                + "moves: the end of the log was cut off (truncated, or its last lines removed), so tags would silently "
                + "point at older versions; restore " + tags + " from a backup, or accept the log as it is now with "
                + "'agentplan repo accept-tags triage'", message);
        assertTrue(failure(() -> repo.tag("triage", 1, "dev")).startsWith(tags.toString()), "never extended");
        assertEquals(3, repo.resolve("triage@3").version().version(), "versions stay readable");
        RepositoryProblem problem = repo.check().problems().get(0);
        assertEquals("tag log", problem.kind());
        assertEquals(tags, problem.file());
        assertEquals(message, problem.message());

        assertEquals(java.util.Map.of("prod", 2), repo.acceptTags("triage"), "accepted knowingly: prod is 2 again");
        assertTrue(repo.check().clean());
        repo.tag("triage", 3, "prod");
        assertEquals(3, repo.resolve("triage@prod").version().version());
    }

    @Test
    void deletedTagLogIsDetected() throws Exception {
        Path tags = root.resolve("agents/triage/tags.jsonl");
        Files.delete(tags);
        String message = failure(() -> repo.tags("triage"));
        assertTrue(message.startsWith(tags + " is missing (deleted by hand?) but "
                + root.resolve("agents/triage/tags.head.json") + " records 2 tag moves, so the agent's tags are lost; "
                + "restore " + tags + " from a backup"), message);
        assertTrue(failure(() -> repo.resolve("triage@prod")).startsWith(tags.toString()));
        assertEquals(List.of(message), repo.verify());

        // the remedy works: accepting the loss starts a fresh history
        assertEquals(java.util.Map.of(), repo.acceptTags("triage"));
        assertEquals(java.util.Map.of(), repo.tags("triage"));
        repo.tag("triage", 1, "prod");
        assertEquals(1, repo.resolve("triage@prod").version().version());
    }

    @Test
    void deletedTagHeadIsDetected() throws Exception {
        Path head = root.resolve("agents/triage/tags.head.json");
        Files.delete(head);
        String message = failure(() -> repo.tags("triage"));
        assertTrue(message.startsWith(head + " is missing (deleted by hand?), so a cut-off end of "), message);
        assertTrue(message.endsWith("anchor it again with 'agentplan repo accept-tags triage'"), message);
        assertEquals("tag head", repo.check().problems().get(0).kind());
        assertEquals(java.util.Map.of("prod", 2), repo.acceptTags("triage"));
        assertTrue(repo.check().clean());
    }

    @Test
    void aTagLogReplacedByAnotherOfTheSameLengthIsDetected() throws Exception {
        repo.deploy(Plans.request("other", "x"));
        repo.tag("other", 1, "prod");
        repo.tag("other", 1, "dev");
        Path tags = root.resolve("agents/triage/tags.jsonl");
        Files.copy(root.resolve("agents/other/tags.jsonl"), tags, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(failure(() -> repo.tags("triage")).startsWith(tags + " line 2 is not the line "
                + root.resolve("agents/triage/tags.head.json") + " records (the log was replaced or rewritten)"));
    }

    @Test
    void aLegacyTagLogWithoutAHeadKeepsWorkingAndIsAnchoredOnTheNextTag() throws Exception {
        Path tags = root.resolve("agents/triage/tags.jsonl");
        Path head = root.resolve("agents/triage/tags.head.json");
        Files.writeString(tags, LegacyTagLog.of("triage", List.of(new Object[] {"prod", null, 1}, new Object[] {"prod", 1, 2})));
        Files.delete(head);
        assertEquals(java.util.Map.of("prod", 2), repo.tags("triage"));
        RepositoryReport before = repo.check();
        assertTrue(before.clean(), before.toString());
        assertTrue(before.warnings().get(0).startsWith(tags + " was written by an older agentplan and has no "
                + "tags.head.json yet"), before.warnings().toString());

        repo.tag("triage", 1, "prod");
        assertTrue(Files.exists(head));
        assertEquals(List.of("anchored the tag log " + tags + " (written by an older agentplan): " + head
                + " now records its end, so a cut-off or deleted log is detected from now on"), notes);
        assertEquals(1, repo.resolve("triage@prod").version().version());
        assertTrue(repo.check().warnings().isEmpty());

        List<String> lines = Files.readAllLines(tags);
        Files.writeString(tags, String.join("\n", lines.subList(0, 2)) + "\n");
        assertTrue(failure(() -> repo.tags("triage")).contains("the end of the log was cut off"));
    }

    @Test
    void aTagStoppedBetweenTheLogAndItsHeadIsAcceptedAndAnchoredNext() throws Exception {
        Path head = root.resolve("agents/triage/tags.head.json");
        byte[] headOfTwo = Files.readAllBytes(head);
        repo.tag("triage", 1, "prod");
        Files.write(head, headOfTwo); // as if the process died after writing the log
        assertEquals(1, repo.resolve("triage@prod").version().version());
        assertTrue(repo.check().clean());
        repo.tag("triage", 2, "dev");
        assertEquals(java.util.Map.of("prod", 1, "dev", 2), repo.tags("triage"));
    }

    @Test
    void readersRacingTagCommandsNeverSeeACutOffLog() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Runnable read = () -> {
            while (!done.get()) {
                try {
                    repo.tags("triage");
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        };
        List<Thread> readers = List.of(new Thread(read), new Thread(read));
        readers.forEach(Thread::start);
        for (int i = 0; i < 300; i++) {
            repo.tag("triage", 1 + i % 2, "t" + (i % 3));
        }
        done.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertEquals(List.of(), failures);
        assertTrue(repo.check().clean());
    }

    @Test
    void truncatedTagHistory() throws Exception {
        Path tags = root.resolve("agents/triage/tags.jsonl");
        byte[] bytes = Files.readAllBytes(tags);
        Files.write(tags, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        assertTrue(failure(() -> repo.tags("triage"))
                .startsWith(tags + ": the last line is incomplete (truncated)"));
    }

    @Test
    void tagPointingAtADeletedVersion() throws Exception {
        AtomicFiles.deleteTree(root.resolve("agents/triage/versions/2"));
        assertEquals("tag triage@prod points at version 2, which is missing from " + root.resolve("agents/triage/versions")
                + "; move the tag to an existing version", failure(() -> repo.resolve("triage@prod")));
        assertEquals(List.of("tag triage@prod points at missing version 2; move the tag to an existing version"),
                repo.verify());
    }

    @Test
    void verifyCollectsEveryProblemAtOnce() throws Exception {
        Files.writeString(v1.resolve("definition.json"), "{}", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("agents/triage/versions/2/source.txt"), "x");
        Files.delete(root.resolve("agents/triage/tags.jsonl"));
        Files.writeString(root.resolve("agents/triage/versions/2/extra"), "x");
        RepositoryReport report = repo.check();
        assertEquals(List.of("version", "version", "tag log"),
                report.problems().stream().map(RepositoryProblem::kind).toList(), report.toString());
        assertEquals(1, report.warnings().size(), report.toString());
    }
}
