package dev.agentplan.regress;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One side of a compared call: what was called, with which arguments, where.
 *
 * @param seq the call's number in its run
 * @param line {@code file.agent:LINE} of its step (may be empty)
 */
public record CallView(int seq, String tool, JsonNode args, String step, String line) {

    /** {@code refund(amount: 80, …) at step 2/then/1 (refund_router.agent:22)}. */
    public String describe() {
        return tool + "(" + brief(args) + ") at step " + step + (line == null || line.isEmpty() ? "" : " (" + line + ")");
    }

    static String brief(JsonNode args) {
        if (args == null || !args.isObject()) {
            return args == null ? "" : args.toString();
        }
        StringBuilder b = new StringBuilder();
        args.fields().forEachRemaining(f -> {
            if (b.length() > 0) {
                b.append(", ");
            }
            String v = f.getValue().toString();
            b.append(f.getKey()).append(": ").append(v.length() > 60 ? v.substring(0, 57) + "…" : v);
        });
        return b.toString();
    }
}
