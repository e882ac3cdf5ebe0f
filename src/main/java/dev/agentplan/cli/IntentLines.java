package dev.agentplan.cli;

import dev.agentplan.runtime.api.HandlerView;
import dev.agentplan.runtime.api.IntentRecord;
import dev.agentplan.runtime.api.RunStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/** The intent-handler lines of {@code status}: each declared handler, the last intent received, what is buffered. */
final class IntentLines {

    private IntentLines() {
    }

    static void print(PrintWriter out, RunStatus status, Function<String, String> label, String indent) {
        List<HandlerView> handlers = status.handlers() == null ? List.of() : status.handlers();
        String first = label.apply("handlers");
        for (HandlerView h : handlers) {
            out.println(first + "on " + h.kind() + " \"" + h.event() + "\""
                    + (h.variable() == null ? "" : " as " + h.variable() + ": " + h.type())
                    + (h.leave() ? " leave" : "")
                    + "  " + (h.scope().equals("plan") ? "plan-wide" : "block at step " + h.scope()
                    + (h.line().isEmpty() ? "" : " (" + h.line() + ")"))
                    + (h.active() ? (h.value() == null ? ", active" : ", now " + h.value()) : ", not in scope now"));
            first = indent;
        }
        IntentRecord last = status.lastIntent();
        if (last != null) {
            out.println(label.apply("intent") + last.kind() + " \"" + last.name() + "\" " + last.payload()
                    + " at " + last.at() + (last.by() == null ? "" : " by " + last.by()) + ": " + last.outcome());
        }
        if (status.bufferedIntents() != null && !status.bufferedIntents().isEmpty()) {
            out.println(label.apply("buffered") + String.join(", ", status.bufferedIntents())
                    + " (applied when a block of the handler starts)");
        }
    }
}
