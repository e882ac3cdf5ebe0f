package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.runtime.api.HandlerView;
import dev.agentplan.runtime.api.IntentEvent;
import dev.agentplan.runtime.api.IntentRecord;
import dev.agentplan.runtime.eval.Evaluator;
import dev.agentplan.runtime.eval.ExpressionError;
import dev.agentplan.runtime.eval.Values;
import io.temporal.workflow.CancellationScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The run's intent handlers ({@code on signal|update "name" as v: type}). Semantics, all
 * deterministic because they only touch workflow state on workflow threads:
 * <ul>
 *   <li>An event is applied the moment the run receives it, between two pieces of step work
 *       (Temporal delivers it at a workflow task boundary, never inside an expression): it sets
 *       the handler's variable, and every expression evaluated afterwards sees the new value. A
 *       call already running keeps the arguments it started with. Parallel lanes read the one
 *       variable (no snapshots): each lane sees the new value at its next evaluation.</li>
 *   <li>The latest event wins. Every active scope of the handler gets it (plan-wide: always;
 *       a block: while its body runs; one in a parallel {@code for each} body: each running iteration).</li>
 *   <li>A signal whose handler has no active scope is buffered (the latest per name) and applied
 *       when a block of its handler starts; an update in that case is refused, so its sender knows.</li>
 *   <li>{@code leave}: the block's body is cancelled (a running call, timer, wait or loop) and
 *       the walk goes on after the block; nothing is compensated, a {@code finally} inside is skipped.</li>
 *   <li>Continue-as-new: variables travel with the other variables, buffered signals and the
 *       recent events in {@link IntentState}; blocks in progress register again as the walk resumes.</li>
 * </ul>
 */
final class Intents {

    static final int RECENT = 20;
    private static final int PAYLOAD_CHARS = 200;

    /** A running scope of a handler: plan-wide (for the whole run) or one execution of a block. */
    static final class Active {
        final IntentHandler handler;
        final boolean leave;
        final String path;
        final Scope scope;
        CancellationScope body;
        boolean left;

        Active(IntentHandler handler, boolean leave, String path, Scope scope) {
            this.handler = handler;
            this.leave = leave;
            this.path = path;
            this.scope = scope;
        }
    }

    /** Every handler of the plan by event name, with where it is declared ("" plan-wide, else the step path). */
    private final Map<String, IntentHandler> declared = new LinkedHashMap<>();
    private final Map<String, String> declaredAt = new LinkedHashMap<>();
    private final Map<String, Boolean> declaredLeave = new LinkedHashMap<>();
    private final List<Active> active = new ArrayList<>();
    private final Map<String, IntentState.Buffered> buffered = new LinkedHashMap<>();
    private final List<IntentRecord> recent = new ArrayList<>();
    /** Events received before the plan was decoded: applied, in order, once it is. */
    private final List<IntentState.Buffered> early = new ArrayList<>();
    private final BiConsumer<String, String> ignore;
    private boolean started;
    private boolean finished;

    /** @param ignore records a signal the run could not honour (what, why) with the run's other ignored signals */
    Intents(BiConsumer<String, String> ignore) {
        this.ignore = ignore;
    }

    boolean hasHandlers() {
        return !declared.isEmpty();
    }

    /** Whether a signal of this name is meant for a handler (and not for an {@code await signal}). */
    boolean declares(String name) {
        return declared.containsKey(name);
    }

    /**
     * Learns the plan's handlers, binds the plan-wide variables (their defaults or null, unless a
     * continued run carries them already), restores what the previous segment carried, and then
     * applies the events that arrived before.
     */
    void start(AgentDefinition definition, Scope root, Evaluator evaluator, IntentState saved, boolean resumed,
               long now) {
        for (IntentHandler h : definition.handlers()) {
            declare(h, "", false);
        }
        StepPaths.walk(definition.steps(), "", (path, step) -> {
            if (step instanceof Step.HandleStep s) {
                declare(s.handler(), path, s.leave());
            }
        });
        if (saved != null) {
            if (saved.buffered() != null) {
                saved.buffered().forEach(b -> buffered.put(b.name(), b));
            }
            if (saved.recent() != null) {
                recent.addAll(0, saved.recent());
            }
        }
        for (IntentHandler h : definition.handlers()) {
            if (!resumed && h.variable() != null) {
                root.set(h.variable(), initial(h, root, evaluator, "plan-wide handler"));
            }
            active.add(new Active(h, false, "", root));
        }
        started = true;
        List<IntentState.Buffered> before = List.copyOf(early);
        early.clear();
        for (IntentState.Buffered b : before) {
            IntentEvent e = new IntentEvent(b.name(), b.payload(), b.by());
            String why = refusal(e, IntentHandler.Kind.SIGNAL);
            if (why == null) {
                receive(e, IntentHandler.Kind.SIGNAL, now);
            } else {
                ignored(e, why, now);
            }
        }
    }

    private void declare(IntentHandler h, String path, boolean leave) {
        declared.putIfAbsent(h.event(), h);
        declaredAt.putIfAbsent(h.event(), path);
        declaredLeave.putIfAbsent(h.event(), leave);
    }

    private static JsonNode initial(IntentHandler h, Scope scope, Evaluator evaluator, String what) {
        if (h.defaultValue() == null) {
            return NullNode.getInstance();
        }
        try {
            return evaluator.evaluate(h.defaultValue(), scope);
        } catch (ExpressionError e) {
            throw PlanError.of(ErrorTypes.EXPRESSION_ERROR, "the default of " + what + " \"" + h.event() + "\": "
                    + e.reason(), "", "");
        }
    }

    void finish() {
        finished = true;
    }

    // ---- events ----

    /** Why this event cannot be taken now, or null. A signal for a handler with no active scope is no refusal: it waits. */
    String refusal(IntentEvent e, IntentHandler.Kind sentAs) {
        if (e == null || e.name() == null || e.name().isBlank()) {
            return "an event needs a name";
        }
        if (finished) {
            return "the run has finished";
        }
        if (!started) {
            return sentAs == IntentHandler.Kind.SIGNAL ? null : "the run has not started its plan yet; try again";
        }
        IntentHandler h = declared.get(e.name());
        if (h == null) {
            return "the plan has no handler for \"" + e.name() + "\""
                    + (declared.isEmpty() ? "" : " (it handles: " + String.join(", ", declared.keySet()) + ")");
        }
        if (h.kind() != sentAs) {
            return "\"" + e.name() + "\" is handled as " + (h.kind() == IntentHandler.Kind.SIGNAL ? "a signal" : "an update")
                    + ": send it with `agentplan " + h.kind().keyword() + "`";
        }
        String type = IntentPayloads.problem(h, e.payload());
        if (type != null) {
            return type;
        }
        if (sentAs == IntentHandler.Kind.UPDATE && targets(e.name()).isEmpty()) {
            return "no handler of \"" + e.name() + "\" is in scope now (it holds while the block at step "
                    + declaredAt.get(e.name()) + " runs)";
        }
        return null;
    }

    /**
     * Takes an event that passed {@link #refusal} (a signal that did not is recorded as ignored by
     * the caller); returns the record of what it did.
     */
    IntentRecord receive(IntentEvent e, IntentHandler.Kind sentAs, long now) {
        String at = StepLog.iso(now);
        JsonNode payload = Values.orNull(e.payload());
        if (!started) {
            early.add(new IntentState.Buffered(e.name(), payload, e.by(), at));
            return note(e, sentAs, at, "received before the plan started; applied when it does");
        }
        List<Active> to = targets(e.name());
        if (to.isEmpty()) {
            IntentState.Buffered replaced = buffered.put(e.name(), new IntentState.Buffered(e.name(), payload, e.by(), at));
            return note(e, sentAs, at, "buffered until a block of its handler starts"
                    + (replaced == null ? "" : " (replaces the one from " + replaced.at() + ")"));
        }
        boolean leaving = false;
        for (Active a : to) {
            leaving |= apply(a, payload);
        }
        return note(e, sentAs, at, leaving ? "applied; leaving the block at step " + to.get(to.size() - 1).path : "applied");
    }

    /** A signal the run did not take, for status and audit. */
    void ignored(IntentEvent e, String why, long now) {
        note(e == null ? new IntentEvent("", null, null) : e, IntentHandler.Kind.SIGNAL, StepLog.iso(now),
                "ignored: " + why);
        ignore.accept("intent " + (e == null || e.name() == null ? "" : e.name()), why);
    }

    private boolean apply(Active a, JsonNode payload) {
        if (a.handler.variable() != null) {
            a.scope.set(a.handler.variable(), payload.deepCopy());
        }
        if (!a.leave || a.left) {
            return false;
        }
        a.left = true;
        if (a.body != null) {
            a.body.cancel("left on " + a.handler.kind().keyword() + " \"" + a.handler.event() + "\"");
        }
        return true;
    }

    private List<Active> targets(String name) {
        List<Active> out = new ArrayList<>();
        for (Active a : active) {
            if (a.handler.event().equals(name)) {
                out.add(a);
            }
        }
        return out;
    }

    private IntentRecord note(IntentEvent e, IntentHandler.Kind kind, String at, String outcome) {
        IntentRecord r = new IntentRecord(at, e.name(), kind.keyword(), e.by(),
                Values.summary(Values.orNull(e.payload()), PAYLOAD_CHARS), outcome);
        recent.add(r);
        while (recent.size() > RECENT) {
            recent.remove(0);
        }
        return r;
    }

    // ---- blocks ----

    /**
     * A block of a handler starts: binds its variable (not when a continued run re-enters it: the
     * variable came along) and applies a signal buffered for it.
     */
    Active enter(Step.HandleStep s, String path, Scope scope, Evaluator evaluator, boolean resumed, long now) {
        IntentHandler h = s.handler();
        if (!resumed && h.variable() != null) {
            scope.set(h.variable(), initial(h, scope, evaluator, "the handler"));
        }
        Active a = new Active(h, s.leave(), path, scope);
        active.add(a);
        IntentState.Buffered waiting = buffered.remove(h.event());
        if (waiting != null) {
            apply(a, waiting.payload());
            recent.add(new IntentRecord(StepLog.iso(now), waiting.name(), h.kind().keyword(), waiting.by(),
                    Values.summary(waiting.payload(), PAYLOAD_CHARS), "applied as the block at step " + path
                    + " started (buffered since " + waiting.at() + ")" + (a.left ? "; leaving it" : "")));
            while (recent.size() > RECENT) {
                recent.remove(0);
            }
        }
        return a;
    }

    void exit(Active a) {
        active.remove(a);
    }

    // ---- status and continue-as-new ----

    List<HandlerView> views(Map<String, String> lines) {
        List<HandlerView> out = new ArrayList<>();
        for (Map.Entry<String, IntentHandler> d : declared.entrySet()) {
            IntentHandler h = d.getValue();
            String path = declaredAt.get(d.getKey());
            List<Active> now = targets(d.getKey());
            String value = null;
            if (!now.isEmpty() && h.variable() != null) {
                JsonNode v = now.get(now.size() - 1).scope.lookup(h.variable());
                value = Values.summary(Values.orNull(v), PAYLOAD_CHARS);
            }
            out.add(new HandlerView(h.kind().keyword(), h.event(), h.variable(), h.type().keyword(),
                    path.isEmpty() ? "plan" : path, path.isEmpty() ? "" : lines.getOrDefault(path, ""),
                    declaredLeave.get(d.getKey()), !now.isEmpty(), value));
        }
        return out;
    }

    IntentRecord last() {
        return recent.isEmpty() ? null : recent.get(recent.size() - 1);
    }

    List<IntentRecord> recent() {
        return List.copyOf(recent);
    }

    List<String> bufferedNames() {
        return new ArrayList<>(buffered.keySet());
    }

    IntentState snapshot() {
        if (!hasHandlers() && recent.isEmpty()) {
            return null;
        }
        List<IntentState.Buffered> carry = new ArrayList<>(buffered.values());
        carry.addAll(early);
        return new IntentState(carry, new ArrayList<>(recent));
    }
}
