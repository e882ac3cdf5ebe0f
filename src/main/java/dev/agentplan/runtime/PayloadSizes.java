package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.limits.Limits;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Sizes of what the interpreter hands to Temporal (activity and child-run inputs, the carried
 * state of continue-as-new, the run's result), checked against {@link Limits#PAYLOAD_MAX_BYTES}
 * before Temporal sees them: an oversized payload would fail the workflow task on every attempt
 * and wedge the run, so the run fails with {@code PayloadTooLarge} instead. Sizes are those of
 * the default data converter's serialized form, a pure function of the value (deterministic).
 */
final class PayloadSizes {

    private PayloadSizes() {
    }

    /**
     * The serialized size of one payload holding {@code value}, by the SDK's standard converter
     * (fixed, whatever converter or codec a deployment registers: a pure function of the value).
     */
    static long of(Object value) {
        return DefaultDataConverter.STANDARD_INSTANCE.toPayload(value).map(p -> (long) p.getSerializedSize()).orElse(0L);
    }

    /**
     * Fails with {@code PayloadTooLarge} when {@code value} is over the payload limit; logs a
     * warning (replay-safe logger) over Temporal's warning size.
     */
    static void check(Object value, String what, String step, String line) {
        long bytes = of(value);
        if (bytes > Limits.PAYLOAD_MAX_BYTES) {
            throw tooLarge(what, bytes, step, line, "");
        }
        if (bytes > Limits.PAYLOAD_WARN_BYTES) {
            Workflow.getLogger(PayloadSizes.class).warn("{} is {}: over Temporal's warning size of {} for one payload"
                    + " ({})", what, Limits.bytes(bytes), Limits.bytes(Limits.PAYLOAD_WARN_BYTES), Walker.where(step, line));
        }
    }

    static PlanError tooLarge(String what, long bytes, String step, String line, String more) {
        return PlanError.of(ErrorTypes.PAYLOAD_TOO_LARGE, (line.isEmpty() ? "" : line + ": ") + what + " is "
                + Limits.bytes(bytes) + ", over Temporal's limit of " + Limits.bytes(Limits.PAYLOAD_MAX_BYTES)
                + " for one payload" + more + "; keep big data out of the run (store it with a tool and pass a"
                + " reference), see the README, 'Limits'", step, line);
    }

    /** ", the largest: name (size), …" for the biggest variables of a state, for the message. */
    static String largest(Map<String, JsonNode> variables) {
        List<Map.Entry<String, Long>> sizes = new ArrayList<>();
        variables.forEach((name, value) -> sizes.add(Map.entry(name, of(value))));
        sizes.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        List<String> top = new ArrayList<>();
        for (int i = 0; i < Math.min(3, sizes.size()); i++) {
            top.add(sizes.get(i).getKey() + " (" + Limits.bytes(sizes.get(i).getValue()) + ")");
        }
        return top.isEmpty() ? "" : "; the largest variables: " + String.join(", ", top);
    }
}
