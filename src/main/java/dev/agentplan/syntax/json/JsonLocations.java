package dev.agentplan.syntax.json;

import dev.agentplan.model.SourceSpan;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each node of a JSON document was written: for every JSON pointer the value's start and
 * end, and for object members the key's position (unknown-property errors point at the key).
 */
final class JsonLocations {

    /** A 1-based start and end of a token or node, and the char offset of its start. */
    record Position(int line, int column, int endLine, int endColumn, long charOffset) {
    }

    private final String file;
    private final Map<String, Position> values = new HashMap<>();
    private final Map<String, Position> keys = new HashMap<>();

    JsonLocations(String file) {
        this.file = file == null ? "" : file;
    }

    String file() {
        return file;
    }

    void value(String pointer, Position position) {
        values.put(pointer, position);
    }

    void key(String pointer, Position position) {
        keys.put(pointer, position);
    }

    Position valuePosition(String pointer) {
        return values.get(pointer);
    }

    /** The span of the value at {@code pointer}, or of its nearest known ancestor. */
    SourceSpan span(String pointer) {
        return spanOf(pointer, values.get(pointer));
    }

    /** The span of the key naming {@code pointer}'s member, else of its value. */
    SourceSpan keySpan(String pointer) {
        Position key = keys.get(pointer);
        return key != null ? spanOf(pointer, key) : span(pointer);
    }

    private SourceSpan spanOf(String pointer, Position position) {
        String at = pointer;
        while (position == null && at != null) {
            at = JsonPointers.parent(at);
            position = at == null ? null : values.get(at);
        }
        if (position == null) {
            return new SourceSpan(file, 1, 1, 1, 1, pointer);
        }
        return new SourceSpan(file, position.line(), position.column(), position.endLine(), position.endColumn(),
                pointer);
    }
}
