package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named external signals: buffered in arrival order until an {@code await signal} step takes
 * one, so a signal sent before the step waits is not lost.
 */
final class Signals {

    private final Map<String, ArrayDeque<JsonNode>> buffered = new LinkedHashMap<>();
    private final Map<String, Integer> waiting = new LinkedHashMap<>();

    void restore(Map<String, List<JsonNode>> saved) {
        if (saved == null) {
            return;
        }
        // Saved signals arrived before any delivered to this segment so far: they go first.
        Map<String, ArrayDeque<JsonNode>> later = new LinkedHashMap<>(buffered);
        buffered.clear();
        saved.forEach((name, values) -> buffered.computeIfAbsent(name, k -> new ArrayDeque<>()).addAll(values));
        later.forEach((name, values) -> buffered.computeIfAbsent(name, k -> new ArrayDeque<>()).addAll(values));
    }

    void deliver(String name, JsonNode payload) {
        buffered.computeIfAbsent(name, k -> new ArrayDeque<>()).addLast(payload);
    }

    boolean has(String name) {
        ArrayDeque<JsonNode> q = buffered.get(name);
        return q != null && !q.isEmpty();
    }

    /** The oldest buffered payload of that name, or null when there is none. */
    JsonNode take(String name) {
        ArrayDeque<JsonNode> q = buffered.get(name);
        if (q == null || q.isEmpty()) {
            return null;
        }
        JsonNode v = q.removeFirst();
        if (q.isEmpty()) {
            buffered.remove(name);
        }
        return v;
    }

    void startWaiting(String name) {
        waiting.merge(name, 1, Integer::sum);
    }

    void stopWaiting(String name) {
        waiting.computeIfPresent(name, (k, n) -> n <= 1 ? null : n - 1);
    }

    List<String> awaited() {
        return new ArrayList<>(waiting.keySet());
    }

    Map<String, List<JsonNode>> snapshot() {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        buffered.forEach((name, q) -> out.put(name, new ArrayList<>(q)));
        return out;
    }
}
