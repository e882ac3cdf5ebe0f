package dev.agentplan.plantest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan tests script a model loop: the model tool's turns answer with tool calls or an answer, and
 * a call it proposes of an irreversible tool is decided like a written gate (approved, rejected,
 * or left to its 24h default timeout, which the test server's clock skips).
 */
class ModelLoopPlanTestTest {

    private static final Path SOURCES = Path.of("src/test/resources/dev/agentplan/plantest/loops");

    @TempDir
    Path dir;

    private String test(Path plan) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "test", plan.toString());
        return exit + "\n" + out + err;
    }

    @Test
    void gatedProposalsAreDecidedLikeWrittenGates() throws Exception {
        Files.copy(SOURCES.resolve("gated.agent"), dir.resolve("gated.agent"));
        Files.copy(SOURCES.resolve("gated.test.json"), dir.resolve("gated.test.json"));
        String report = test(dir.resolve("gated.agent"));
        assertTrue(report.startsWith("0\n"), report);
        assertTrue(report.contains("✔ approved"), report);
        assertTrue(report.contains("✔ rejected"), report);
        assertTrue(report.contains("✔ nobody decides"), report);

        // the same cases fail when the plan's loop may not call the tool the script has it call
        String text = Files.readString(dir.resolve("gated.agent")).replace("effect irreversible", "effect irreversible  approval none");
        Files.writeString(dir.resolve("gated.agent"), text);
        String ungated = test(dir.resolve("gated.agent"));
        assertEquals('1', ungated.charAt(0), ungated);
        assertTrue(ungated.contains("✖ rejected"), ungated);
    }
}
