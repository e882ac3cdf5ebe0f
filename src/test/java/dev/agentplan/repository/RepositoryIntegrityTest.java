package dev.agentplan.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @BeforeEach
    void deployTwo() {
        repo = new FileDefinitionRepository(root, new SteppingClock(), "tester");
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

    /** Reads the damaged version every way a user can and checks the same clear message comes back. */
    private void assertVersionOneRefused(String fileName, String problem) {
        assertVersionOneRefusedWith(v1.resolve(fileName) + problem);
    }

    private void assertVersionOneRefusedWith(String expectedStart) {
        for (Executable read : List.<Executable>of(
                () -> repo.get("triage", 1), () -> repo.resolve("triage@1"), () -> repo.versions("triage"),
                () -> repo.deploy(Plans.request("triage", "three")))) {
            String message = failure(read);
            assertTrue(message.startsWith(expectedStart), message);
            assertTrue(message.endsWith("restore it from a backup, or delete " + v1 + " to drop version 1"), message);
        }
        assertEquals(2, repo.resolve("triage@2").version().version(), "other versions stay readable");
        List<String> problems = repo.verify();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(expectedStart), problems.get(0));
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
    void unknownFileInAVersion() throws Exception {
        Files.writeString(v1.resolve("notes.txt"), "hi");
        String message = failure(() -> repo.get("triage", 1));
        assertEquals("unexpected file " + v1.resolve("notes.txt") + ": a version directory holds only "
                + "definition.json, source.txt, version.json and versions are immutable; move it elsewhere", message);
        assertEquals(List.of(message), repo.verify());
    }

    @Test
    void unknownEntriesInVersionsAgentAndAgentsDirectories() throws Exception {
        Path stray = Files.writeString(root.resolve("agents/triage/versions/latest.json"), "{}");
        assertTrue(failure(() -> repo.versions("triage")).startsWith("unexpected entry " + stray));
        Files.delete(stray);

        Path strayInAgent = Files.writeString(root.resolve("agents/triage/notes.md"), "x");
        assertTrue(failure(() -> repo.resolve("triage")).startsWith("unexpected entry " + strayInAgent));
        Files.delete(strayInAgent);

        Path strayInAgents = Files.writeString(root.resolve("agents/README"), "x");
        assertTrue(failure(() -> repo.agents()).startsWith("unexpected entry " + strayInAgents));
        assertEquals(1, repo.verify().size());
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
        Files.writeString(root.resolve("agents/triage/versions/2/extra"), "x");
        assertEquals(2, repo.verify().size(), repo.verify().toString());
    }
}
