package dev.agentplan.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Sha256;
import dev.agentplan.model.StepPaths;
import dev.agentplan.runtime.AgentWorker;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.tools.activity.ToolActivity;
import dev.agentplan.runtime.tools.ToolRegistry;
import dev.agentplan.runtime.tools.WorkerConfig;
import dev.agentplan.runtime.tools.builtin.BuiltinTools;
import dev.agentplan.syntax.PlanText;
import dev.agentplan.syntax.json.JsonPlanCodec;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** AES-GCM payload encryption: the codec itself, then a real run whose history holds only ciphertext. */
class PayloadEncryptionTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8));
    private static final String MARKER = "PLAINTEXT-MARKER-4242";

    private static Payload json(String text) {
        return Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                .setData(ByteString.copyFromUtf8(text)).build();
    }

    @Test
    void roundTripsWithAFreshNonceEachTimeAndRefusesAnotherKeyOrDamage() {
        PayloadEncryption codec = PayloadEncryption.fromBase64(KEY);
        Payload plain = json("\"" + MARKER + "\"");
        Payload once = codec.encode(List.of(plain)).get(0);
        Payload twice = codec.encode(List.of(plain)).get(0);
        assertNotEquals(once.getData(), twice.getData(), "a fresh nonce per payload");
        assertFalse(once.getData().toStringUtf8().contains(MARKER));
        assertEquals("binary/encrypted", once.getMetadataMap().get("encoding").toStringUtf8());
        assertEquals(plain, codec.decode(List.of(once)).get(0));
        assertEquals(plain, codec.decode(List.of(plain)).get(0), "payloads written without the key stay readable");

        PayloadCodecException other = assertThrows(PayloadCodecException.class,
                () -> PayloadEncryption.fromBase64(OTHER_KEY).decode(List.of(once)));
        assertTrue(other.getMessage().contains("another key"), other.getMessage());
        byte[] damaged = once.getData().toByteArray();
        damaged[damaged.length - 1] ^= 1;
        assertThrows(PayloadCodecException.class,
                () -> codec.decode(List.of(once.toBuilder().setData(ByteString.copyFrom(damaged)).build())));
    }

    @Test
    void aBadKeyIsAClearError() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> PayloadEncryption.fromBase64("not a key"));
        assertTrue(e.getMessage().contains(PayloadEncryption.KEY), e.getMessage());
        assertThrows(ConfigurationException.class, () -> PayloadEncryption.fromBase64(Base64.getEncoder().encodeToString(new byte[7])));
    }

    @Test
    void aRunsHistoryHoldsOnlyCiphertextAndStillReplays() {
        DataConverter converter = PayloadEncryption.dataConverter(PayloadEncryption.fromBase64(KEY));
        String text = """
                agent sealed "a run whose payloads are encrypted"
                input { word: string }
                tools { note = echo { timeout 5s } }
                r = note(said: "${input.word}-%s")
                output { said: r.said }
                """.formatted(MARKER);
        AgentDefinition def = PlanText.parse("sealed.agent", text).definition();
        String canonical = JsonPlanCodec.encode(def);
        Map<String, String> lines = new LinkedHashMap<>();
        StepPaths.index(def.steps()).forEach((path, step) -> lines.put(path, "sealed.agent:" + step.span().line()));
        PinnedDefinition pinned = new PinnedDefinition(def.name(), 1, Sha256.of(canonical), canonical,
                "sealed.agent", lines);
        ToolActivity tools = new ToolActivity(ToolRegistry.of(BuiltinTools.create()), WorkerConfig.of(Map.of()));
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(converter).build()).build())) {
            AgentWorker.create(env.getWorkerFactory(), AgentWorker.Config.of("sealed", false, null, tools, null));
            env.start();
            WorkflowStub stub = env.getWorkflowClient().newUntypedWorkflowStub(InterpreterWorkflow.TYPE,
                    WorkflowOptions.newBuilder().setTaskQueue("sealed").setWorkflowId("sealed-1").build());
            stub.start(new RunRequest(pinned, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .put("word", "hello"), null, 0));
            RunResult result = stub.getResult(RunResult.class);
            assertEquals(RunState.COMPLETED, result.status(), String.valueOf(result.error()));
            assertEquals("hello-" + MARKER, result.output().get("said").asText(), "the client decrypts");

            WorkflowExecutionHistory history = env.getWorkflowClient().fetchHistory("sealed-1");
            String export = history.toJson(true);
            assertFalse(export.contains(MARKER));
            Matcher b64 = Pattern.compile("\"([A-Za-z0-9+/]{16,}={0,2})\"").matcher(export);
            int decoded = 0;
            while (b64.find()) {
                String data;
                try {
                    data = new String(Base64.getDecoder().decode(b64.group(1)), StandardCharsets.ISO_8859_1);
                } catch (IllegalArgumentException notBase64) {
                    continue;
                }
                assertFalse(data.contains(MARKER) || data.contains("hello"), "plain text in a payload: " + data);
                decoded++;
            }
            assertTrue(decoded > 5, "the scan saw the payloads");
            int encrypted = 0;
            for (HistoryEvent e : history.getEvents()) {
                if (e.hasWorkflowExecutionStartedEventAttributes()) {
                    for (Payload p : e.getWorkflowExecutionStartedEventAttributes().getInput().getPayloadsList()) {
                        assertEquals("binary/encrypted", p.getMetadataMap().get("encoding").toStringUtf8());
                        encrypted++;
                    }
                }
            }
            assertTrue(encrypted > 0);

            try (TestWorkflowEnvironment replay = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                    .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(converter).build()).build())) {
                Worker worker = AgentWorker.create(replay.getWorkerFactory(),
                        AgentWorker.Config.of("sealed-replay", true, null, tools, null));
                assertReplays(history, worker);
            }
        }
    }

    private static void assertReplays(WorkflowExecutionHistory history, Worker worker) {
        try {
            WorkflowReplayer.replayWorkflowExecution(history, worker);
        } catch (Exception e) {
            throw new AssertionError("the encrypted history does not replay: " + e, e);
        }
    }
}
