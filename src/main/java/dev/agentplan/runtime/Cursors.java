package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.InterpreterState.Cursor;
import dev.agentplan.runtime.InterpreterState.LoopCursor;
import dev.agentplan.runtime.InterpreterState.ModelLoopCursor;
import dev.agentplan.runtime.InterpreterState.TryCursor;
import dev.agentplan.runtime.api.ErrorInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The walk's position in sequential (safe) code: kept up to date while walking so a safe point
 * can save it, and, after a continue-as-new, the saved position each construct takes its own
 * part of as the walk re-enters it (each entry is used once, top-down, then resuming is over).
 */
final class Cursors {

    private final Map<String, Integer> liveBodies = new LinkedHashMap<>();
    private final Map<String, LoopCursor> liveLoops = new LinkedHashMap<>();
    private final Map<String, TryCursor> liveTries = new LinkedHashMap<>();
    private final Map<String, ModelLoopCursor> liveModels = new LinkedHashMap<>();

    private final Map<String, Integer> resumeBodies = new LinkedHashMap<>();
    private final Map<String, LoopCursor> resumeLoops = new LinkedHashMap<>();
    private final Map<String, TryCursor> resumeTries = new LinkedHashMap<>();
    private final Map<String, ModelLoopCursor> resumeModels = new LinkedHashMap<>();

    Cursors(Cursor saved) {
        if (saved != null) {
            if (saved.bodies() != null) {
                resumeBodies.putAll(saved.bodies());
            }
            if (saved.loops() != null) {
                resumeLoops.putAll(saved.loops());
            }
            if (saved.tries() != null) {
                resumeTries.putAll(saved.tries());
            }
            if (saved.models() != null) {
                resumeModels.putAll(saved.models());
            }
        }
    }

    // ---- resuming ----

    /** Whether the step at {@code path} was in progress when the run continued as new. */
    boolean resumes(String path) {
        if (resumeLoops.containsKey(path) || resumeTries.containsKey(path) || resumeModels.containsKey(path)) {
            return true;
        }
        String inside = path + "/";
        for (String body : resumeBodies.keySet()) {
            if (body.startsWith(inside)) {
                return true;
            }
        }
        return false;
    }

    /** The index to resume the body at, or 0 when it was not in progress. */
    int takeBody(String prefix) {
        Integer i = resumeBodies.remove(prefix);
        return i == null ? 0 : i;
    }

    boolean resumesBody(String prefix) {
        return resumeBodies.containsKey(prefix);
    }

    LoopCursor takeLoop(String path) {
        return resumeLoops.remove(path);
    }

    TryCursor takeTry(String path) {
        return resumeTries.remove(path);
    }

    ModelLoopCursor takeModelLoop(String path) {
        return resumeModels.remove(path);
    }

    // ---- the live position ----

    void atBody(String prefix, int index) {
        liveBodies.put(prefix, index);
    }

    void leaveBody(String prefix) {
        liveBodies.remove(prefix);
    }

    void atLoop(String path, int iteration, JsonNode items) {
        liveLoops.put(path, new LoopCursor(iteration, items));
    }

    void leaveLoop(String path) {
        liveLoops.remove(path);
    }

    void atTry(String path, String phase, int catchIndex, ErrorInfo pending) {
        liveTries.put(path, new TryCursor(phase, catchIndex, pending));
    }

    void leaveTry(String path) {
        liveTries.remove(path);
    }

    void atModelLoop(String path, ModelLoopCursor cursor) {
        liveModels.put(path, cursor);
    }

    void leaveModelLoop(String path) {
        liveModels.remove(path);
    }

    Cursor snapshot() {
        // null when no model loop is running: states carried before loops existed had no such field
        return new Cursor(new LinkedHashMap<>(liveBodies), new LinkedHashMap<>(liveLoops),
                new LinkedHashMap<>(liveTries), liveModels.isEmpty() ? null : new LinkedHashMap<>(liveModels));
    }
}
