package dev.agentplan.repository;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.Sha256;
import java.util.List;

/** Tag logs as agentplan wrote them before heads existed: hash-chained lines without a {@code v}. */
final class LegacyTagLog {

    private LegacyTagLog() {
    }

    /** @param moves each {tag, from (Integer or null), to} */
    static String of(String agent, List<Object[]> moves) {
        StringBuilder log = new StringBuilder();
        String previous = "";
        for (Object[] m : moves) {
            ObjectNode entry = SealedJson.MAPPER.createObjectNode();
            entry.put("tag", (String) m[0]);
            if (m[1] == null) {
                entry.putNull("from");
            } else {
                entry.put("from", (Integer) m[1]);
            }
            entry.put("to", (Integer) m[2]);
            entry.put("by", "old");
            entry.put("at", "2024-01-01T00:00:00Z");
            entry.put("prev", previous);
            String line = SealedJson.sealLine(entry);
            previous = Sha256.of(line);
            log.append(line).append('\n');
        }
        return log.toString();
    }
}
