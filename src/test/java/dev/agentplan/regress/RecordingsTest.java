package dev.agentplan.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.plantest.TestCase;
import dev.agentplan.server.RecordedRun;
import dev.agentplan.server.RecordedRunReader;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What regress reads from a recorded history, and how it compares arguments. */
class RecordingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HISTORIES = Path.of("src/test/resources/dev/agentplan/regress/refund_router_v1");

    private static RecordedRun read(String name) throws IOException {
        return RecordedRunReader.read(name, List.of(WorkflowExecutionHistory.fromJson(
                Files.readString(HISTORIES.resolve(name + ".json")))));
    }

    @Test
    void anApprovedRunGivesItsInputsCallsAndTheDecisionInItsPlace() throws IOException {
        RecordedRun rec = read("refund-150");
        assertEquals("refund_router", rec.agent());
        assertEquals(1, rec.version());
        assertEquals("COMPLETED", rec.status());
        assertEquals(150, rec.inputs().get("amount").asInt());
        assertEquals(2, rec.calls().size());
        RecordedRun.Call refund = rec.calls().get(1);
        assertEquals("refund", refund.tool());
        assertEquals("2/else/2", refund.step());
        assertEquals("approved refund", refund.args().get("reason").asText());
        assertEquals(150, refund.result().get("amount").asInt());
        assertNull(refund.missing());
        assertEquals(1, rec.humans().size());
        RecordedRun.Human decision = rec.humans().get(0);
        assertEquals(RecordedRun.HumanKind.DECISION, decision.kind());
        assertEquals("refund_ok", decision.name());
        assertTrue(decision.approve());
        assertEquals("alice", decision.by());
        assertEquals(1, decision.afterCalls(), "decided after the lookup ended, before the refund");
        assertTrue(decision.afterGateMillis() >= 0 && decision.afterGateMillis() <= decision.atMillis(), decision.toString());

        TestCase tc = Regression.caseOf(rec);
        assertEquals(1, tc.approvals().size());
        assertEquals("refund_ok", tc.approvals().get(0).gate());
        assertEquals(rec.inputs(), tc.inputs());
    }

    @Test
    void argumentsCompareExactlyButNumbersByValueAndSecretsByName() throws IOException {
        JsonNode a = JSON.readTree("{\"amount\": 80, \"h\": \"Bearer {{secret:abc123:TOKEN}}\", \"l\": [1, 2]}");
        assertNull(JsonDifference.of(a, JSON.readTree("{\"amount\": 80.0, \"h\": \"Bearer {{secret:zz9:TOKEN}}\", \"l\": [1, 2]}"), ""));
        assertEquals("h: \"Bearer {{secret:OTHER}}\" ≠ \"Bearer {{secret:TOKEN}}\"", JsonDifference.of(
                JSON.readTree("{\"h\": \"Bearer {{secret:abc:OTHER}}\"}"), JSON.readTree("{\"h\": \"Bearer {{secret:abc:TOKEN}}\"}"), ""));
        assertEquals("amount: 80 ≠ 81", JsonDifference.of(a, JSON.readTree("{\"amount\": 81, \"h\": \"x\"}"), ""));
        assertEquals("l: 2 items ≠ 3 items", JsonDifference.of(JSON.readTree("{\"l\": [1, 2]}"), JSON.readTree("{\"l\": [1, 2, 3]}"), ""));
        assertEquals("extra: (absent) ≠ true", JsonDifference.of(JSON.readTree("{}"), JSON.readTree("{\"extra\": true}"), ""));
    }
}
