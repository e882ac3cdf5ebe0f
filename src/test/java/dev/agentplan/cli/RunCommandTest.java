package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentplan run FILE} on the embedded server: live steps on stderr, clean JSON on stdout, exit codes. */
class RunCommandTest {

    static final String GREET = """
            agent greet "Say hello"
            input { who: string = "world" }
            tools { defaults { timeout 10s }  say = echo }
            greeting = say(text: "hello ${input.who}")
            output { text: greeting.text }
            """;

    static final String BROKEN_CALL = """
            agent broken "Fails on its second step"
            tools { defaults { timeout 10s }  say = echo  boom = fail { retry { attempts 1 } } }
            a = say(text: "first")
            b = boom(times: 5, error: "Kaput", retryable: false)
            output { b: b }
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void runsAFileOnTheEmbeddedServerAndPrintsTheOutputAsJson() throws Exception {
        Path plan = write("greet.agent", GREET);
        Cli.Result r = Cli.run("run", plan.toString(), "--input", "{\"who\": \"Ada\"}", "--repo", dir.resolve("repo").toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode output = new ObjectMapper().readTree(r.out());
        assertEquals("hello Ada", output.get("text").asText(), r.toString());
        assertTrue(r.err().contains("✔ step 1 (greet.agent:4) say echo"), r.toString());
        assertTrue(r.err().contains("completed"), r.toString());
    }

    @Test
    void aFailedRunExitsOneAndNamesTheStepAndItsLine() throws Exception {
        Path plan = write("broken.agent", BROKEN_CALL);
        Cli.Result r = Cli.run("run", plan.toString(), "--repo", dir.resolve("repo").toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out(), "nothing on stdout for a failed run");
        assertTrue(r.err().contains("✖ step 2 (broken.agent:4) boom fail"), r.toString());
        assertTrue(r.err().contains("Kaput at step 2 (broken.agent:4)"), r.toString());
    }

    @Test
    void inputsThatDoNotFitThePlanFailTheRun() throws Exception {
        Path plan = write("greet.agent", GREET);
        Cli.Result r = Cli.run("run", plan.toString(), "--input", "{\"who\": 42}", "--repo", dir.resolve("repo").toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("InvalidInput"), r.toString());
    }

    @Test
    void aPlanWithErrorsIsNotRun() throws Exception {
        Path plan = write("bad.agent", "agent bad \"x\"\ntools { defaults { timeout 10s }  say = echo }\nr = say(text: 1\n");
        Cli.Result r = Cli.run("run", plan.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("bad.agent:4:1: error"), r.toString());
        assertTrue(r.err().contains("not run"), r.toString());
        assertFalse(r.err().contains("embedded"), "no server is started for a broken plan");
    }

    @Test
    void usageErrorsComeBeforeAnythingStarts() throws Exception {
        Path plan = write("greet.agent", GREET);
        Cli.Result badJson = Cli.run("run", plan.toString(), "--input", "{who: 1");
        assertEquals(ExitCode.USAGE, badJson.exit(), badJson.toString());
        assertTrue(badJson.err().startsWith("agentplan: --input is not valid JSON"), badJson.toString());
        assertEquals(1, badJson.err().lines().count(), "one line");

        Cli.Result notObject = Cli.run("run", plan.toString(), "--input", "[1, 2]");
        assertEquals(ExitCode.USAGE, notObject.exit(), notObject.toString());
        assertTrue(notObject.err().contains("must be a JSON object"), notObject.toString());

        Cli.Result detach = Cli.run("run", plan.toString(), "--detach");
        assertEquals(ExitCode.USAGE, detach.exit(), detach.toString());
        assertTrue(detach.err().contains("agentplan server"), detach.toString());

        Cli.Result missing = Cli.run("run", dir.resolve("nope.agent").toString());
        assertEquals(ExitCode.NOT_FOUND, missing.exit(), missing.toString());

        Cli.Result missingInput = Cli.run("run", plan.toString(), "--input", "@" + dir.resolve("nope.json"));
        assertEquals(ExitCode.NOT_FOUND, missingInput.exit(), missingInput.toString());
    }

    @Test
    void inputsCanComeFromAFile() throws Exception {
        Path plan = write("greet.agent", GREET);
        Path inputs = write("in.json", "{\"who\": \"file\"}");
        Cli.Result r = Cli.run("run", plan.toString(), "--input", "@" + inputs, "--repo", dir.resolve("repo").toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("hello file", new ObjectMapper().readTree(r.out()).get("text").asText());
    }
}
