package dev.agentplan.runtime;

import static dev.agentplan.runtime.tools.LoopbackHttpServer.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.tools.LoopbackHttpServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interpolated values in an http url are percent-encoded for where they land, on a real run
 * against a loopback server that records the exact path and query it got.
 */
class UrlTemplatesTest extends InterpreterTestBase {

    private LoopbackHttpServer server;

    @BeforeAll
    void startHttp() throws IOException {
        server = new LoopbackHttpServer((req, ex) -> respond(ex, 200, "text/plain", "ok"));
    }

    @AfterAll
    void stopHttp() {
        server.close();
    }

    private LoopbackHttpServer.Request run(String url, ObjectNode inputs) {
        String text = """
                agent url_templates "one http call"
                input { name: string = "", q: string = "", part: string = "", base: string = "", whole: string = "" }
                tools { api = http { timeout 10s  retry { attempts 1 } } }
                r = api(url: %s)
                output { status: r.status }
                """.formatted(url);
        int before = server.requests().size();
        RunResult result = run(AgentTextTest.deploy("url.agent", text), inputs);
        assertEquals(RunState.COMPLETED, result.status(), String.valueOf(result.error()));
        return server.requests().get(before);
    }

    private String base() {
        return server.url("");
    }

    @Test
    void aValueCannotChangeThePathOrTheQuery() {
        LoopbackHttpServer.Request got = run("\"" + base() + "/files/${input.name}/meta?q=${input.q}&fixed=a%20b+c\"",
                JSON.createObjectNode().put("name", "../../../etc/passwd?x=1").put("q", "v&admin=1 #+%"));
        assertEquals("/files/..%2F..%2F..%2Fetc%2Fpasswd%3Fx%3D1/meta", got.rawPath());
        assertEquals("q=v%26admin%3D1%20%23%2B%25&fixed=a%20b+c", got.rawQuery(), "literal text stays as written");
    }

    @Test
    void aSegmentOfDotsIsEncodedSoItCannotClimb() {
        LoopbackHttpServer.Request got = run("\"" + base() + "/a/${input.name}/b\"", JSON.createObjectNode().put("name", ".."));
        assertEquals("/a/%2E%2E/b", got.rawPath());
    }

    @Test
    void rawInsertsAValueAsItIs() {
        LoopbackHttpServer.Request got = run("\"" + base() + "/api/${raw(input.part)}?x=1\"",
                JSON.createObjectNode().put("part", "v2/items"));
        assertEquals("/api/v2/items", got.rawPath());
        assertEquals("x=1", got.rawQuery());
    }

    @Test
    void aBaseAtTheStartAndAWholeExpressionAreUsedAsTheyAre() {
        LoopbackHttpServer.Request got = run("\"${input.base}/items/${input.name}\"",
                JSON.createObjectNode().put("base", base() + "/v1").put("name", "a b"));
        assertEquals("/v1/items/a%20b", got.rawPath());
        got = run("input.whole", JSON.createObjectNode().put("whole", base() + "/as/is?k=a%2Fb"));
        assertEquals("/as/is", got.rawPath());
        assertEquals("k=a%2Fb", got.rawQuery());
    }
}
