package dev.agentplan.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests: each plan in {@code src/test/resources/dev/agentplan/validate/invalid} has a sibling
 * {@code .expected} file with the exact diagnostics, one {@code file:line:col: severity[CODE]: message}
 * per line. To regenerate the expected files after an intended change of messages, run
 * <pre>mvn -o -q test -Dtest=GoldenDiagnosticsTest -Dagentplan.regenerate=true</pre>
 * and review the diff before committing. Regeneration is off by default, so a changed message fails.
 */
class GoldenDiagnosticsTest {

    private static final boolean REGENERATE = Boolean.getBoolean("agentplan.regenerate");

    static Stream<Path> plans() {
        return GoldenFiles.plans(GoldenFiles.INVALID).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void diagnosticsMatchTheExpectedFile(Path plan) throws IOException {
        List<Diagnostic> diagnostics = GoldenFiles.diagnostics(GoldenFiles.parse(plan));
        String actual = diagnostics.stream().map(Diagnostic::headline).collect(Collectors.joining("\n", "", "\n"));
        Path expectedFile = expectedFile(plan);
        if (REGENERATE) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(expectedFile), "no " + expectedFile.getFileName() + "; run with -Dagentplan.regenerate=true");
        assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual, plan.getFileName().toString());
        for (Diagnostic d : diagnostics) {
            assertNotNull(d.hint(), "a hint for " + d.headline());
            assertFalse(d.hint().isBlank(), "a hint for " + d.headline());
        }
    }

    /** The file named after a code must show that code: the corpus has a plan for every code. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void aFileNamedAfterACodeProducesIt(Path plan) {
        String name = plan.getFileName().toString();
        String code = name.substring(0, name.indexOf('_'));
        assertNotNull(ValidationCodes.byCode(code), "the file name should start with a code: " + name);
        List<Diagnostic> diagnostics = GoldenFiles.diagnostics(GoldenFiles.parse(plan));
        assertTrue(diagnostics.stream().anyMatch(d -> d.code().equals(code)), name + " shows no " + code);
    }

    @Test
    void everyCodeHasAGoldenFile() {
        Set<String> covered = new TreeSet<>();
        for (Path plan : GoldenFiles.plans(GoldenFiles.INVALID)) {
            GoldenFiles.diagnostics(GoldenFiles.parse(plan)).forEach(d -> covered.add(d.code()));
        }
        for (ValidationCodes c : ValidationCodes.values()) {
            if (c.meaning.startsWith("`validate --bounds`")) {
                continue; // the bounds pass's own warnings (AP314, AP315): see BoundsTest and ValidateBoundsCliTest
            }
            assertTrue(covered.contains(c.code), "no golden plan shows " + c.code + " (" + c.meaning + ")");
        }
    }

    private static Path expectedFile(Path plan) {
        String name = plan.getFileName().toString();
        return plan.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".expected");
    }
}
