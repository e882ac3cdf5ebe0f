package dev.agentplan.syntax.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.agentplan.model.Diagnostic;
import dev.agentplan.syntax.ParseResult;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanSourcesTest {

    private static final String TEXT = "agent hello \"says hello\"\nset greeting = \"hi ${1 + 1}\"\noutput { g: greeting }\n";
    private static final String JSON = "{\"agent\": \"hello\", \"description\": \"says hello\", \"steps\": "
            + "[{\"set\": \"greeting\", \"value\": \"hi ${1 + 1}\"}], \"output\": {\"g\": \"${greeting}\"}}";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static Diagnostic onlyError(ParseResult result) {
        assertNull(result.definition());
        assertEquals(1, result.diagnostics().size(), result.diagnostics().toString());
        return result.diagnostics().get(0);
    }

    @Test
    void bothFormsReadToTheSameModel() throws IOException {
        ParseResult text = PlanSources.read(write("hello.agent", TEXT));
        ParseResult json = PlanSources.read(write("hello.json", JSON));
        assertEquals(List.of(), text.diagnostics());
        assertEquals(List.of(), json.diagnostics());
        assertEquals(text.definition(), json.definition());
        assertEquals(dir.resolve("hello.json").toString(), json.definition().span().file());
        assertEquals(PlanSources.toJson(text.definition()), PlanSources.toJson(json.definition()));
    }

    @Test
    void otherNamesAreSniffed() throws IOException {
        assertEquals(List.of(), PlanSources.read(write("plan.txt", "\n  " + JSON)).diagnostics());
        assertEquals(List.of(), PlanSources.read(write("plan", "# a comment\n" + TEXT)).diagnostics());
        assertEquals(List.of(), PlanSources.read(write("PLAN.JSON", JSON)).diagnostics());
        assertEquals(PlanSources.Format.JSON, PlanSources.formatOf("x", "\uFEFF{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(PlanSources.Format.AGENT_TEXT, PlanSources.formatOf("x", TEXT.getBytes(StandardCharsets.UTF_8)));
        assertNull(PlanSources.formatOf("x", "agents".getBytes(StandardCharsets.UTF_8)));
        Diagnostic d = onlyError(PlanSources.read(write("notes.md", "hello world")));
        assertEquals(JsonCodes.UNKNOWN_FORMAT, d.code());
        assertNotNull(d.hint());
    }

    @Test
    void theExtensionWinsOverTheContent() throws IOException {
        ParseResult result = PlanSources.read(write("looks_like.agent", JSON));
        assertTrue(result.hasErrors());
        assertTrue(result.diagnostics().get(0).code().compareTo("AP040") < 0, result.diagnostics().toString());
    }

    @Test
    void missingFileIsADiagnostic() {
        Diagnostic d = onlyError(PlanSources.read(dir.resolve("nope.agent")));
        assertEquals(JsonCodes.FILE_MISSING, d.code());
        assertTrue(d.message().contains("nope.agent"));
    }

    @Test
    void directoryIsADiagnostic() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("plans.json"));
        assertEquals(JsonCodes.NOT_A_FILE, onlyError(PlanSources.read(sub)).code());
    }

    @Test
    void hugeFileIsRefusedWithoutReadingIt() throws IOException {
        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(PlanSources.MAX_BYTES + 1L);
        }
        assertEquals(JsonCodes.TOO_LARGE, onlyError(PlanSources.read(huge)).code());
    }

    @Test
    void unreadableFileIsADiagnostic() throws IOException {
        Path secret = write("secret.json", JSON);
        try {
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        } catch (UnsupportedOperationException e) {
            assumeFalse(true, "no POSIX permissions here");
        }
        assumeFalse(Files.isReadable(secret), "running with privileges that read any file");
        assertEquals(JsonCodes.UNREADABLE, onlyError(PlanSources.read(secret)).code());
    }

    @Test
    void aPathThroughAFileIsADiagnostic() throws IOException {
        Path through = write("plain.json", JSON).resolve("inner.json");
        Diagnostic d = onlyError(PlanSources.read(through));
        assertTrue(d.code().equals(JsonCodes.UNREADABLE) || d.code().equals(JsonCodes.FILE_MISSING), d.headline());
    }

    @Test
    void invalidUtf8InJsonIsADiagnosticWithItsPosition() throws IOException {
        byte[] bytes = "{\"agent\": \"a\",\n \"description\": \"x\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        Path bad = Files.write(dir.resolve("bad.json"), bytes);
        Diagnostic d = onlyError(PlanSources.read(bad));
        assertEquals(JsonCodes.UNKNOWN_FORMAT, d.code());
        assertEquals(2, d.span().line());
        assertEquals(19, d.span().column());
    }

    @Test
    void devicesAreNotPlans() {
        Path zero = Path.of("/dev/zero");
        assumeFalse(!Files.exists(zero), "no /dev/zero here");
        assertEquals(JsonCodes.NOT_A_FILE, onlyError(PlanSources.read(zero)).code());
    }
}
