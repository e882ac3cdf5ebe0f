package dev.agentplan.validate.bounds;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.validate.flow.NodeLabels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The words and JSON of bounds, shared by {@code validate --bounds} and {@code diff}. */
public final class BoundsText {

    private BoundsText() {
    }

    /** Each figure by its name, in print order. */
    public static Map<String, Figure> figures(PlanBounds b) {
        Map<String, Figure> m = new LinkedHashMap<>();
        m.put("tool calls", b.toolCalls());
        m.put("steps", b.steps());
        m.put("duration", b.durationMillis());
        m.put("cost", b.cost());
        m.put("history events", b.historyEvents());
        m.put("history bytes", b.historyBytes());
        return m;
    }

    /** A figure for people: {@code 12}, {@code 4h3m}, {@code 1.2 MiB}, or {@code unknown: why (file:line:col)}. */
    public static String value(String name, Figure f) {
        if (!f.known()) {
            return "unknown: " + f.unknownWhy() + (f.at().isKnown() ? " (" + f.at().location() + ")" : "");
        }
        return switch (name) {
            case "duration" -> NodeLabels.duration(Duration.ofMillis(f.value()));
            case "history bytes" -> bytes(f.value());
            default -> String.format(Locale.ROOT, "%,d", f.value());
        };
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024));
    }

    /** The lines {@code validate --bounds} prints under a plan's diagnostics. */
    public static List<String> lines(PlanBounds b) {
        List<String> out = new ArrayList<>();
        out.add("worst case over all paths:");
        out.add(row("tool calls", value("tool calls", b.toolCalls())
                + (b.undoCalls().known() && b.undoCalls().value() > 0
                ? " (" + b.undoCalls().value() + " of them compensations)" : "")));
        out.add(row("steps", value("steps", b.steps())));
        String capped = b.planDurationMillis().equals(b.durationMillis()) ? ""
                : " (the duration budget stops the run; its steps alone could take "
                + value("duration", b.planDurationMillis()) + ")";
        out.add(row("duration", value("duration", b.durationMillis()) + capped));
        out.add(row("cost", value("cost", b.cost())));
        String history = value("history events", b.historyEvents());
        if (b.historyEvents().known()) {
            history += " events, " + value("history bytes", b.historyBytes()) + " (estimated) in "
                    + b.segments().value() + (b.segments().value() == 1 ? " segment" : " continue-as-new segments");
            if (b.largestChunkEvents().known() && b.largestChunkEvents().value() > 0) {
                history += "; largest parallel step " + String.format(Locale.ROOT, "%,d", b.largestChunkEvents().value())
                        + " events";
            }
        }
        out.add(row("history", history));
        for (String note : b.notes()) {
            out.add("  note: " + note);
        }
        return out;
    }

    private static String row(String name, String value) {
        return String.format(Locale.ROOT, "  %-11s %s", name, value);
    }

    /** The JSON of one figure: {@code {"value": 12}} or {@code {"unknown": "why", "at": "file:line:col"}}. */
    public static ObjectNode json(Figure f) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (f.known()) {
            n.put("value", f.value());
        } else {
            n.put("unknown", f.unknownWhy());
            if (f.at().isKnown()) {
                n.put("at", f.at().location());
            }
        }
        return n;
    }

    /** The JSON of all bounds. */
    public static ObjectNode json(PlanBounds b) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.set("toolCalls", json(b.toolCalls()));
        n.set("undoCalls", json(b.undoCalls()));
        n.set("steps", json(b.steps()));
        n.set("durationMs", json(b.durationMillis()));
        n.set("planDurationMs", json(b.planDurationMillis()));
        n.set("cost", json(b.cost()));
        n.set("historyEvents", json(b.historyEvents()));
        n.set("historyBytes", json(b.historyBytes()));
        n.set("segments", json(b.segments()));
        n.set("largestParallelEvents", json(b.largestChunkEvents()));
        b.notes().forEach(n.putArray("notes")::add);
        n.put("method", b.method());
        return n;
    }
}
