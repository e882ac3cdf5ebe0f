package dev.agentplan.plantest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentplan test} driven like a user: real files, the real interpreter, the exit codes. */
class PlanTestCommandTest {

    @TempDir
    Path dir;

    record Result(int exit, String out) {
    }

    private static Result agentplan(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out + err.toString());
    }

    private Path copy(String name) throws IOException {
        Path target = dir.resolve(name);
        Files.copy(Path.of("definitions", name), target);
        return target;
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void aBrokenBranchFailsTheCaseNamingTheStepAndLine() throws IOException {
        Path plan = copy("incident_triage.agent");
        copy("incident_triage.test.json");
        assertEquals(0, agentplan("test", plan.toString()).exit());

        // the deliberate mistake: high-severity alerts no longer take the restart branch
        String text = Files.readString(plan).replace("evidence.body.severity == \"high\"", "evidence.body.severity == \"critical\"");
        Files.writeString(plan, text);
        int waitedLine = lineOf(plan, "set outcome = \"waited\"");
        Result r = agentplan("test", plan.toString(), "--junit", dir.resolve("junit.xml").toString());

        assertEquals(1, r.exit(), r.out());
        String where = "step 2/else/3 (incident_triage.agent:" + waitedLine + ")";
        assertTrue(r.out().contains("✖ a high-severity alert opens a ticket and restarts once approved: expected call 2 "
                + "ticket, but the run made only 1 call and ended COMPLETED after " + where), r.out());
        assertTrue(r.out().contains("✖ no decision within 4 hours times the gate out: expected the run to end FAILED, "
                + "it ended COMPLETED at " + where), r.out());
        assertTrue(r.out().contains("✔ a medium alert only opens a ticket"), r.out());
        assertTrue(r.out().contains("not covered: incident_triage.agent:"), r.out());
        String xml = Files.readString(dir.resolve("junit.xml"));
        assertTrue(xml.contains("<testsuite name=\"incident_triage\" tests=\"6\" failures=\""), xml);
        assertTrue(xml.contains("incident_triage.agent:" + waitedLine), xml);
    }

    @Test
    void decisionsArriveWhenScriptedAndTimeSkipsAhead() throws IOException {
        Path plan = dir.resolve("gate.agent");
        Files.writeString(plan, """
                agent gate "Waits a week, then asks"
                tools { note = echo { timeout 5s } }
                wait 7d
                approve go { ask "Go?"  timeout 4h  on_timeout fail }
                note(message: "went")
                output { by: go.approver }
                """);
        Files.writeString(dir.resolve("gate.test.json"), """
                { "cases": [
                  { "name": "approved after 3h, inside the 4h timeout",
                    "tools": [ { "tool": "note", "result": {} } ],
                    "approvals": [ { "gate": "go", "approve": true, "by": "ann", "after": "3h" } ],
                    "expect": { "output": { "by": "ann" }, "calls": [ { "tool": "note", "args": { "message": "went" } } ] } },
                  { "name": "a decision 5h after is too late",
                    "approvals": [ { "gate": "go", "approve": true, "after": "5h" } ],
                    "expect": { "error": { "type": "ApprovalTimeout", "step": "2", "line": 4 }, "calls": [] } },
                  { "name": "expects the wrong outcome on purpose",
                    "approvals": [ { "gate": "go", "approve": false } ],
                    "expect": { "output": { "by": "ann" } } }
                ] }
                """);
        long t0 = System.nanoTime();
        Result r = agentplan("test", plan.toString());
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("✔ approved after 3h, inside the 4h timeout"), r.out());
        assertTrue(r.out().contains("✔ a decision 5h after is too late"), r.out());
        assertTrue(r.out().contains("✖ expects the wrong outcome on purpose: expected the run to end COMPLETED, it ended "
                + "FAILED with ApprovalRejected"), r.out());
        assertTrue(r.out().contains("at step 2 (gate.agent:4)"), r.out());
        assertTrue(seconds < 600, "three weeks of waits took " + seconds + " s"); // sanity, not a benchmark
    }

    @Test
    void coverageBelowTheMinimumFails() {
        Result r = agentplan("test", "definitions/release_notes.agent", "--min-coverage", "99");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("not covered: release_notes.agent:40  call step 4/lane:slow/2"), r.out()); // the slow lane never wins
        assertTrue(r.out().contains("is below --min-coverage"), r.out());
    }

    @Test
    void badTestFilesAndMissingOnesAreReportedWithTheirExitCodes() throws IOException {
        Path plan = copy("smoke_tests.agent");
        assertEquals(3, agentplan("test", plan.toString()).exit());
        assertEquals(3, agentplan("test", dir.resolve("nope.test.json").toString()).exit());
        Files.writeString(dir.resolve("smoke_tests.test.json"), "{ \"cases\": [ { \"name\": \"x\", \"tolls\": [] } ] }");
        Result r = agentplan("test", plan.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("does not follow schema/agentplan-test.schema.json"), r.out());
        assertEquals(2, agentplan("test", plan.toString(), "--min-coverage", "150").exit());
    }

    @Test
    void anUnscriptedCallFailsTheCaseAtItsStep() throws IOException {
        Path plan = copy("smoke_tests.agent");
        Files.writeString(dir.resolve("smoke_tests.test.json"), """
                { "cases": [ { "name": "scripts only /health",
                  "inputs": { "service": "s", "version": "1" },
                  "tools": [ { "tool": "probe", "call": 1, "result": { "status": 200 } } ] } ] }
                """);
        Result r = agentplan("test", plan.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("call 2 probe({\"url\":\"https://s.internal.example/ready\"}) has no scripted answer "
                + "at step 2/body/1/try/1 (smoke_tests.agent:" + lineOf(plan, "r = probe(") + ")"), r.out());
    }

    @Test
    void aBrokenScopeHandlingFailsTheScopedTriageCaseAtTheCallsStepAndLine() throws IOException {
        Path plan = copy("scoped_triage.agent");
        copy("scoped_triage.test.json");
        assertEquals(0, agentplan("test", plan.toString()).exit());

        // the deliberate mistake: the sweep reads the input's regions, so a narrowed scope changes nothing
        Files.writeString(plan, Files.readString(plan).replace("for each region in scope.regions", "for each region in input.regions"));
        int callLine = lineOf(plan, "found = alerts(");
        Result r = agentplan("test", plan.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("✖ the user narrows the scope mid-run: the next sweep looks only at eu, with the notes, "
                + "until resolved: call 4: alerts args.url: expected \"https://alerts.example/api/eu\", got "
                + "\"https://alerts.example/api/us\" at step 1/body/1/body/1/body/1 (scoped_triage.agent:" + callLine + ")"),
                r.out());
        assertTrue(r.out().contains("✔ alerts in the first sweep are analysed and paged per region"), r.out());
    }

    @Test
    void updatesAreAnsweredAndSignalsWaitForTheirCallsAndAHandlersSignalCannotBeAwaited() throws IOException {
        Path plan = dir.resolve("notes.agent");
        Files.writeString(plan, """
                agent notes "Writes the latest note after each step"
                on update "note" as note: string = "none"
                on signal "tag" as tag: string = "untagged"
                tools { log = echo { timeout 5s } }
                log(text: "1 ${note} ${tag}")
                log(text: "2 ${note} ${tag}")
                wait 1h
                log(text: "3 ${note} ${tag}")
                output { note: note }
                """);
        Path tests = dir.resolve("notes.test.json");
        Files.writeString(tests, """
                { "cases": [
                  { "name": "an update and a signal that waits for the second call",
                    "tools": [ { "tool": "log", "result": {} } ],
                    "signals": [ { "name": "note", "update": true, "payload": "hello", "at": "10m" },
                                 { "name": "tag", "payload": "t", "at": "0s", "after_calls": 2 } ],
                    "expect": { "output": { "note": "hello" }, "calls": [
                      { "tool": "log", "args": { "text": "1 none untagged" } },
                      { "tool": "log", "args": { "text": { "$regex": "^2 none " } } },
                      { "tool": "log", "args": { "text": "3 hello t" } } ] } },
                  { "name": "an update of the wrong type is refused and fails the case",
                    "tools": [ { "tool": "log", "result": {} } ],
                    "signals": [ { "name": "note", "update": true, "payload": 42, "at": "5m" } ] }
                ] }
                """);
        Result r = agentplan("test", tests.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("✔ an update and a signal that waits for the second call"), r.out());
        assertTrue(r.out().contains("✖ an update of the wrong type is refused and fails the case: the run refused update 'note'"),
                r.out());

        Files.writeString(tests, """
                { "cases": [ { "name": "waits for a handler's event", "tools": [ { "tool": "log", "result": {} } ],
                  "signals": [ { "name": "tag", "payload": "t", "after": "5m" } ] } ] }
                """);
        Result refused = agentplan("test", tests.toString());
        assertEquals(1, refused.exit(), refused.out());
        assertTrue(refused.out().contains("signal 'tag' is scripted 'after' the run waits for it, but no 'await signal \"tag\"'"
                + " step of the plan waits for it"), refused.out());
    }
}
