package dev.agentplan.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares what the interpreter computed during a replay ({@link ReplayRecorder}) with what the
 * history recorded: the input of every scheduled tool call (its arguments, step, line and
 * idempotency key), of every child run, of the next segment when the run continued as new, and the
 * run's result. Results and signals are what replay feeds the interpreter, so a changed result or
 * signal shows where something computed from it was recorded differently.
 */
final class ReplayComparison {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VALUE_CHARS = 120;

    /** Where the history and the recomputation part ways. */
    record Mismatch(long eventId, String step, String line, String problem) {
    }

    private ReplayComparison() {
    }

    /** The first mismatch, or null when every recorded payload is what the interpreter computes. */
    static Mismatch first(WorkflowExecutionHistory history, ReplayRecorder recorder) {
        List<ReplayRecorder.Call> calls = recorder.calls();
        boolean[] used = new boolean[calls.size()];
        int next = 0;
        for (HistoryEvent e : history.getEvents()) {
            switch (e.getEventType()) {
                case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
                    var a = e.getActivityTaskScheduledEventAttributes();
                    JsonNode recorded = tree(a.getInput());
                    int k = match(calls, used, next, a.getActivityType().getName(), identity(recorded));
                    if (k < 0) {
                        return new Mismatch(e.getEventId(), step(recorded), line(recorded), "the history schedules "
                                + a.getActivityType().getName() + " here, but this interpreter schedules no such call");
                    }
                    used[k] = true;
                    next = k + 1;
                    String diff = difference(recorded, tree(calls.get(k).input()), "");
                    if (diff != null) {
                        JsonNode computed = tree(calls.get(k).input());
                        return new Mismatch(e.getEventId(), first(step(recorded), step(computed)),
                                first(line(recorded), line(computed)),
                                "the call's input is not what this interpreter computes from the events before it: "
                                        + diff + " (a result, signal or decision it depends on was changed, or the "
                                        + "call itself)");
                    }
                }
                case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> {
                    var a = e.getStartChildWorkflowExecutionInitiatedEventAttributes();
                    ReplayRecorder.Call child = null;
                    for (ReplayRecorder.Call c : calls) {
                        if (a.getWorkflowId().equals(c.childWorkflowId())) {
                            child = c;
                        }
                    }
                    if (child == null) {
                        return new Mismatch(e.getEventId(), null, null, "the history starts child run "
                                + a.getWorkflowId() + " here, but this interpreter starts no such run");
                    }
                    String diff = difference(tree(a.getInput()), tree(child.input()), "");
                    if (diff != null) {
                        return new Mismatch(e.getEventId(), null, null, "child run " + a.getWorkflowId()
                                + "'s input is not what this interpreter computes from the events before it: " + diff);
                    }
                }
                case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> {
                    Payloads computed = recorder.continuedWith();
                    String diff = computed == null ? "this interpreter did not continue as new"
                            : difference(tree(e.getWorkflowExecutionContinuedAsNewEventAttributes().getInput()),
                                    tree(computed), "");
                    if (diff != null) {
                        return new Mismatch(e.getEventId(), null, null, "the state carried to the next segment is not "
                                + "what this interpreter computes: " + diff);
                    }
                }
                case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
                    Payloads computed = recorder.result();
                    JsonNode recorded = tree(e.getWorkflowExecutionCompletedEventAttributes().getResult());
                    String diff = computed == null ? "this interpreter did not complete the run"
                            : difference(recorded, tree(computed), "");
                    if (diff != null) {
                        return new Mismatch(e.getEventId(), outputField(diff), null, "the run's recorded result is "
                                + "not what this interpreter computes from the events before it: " + diff);
                    }
                }
                default -> {
                    // results, signals, decisions and timers are inputs to the replay, not outputs of it
                }
            }
        }
        return null;
    }

    /** The first unused call at or after {@code from} of that type and identity; failing that, of that type. */
    private static int match(List<ReplayRecorder.Call> calls, boolean[] used, int from, String type, String identity) {
        int sameType = -1;
        for (int k = from; k < calls.size(); k++) {
            ReplayRecorder.Call c = calls.get(k);
            if (used[k] || !type.equals(c.activityType())) {
                continue;
            }
            if (Objects.equals(identity, identity(tree(c.input())))) {
                return k;
            }
            if (sameType < 0) {
                sameType = k;
            }
        }
        return sameType;
    }

    /** A tool call is known by its step and idempotency key; anything else by its type alone. */
    private static String identity(JsonNode args) {
        JsonNode request = args.path(0);
        return request.isObject() ? request.path("stepPath").asText() + "|" + request.path("idempotencyKey").asText() : "";
    }

    private static String step(JsonNode args) {
        JsonNode s = args.path(0).path("stepPath");
        return s.isTextual() ? s.asText() : null;
    }

    private static String line(JsonNode args) {
        JsonNode s = args.path(0).path("sourceLine");
        return s.isTextual() && !s.asText().isEmpty() ? s.asText() : null;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /** {@code output field 'x'} when the difference is inside the output block. */
    private static String outputField(String diff) {
        String prefix = "/0/output/";
        if (diff.startsWith(prefix)) {
            String rest = diff.substring(prefix.length());
            int end = rest.indexOf(' ');
            String field = end < 0 ? rest : rest.substring(0, end);
            int slash = field.indexOf('/');
            return "output field '" + (slash < 0 ? field : field.substring(0, slash)) + "'";
        }
        return "output";
    }

    /** The first place two values differ, as {@code /pointer recorded X, computed Y}; null when equal. */
    static String difference(JsonNode recorded, JsonNode computed, String at) {
        // a field absent on one side and null on the other is the same value: a build that added a
        // (null) field to a payload has not changed what an older history recorded
        recorded = recorded == null ? NullNode.getInstance() : recorded;
        computed = computed == null ? NullNode.getInstance() : computed;
        if (Objects.equals(recorded, computed)) {
            return null;
        }
        if (recorded.isObject() && computed.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = recorded.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String d = difference(f.getValue(), computed.get(f.getKey()), at + "/" + f.getKey());
                if (d != null) {
                    return d;
                }
            }
            for (Iterator<String> it = computed.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!recorded.has(name) && !addedSinceRecorded(name, computed.get(name))) {
                    return at + "/" + name + " recorded (absent), computed " + clip(computed.get(name));
                }
            }
            return null; // equal but for fields the recording predates
        }
        if (recorded.isArray() && computed.isArray() && recorded.size() == computed.size()) {
            for (int i = 0; i < recorded.size(); i++) {
                String d = difference(recorded.get(i), computed.get(i), at + "/" + i);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return (at.isEmpty() ? "/" : at) + " recorded " + clip(recorded) + ", computed " + clip(computed);
    }

    /**
     * Fields of a call's or a child run's request that later versions of agentplan added: a history
     * recorded before them lacks them, and that is no tampering (none of them changes which tool is
     * called with which arguments). They are compared whenever the recorded payload has them; so is
     * any other field, except one a newer version computes as its default.
     */
    static final java.util.Set<String> ADDED_FIELDS = java.util.Set.of("secretTag", "secretNames", "retryJitter", "keySeed");

    /** Absent from the recording, and either one of {@link #ADDED_FIELDS} or a default (null, [], {}, false): a newer field. */
    private static boolean addedSinceRecorded(String name, JsonNode computed) {
        return computed == null || computed.isNull() || (computed.isContainerNode() && computed.isEmpty())
                || (computed.isBoolean() && !computed.booleanValue()) || ADDED_FIELDS.contains(name);
    }

    private static String clip(JsonNode v) {
        String s = v == null || v.isMissingNode() ? "(absent)" : v.toString();
        return s.length() <= VALUE_CHARS ? s : s.substring(0, VALUE_CHARS) + "…";
    }

    /** The payloads as a JSON array (the SDK's default converter writes JSON; a null is {@code binary/null}). */
    static JsonNode tree(Payloads payloads) {
        ArrayNode out = JSON.createArrayNode();
        if (payloads != null) {
            for (Payload p : PayloadEncryption.readable(payloads.getPayloadsList())) {
                out.add(tree(p));
            }
        }
        return out;
    }

    private static JsonNode tree(Payload p) {
        if (p.getData().isEmpty()) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(p.getData().toByteArray());
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode("(" + p.getData().size() + " bytes that are not JSON)");
        }
    }
}
