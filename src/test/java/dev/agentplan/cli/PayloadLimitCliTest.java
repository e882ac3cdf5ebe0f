package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs and signal payloads over Temporal's payload limit are refused before anything is sent. */
class PayloadLimitCliTest {

    @TempDir
    Path dir;

    private Path plan() throws Exception {
        return Files.writeString(dir.resolve("big.agent"), """
                agent big "measures its input"
                input { s: string }
                output { n: length(input.s) }
                """);
    }

    private Path inputFile(int chars) throws Exception {
        return Files.writeString(dir.resolve("in-" + chars + ".json"), "{\"s\": \"" + "q".repeat(chars) + "\"}");
    }

    @Test
    void threeMegabytesOfInputsAreAUsageErrorAndNothingStarts() throws Exception {
        Cli.Result r = Cli.run("run", plan().toString(), "--input", "@" + inputFile(3_000_000),
                "--repo", dir.resolve("repo").toString());
        assertEquals(ExitCode.USAGE, r.exit(), r.toString());
        assertTrue(r.err().startsWith("agentplan: --input is 2.9 MiB (3000008 bytes), over Temporal's limit of 2 MiB"
                + " for one payload"), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertEquals("", r.out());
    }

    @Test
    void inputsOverTheWarningSizeRunWithAWarning() throws Exception {
        Cli.Result r = Cli.run("run", plan().toString(), "--input", "@" + inputFile(600_000),
                "--repo", dir.resolve("repo").toString());
        assertEquals(ExitCode.OK, r.exit(), r.toString());
        assertTrue(r.err().startsWith("warning: --input is 586 KiB (600008 bytes), over Temporal's warning size of"
                + " 512 KiB for one payload"), r.toString());
        assertTrue(r.out().contains("600000"), r.toString());
    }

    @Test
    void aSignalPayloadOverTheLimitIsAUsageErrorBeforeConnecting() {
        Cli.Result r = Cli.run("signal", "some-run", "data", "--payload", "\"" + "p".repeat(2_200_000) + "\"",
                "--address", "127.0.0.1:1");
        assertEquals(ExitCode.USAGE, r.exit(), r.toString());
        assertTrue(r.err().startsWith("agentplan: --payload is 2.1 MiB (2200002 bytes), over Temporal's limit"), r.toString());
    }
}
