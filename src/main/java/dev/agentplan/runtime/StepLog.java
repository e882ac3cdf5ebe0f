package dev.agentplan.runtime;

import dev.agentplan.runtime.api.ActiveStep;
import dev.agentplan.runtime.api.StepLogEntry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The steps running now and the last finished ones (bounded), for the status query and audit. */
final class StepLog {

    static final int KEPT = 200;

    private final ArrayDeque<StepLogEntry> finished = new ArrayDeque<>();
    private final Map<String, Running> running = new LinkedHashMap<>();
    private long total;

    /** A step in progress; {@code waitingFor} changes as it waits for tools, humans, timers. */
    static final class Running {
        final String path;
        final String line;
        final String kind;
        final String iteration;
        final long since;
        String waitingFor;

        Running(String path, String line, String kind, String iteration, long since) {
            this.path = path;
            this.line = line;
            this.kind = kind;
            this.iteration = iteration;
            this.since = since;
        }
    }

    StepLog(List<StepLogEntry> restored, long total) {
        if (restored != null) {
            restored.forEach(this::keep);
        }
        this.total = total;
    }

    Running start(String path, String line, String kind, String iteration, long now) {
        Running r = new Running(path, line, kind, iteration, now);
        running.put(path + "|" + iteration, r);
        return r;
    }

    void finish(Running r, String tool, int attempts, String outcome, long now) {
        running.remove(r.path + "|" + r.iteration);
        add(new StepLogEntry(r.path, r.line, r.kind, tool, r.iteration, iso(r.since), iso(now), attempts, outcome));
    }

    void add(StepLogEntry entry) {
        keep(entry);
        total++;
    }

    private void keep(StepLogEntry entry) {
        finished.addLast(entry);
        while (finished.size() > KEPT) {
            finished.removeFirst();
        }
    }

    List<StepLogEntry> entries() {
        return new ArrayList<>(finished);
    }

    long total() {
        return total;
    }

    List<ActiveStep> active() {
        List<ActiveStep> out = new ArrayList<>();
        for (Running r : running.values()) {
            out.add(new ActiveStep(r.path, r.line, r.kind, r.iteration, iso(r.since), r.waitingFor));
        }
        return out;
    }

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
