package dev.agentplan.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.limits.Limits;
import java.io.PrintWriter;

/**
 * Checks a value the CLI is about to send to Temporal (a run's inputs, a signal's payload)
 * against Temporal's payload limits before anything is sent: over the limit is a usage error
 * (exit 2), over the warning size a warning on stderr.
 */
final class PayloadLimit {

    private PayloadLimit() {
    }

    static void check(JsonNode value, String what, PrintWriter err) {
        long bytes;
        try {
            bytes = CliJson.MAPPER.writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.USAGE, what + " cannot be written as JSON: " + e.getOriginalMessage());
        }
        if (bytes > Limits.PAYLOAD_MAX_BYTES) {
            throw new CliException(ExitCode.USAGE, what + " is " + Limits.bytes(bytes) + ", over Temporal's limit of "
                    + Limits.bytes(Limits.PAYLOAD_MAX_BYTES) + " for one payload; pass a reference to big data (a URL,"
                    + " a path a tool can read) instead of the data itself");
        }
        if (bytes > Limits.PAYLOAD_WARN_BYTES && err != null) {
            err.println("warning: " + what + " is " + Limits.bytes(bytes) + ", over Temporal's warning size of "
                    + Limits.bytes(Limits.PAYLOAD_WARN_BYTES) + " for one payload");
            err.flush();
        }
    }
}
