package dev.agentplan.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.tools.LoopbackHttpServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A JSON response bigger than the http tool's body cap: by default the call fails with a typed,
 * catchable {@code ResultTooLarge} naming the tool; {@code accept_truncated: true} takes the cut
 * text and its {@code truncated} flag. (Before, the plan silently got the body as a string.)
 */
class TruncatedResultsTest extends InterpreterTestBase {

    private LoopbackHttpServer http;

    @BeforeAll
    void startHttp() throws Exception {
        StringBuilder body = new StringBuilder("{\"items\": [");
        for (int i = 0; i < 3000; i++) {
            body.append(i == 0 ? "" : ",").append("\"").append("i".repeat(90)).append("\"");
        }
        body.append("], \"count\": 3000}");
        http = new LoopbackHttpServer((request, exchange) ->
                LoopbackHttpServer.respond(exchange, 200, "application/json", body.toString()));
    }

    @AfterAll
    void stopHttp() {
        http.close();
    }

    private RunResult runText(String file, String text) throws Exception {
        return start(AgentTextTest.deploy(file, text.replace("URL", http.url("/big"))), null)
                .getResult(60, TimeUnit.SECONDS, RunResult.class);
    }

    @Test
    void aTruncatedJsonBodyFailsTheCallWithResultTooLarge() throws Exception {
        int before = http.requests().size();
        RunResult r = runText("fetch.agent", """
                agent fetch "reads a big JSON document"
                tools { get = http { timeout 10s  retry { attempts 3 } } }
                r = get(url: "URL")
                output { count: r.body.count }
                """);
        assertEquals(RunState.FAILED, r.status(), "output " + r.output());
        assertEquals("ResultTooLarge", r.error().type(), r.error().toString());
        assertEquals("fetch.agent:3", r.error().line());
        assertTrue(r.error().message().contains("tool 'get' (http) returned a truncated result"), r.error().message());
        assertEquals(before + 1, http.requests().size(), "not retried: the same request gives the same size");
    }

    @Test
    void resultTooLargeIsCatchable() throws Exception {
        RunResult r = runText("fetch.agent", """
                agent fetch "reads a big JSON document, with a fallback"
                tools { get = http { timeout 10s } }
                try {
                  r = get(url: "URL")
                  set n = r.body.count
                } catch ResultTooLarge as err {
                  set n = err.type
                }
                output { n: n }
                """);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals("ResultTooLarge", r.output().get("n").asText());
    }

    @Test
    void theValidatorKnowsAcceptTruncated() {
        var parsed = dev.agentplan.syntax.PlanText.parse("ok.agent", """
                agent ok "takes what fits"
                tools { get = http { timeout 10s } }
                r = get(url: "https://example.test/x", accept_truncated: true)
                output { t: r.truncated }
                """);
        var problems = dev.agentplan.validate.PlanValidator.withBuiltinTools().validate(parsed.definition());
        assertTrue(problems.stream().noneMatch(dev.agentplan.model.Diagnostic::isError), problems.toString());
    }

    @Test
    void acceptTruncatedHandsOverTheCutBodyAndItsFlag() throws Exception {
        RunResult r = runText("fetch.agent", """
                agent fetch "takes what fits"
                tools { get = http { timeout 10s } }
                r = get(url: "URL", accept_truncated: true)
                output { truncated: r.truncated, text: startsWith(r.body, "{\\"items\\"") }
                """);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals("{\"truncated\":true,\"text\":true}", r.output().toString());
    }
}
