package dev.agentplan.runtime;

import dev.agentplan.runtime.InterpreterState.Cursor;
import dev.agentplan.runtime.InterpreterState.LoopCursor;
import dev.agentplan.runtime.InterpreterState.ModelLoopCursor;
import dev.agentplan.runtime.InterpreterState.TryCursor;
import dev.agentplan.runtime.ResumeFrame.BodyFrame;
import dev.agentplan.runtime.ResumeFrame.LoopFrame;
import dev.agentplan.runtime.ResumeFrame.ModelLoopFrame;
import dev.agentplan.runtime.ResumeFrame.TryFrame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The walk's resume frames. Live: the stack of constructs in progress in sequential (safe) code,
 * kept up to date while walking so a safe point can save it. Resume: after a continue-as-new,
 * the saved stack; each construct takes its own frame as the walk re-enters it (each is used
 * once, top-down, then resuming is over).
 *
 * <p>Every method takes the {@link Frame} the caller runs in and does nothing in concurrent work
 * (a parallel lane or iteration): only sequential code is saved and resumed. This is the one place
 * that rule lives.
 */
final class Frames {

    private final List<ResumeFrame> live = new ArrayList<>();
    private final List<ResumeFrame> resume = new ArrayList<>();
    private final Runnable safePoint;

    /**
     * @param saved the saved frames, outermost first (or null)
     * @param safePoint continues as new when the history has grown enough (it then does not return)
     */
    Frames(List<ResumeFrame> saved, Runnable safePoint) {
        if (saved != null) {
            resume.addAll(saved);
        }
        this.safePoint = safePoint;
    }

    /** A safe point, in sequential code only: the live frames describe exactly where the walk is. */
    void safePoint(Frame f) {
        if (f.safe()) {
            safePoint.run();
        }
    }

    // ---- resuming ----

    /** Whether the step at {@code path} was in progress when the run continued as new. */
    boolean resumes(Frame f, String path) {
        if (!f.safe()) {
            return false;
        }
        String inside = path + "/";
        for (ResumeFrame r : resume) {
            if (r instanceof BodyFrame ? r.key().startsWith(inside) : r.key().equals(path)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the body at {@code prefix} was in progress. */
    boolean resumesBody(Frame f, String prefix) {
        return f.safe() && find(resume, BodyFrame.class, prefix) >= 0;
    }

    /** Takes the saved frame of that kind for {@code key}, or null when there is none (or the work is concurrent). */
    <T extends ResumeFrame> T take(Frame f, Class<T> kind, String key) {
        if (!f.safe()) {
            return null;
        }
        int i = find(resume, kind, key);
        return i < 0 ? null : kind.cast(resume.remove(i));
    }

    // ---- the live position ----

    /** Records where a construct is now (replacing its earlier frame, keeping its place in the stack). */
    void at(Frame f, ResumeFrame frame) {
        if (!f.safe()) {
            return;
        }
        int i = find(live, frame.getClass(), frame.key());
        if (i < 0) {
            live.add(frame);
        } else {
            live.set(i, frame);
        }
    }

    /** The construct is done (or failed): nothing of it is saved any more. */
    void leave(Frame f, Class<? extends ResumeFrame> kind, String key) {
        if (!f.safe()) {
            return;
        }
        int i = find(live, kind, key);
        if (i >= 0) {
            live.remove(i);
        }
    }

    private static int find(List<ResumeFrame> frames, Class<?> kind, String key) {
        for (int i = 0; i < frames.size(); i++) {
            ResumeFrame r = frames.get(i);
            if (kind.isInstance(r) && r.key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The live stack, outermost first. */
    List<ResumeFrame> snapshot() {
        return List.copyOf(live);
    }

    // ---- the carried form: continue-as-new inputs hold the cursor maps ----

    /**
     * The frames of a carried state: its {@code frames} when it has them, else its cursor maps
     * (the form every recorded history holds), put in stack order.
     */
    static List<ResumeFrame> of(InterpreterState saved) {
        if (saved == null) {
            return List.of();
        }
        return saved.frames() != null ? saved.frames() : fromCursor(saved.cursor());
    }

    /** The cursor maps as a stack: they lie on one path of the plan, so a shorter key is further out. */
    static List<ResumeFrame> fromCursor(Cursor c) {
        List<ResumeFrame> out = new ArrayList<>();
        if (c == null) {
            return out;
        }
        if (c.bodies() != null) {
            c.bodies().forEach((prefix, index) -> out.add(new BodyFrame(prefix, index)));
        }
        if (c.loops() != null) {
            c.loops().forEach((path, l) -> out.add(new LoopFrame(path, l.iteration(), l.items())));
        }
        if (c.tries() != null) {
            c.tries().forEach((path, t) -> out.add(new TryFrame(path, t.phase(), t.catchIndex(), t.pending())));
        }
        if (c.models() != null) {
            c.models().forEach((path, m) -> out.add(new ModelLoopFrame(path, m)));
        }
        out.sort(Comparator.comparingInt(r -> r.key().length())); // stable: keeps each map's own order
        return out;
    }

    /**
     * The stack as cursor maps, each in stack order: exactly what this interpreter has always
     * carried, so the state a recorded run continued with is computed again unchanged on replay,
     * and a worker of an earlier build can still resume a run this one continued.
     */
    static Cursor toCursor(List<ResumeFrame> frames) {
        Map<String, Integer> bodies = new LinkedHashMap<>();
        Map<String, LoopCursor> loops = new LinkedHashMap<>();
        Map<String, TryCursor> tries = new LinkedHashMap<>();
        Map<String, ModelLoopCursor> models = new LinkedHashMap<>();
        for (ResumeFrame r : frames) {
            if (r instanceof BodyFrame b) {
                bodies.put(b.prefix(), b.index());
            } else if (r instanceof LoopFrame l) {
                loops.put(l.path(), new LoopCursor(l.iteration(), l.items()));
            } else if (r instanceof TryFrame t) {
                tries.put(t.path(), new TryCursor(t.phase(), t.catchIndex(), t.pending()));
            } else if (r instanceof ModelLoopFrame m) {
                models.put(m.path(), m.cursor());
            }
        }
        // null when no model loop is running: states carried before loops existed had no such field
        return new Cursor(bodies, loops, tries, models.isEmpty() ? null : models);
    }
}
