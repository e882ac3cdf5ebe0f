package dev.agentplan.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Immutable copies that keep order (Map.copyOf does not), because argument order is part of a plan's text. */
final class Ordered {

    private Ordered() {
    }

    static <V> Map<String, V> map(Map<String, V> source) {
        return source == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    static <T> List<T> list(List<T> source) {
        return source == null ? List.of() : List.copyOf(source);
    }
}
