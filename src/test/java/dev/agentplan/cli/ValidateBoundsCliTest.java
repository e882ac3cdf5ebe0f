package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate --bounds}: the worst case in text and JSON, with its warnings; {@code diff} shows the change. */
class ValidateBoundsCliTest {

    @TempDir
    Path dir;

    private Path plan(String name, String steps) throws IOException {
        Path p = dir.resolve(name + ".agent");
        Files.writeString(p, "agent " + name + " \"bounds\"\n"
                + "tools { t = echo { timeout 10s  retry { attempts 2  backoff 1s } } }\n"
                + "budget { duration 1m }\n" + steps + "\noutput { }\n");
        return p;
    }

    @Test
    void textShowsEveryFigureTheWarningAndTheMethod() throws IOException {
        Path p = plan("slow", "r = t(x: 1)\nwait 40s");
        Cli.Result r = Cli.run("validate", "--bounds", "--no-color", p.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("slow.agent:3:1: warning[AP315]"), r.out());
        assertTrue(r.out().contains("tool calls  1"), r.out());
        assertTrue(r.out().contains("duration    1m (the duration budget stops the run; its steps alone could take 1m1s)"),
                r.out());
        assertTrue(r.out().contains("bounds method: history events per unit of work"), r.out());
        assertTrue(r.out().contains("1 warning"), r.out());

        Cli.Result plain = Cli.run("validate", "--no-color", p.toString());
        assertTrue(!plain.out().contains("AP315") && !plain.out().contains("worst case"), plain.out());
    }

    @Test
    void jsonCarriesTheFiguresAndUnknownsWithTheirPlace() throws IOException {
        Path p = plan("open", "s = await signal \"go\" { timeout 30s }\nfor each i in s { r = t(x: i) }");
        Cli.Result r = Cli.run("validate", "--bounds", "--json", p.toString());
        JsonNode b = new ObjectMapper().readTree(r.out()).get("files").get(0).get("bounds");
        assertTrue(b.get("toolCalls").get("unknown").asText().contains("`for each i`"), b.toString());
        assertEquals(p + ":5:1", b.get("toolCalls").get("at").asText());
        assertEquals(60_000, b.get("durationMs").get("value").asLong());
        assertTrue(b.get("method").asText().contains("4 KiB"));
    }

    @Test
    void diffShowsHowTheBoundsOfTwoVersionsDiffer() throws IOException {
        Path a = plan("v", "r = t(x: 1)");
        Path b = dir.resolve("v2.agent");
        Files.writeString(b, Files.readString(a).replace("r = t(x: 1)", "r = t(x: 1)\nq = t(x: 2)"));
        Cli.Result r = Cli.run("diff", "--no-color", a.toString(), b.toString());
        assertTrue(r.out().contains("≈ worst-case tool calls: 1 → 2"), r.toString());
        Cli.Result json = Cli.run("diff", "--json", a.toString(), b.toString());
        JsonNode changed = new ObjectMapper().readTree(json.out()).get("bounds").get("changed");
        assertEquals("tool calls", changed.get(0).get("figure").asText(), json.out());
        assertEquals("2", changed.get(0).get("after").asText());
    }
}
