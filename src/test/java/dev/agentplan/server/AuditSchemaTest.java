package dev.agentplan.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.runtime.api.ErrorInfo;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code agentplan history --json} is read by other tools: its field names are fixed (new ones may
 * be added at the end, with the README), and every one is documented in the README's schema table.
 */
class AuditSchemaTest {

    static final List<String> TRAIL = List.of("runId", "agent", "version", "sha256", "source", "inputs", "startedAt",
            "endedAt", "status", "output", "error", "segments", "events", "schemaVersion");
    static final List<String> ENTRY = List.of("type", "at", "endedAt", "eventId", "step", "line", "tool", "kind",
            "arguments", "result", "attempts", "lastFailure", "outcome", "who", "comment", "name", "payload", "detail",
            "compensates", "trigger");
    static final List<String> ERROR = List.of("type", "message", "step", "line", "details");

    private static List<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    @Test
    void theFieldsAreTheDocumentedOnesInTheirOrder() {
        assertEquals(TRAIL, names(AuditTrail.class));
        assertEquals(ENTRY, names(AuditEntry.class));
        assertEquals(ERROR, names(ErrorInfo.class));
        assertEquals(1, AuditTrail.SCHEMA_VERSION, "a rename or removal raises the version, and the README says so");
    }

    @Test
    void theReadmeDocumentsEveryField() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int at = readme.indexOf("### The audit trail as JSON");
        assertTrue(at >= 0, "the README has the schema section");
        String section = readme.substring(at, readme.indexOf("\n## ", at));
        for (String field : ENTRY) {
            assertTrue(section.contains("`" + field + "`"), "README documents " + field);
        }
        for (String field : TRAIL) {
            assertTrue(section.contains("`" + field + "`"), "README documents " + field);
        }
    }
}
