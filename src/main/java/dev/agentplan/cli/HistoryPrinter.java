package dev.agentplan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.DurationText;
import dev.agentplan.server.AuditEntry;
import dev.agentplan.server.AuditTrail;
import java.io.PrintWriter;

/** A run's audit trail for a person: one block per tool call, decision, signal, timer and child run. */
final class HistoryPrinter {

    private static final int VALUE_CHARS = 160;
    private static final String INDENT = "                ";

    private final Terminal term;

    HistoryPrinter(Terminal term) {
        this.term = term;
    }

    void print(AuditTrail t) {
        PrintWriter out = term.out();
        out.println(term.bold("run " + t.runId()) + "  " + t.agent() + (t.version() > 0 ? "@" + t.version() : " (not deployed)")
                + "  sha256 " + (t.sha256() == null ? "?" : t.sha256().substring(0, Math.min(12, t.sha256().length())))
                + (t.source() == null ? "" : "  from " + t.source()));
        out.println("started " + HumanTime.dateTime(HumanTime.parse(t.startedAt())) + "  inputs " + clip(t.inputs())
                + (t.segments() > 1 ? "  (" + t.segments() + " segments)" : ""));
        out.println(term.dim("times are UTC"));
        for (AuditEntry e : t.events()) {
            entry(out, e);
        }
        String end = t.endedAt() == null ? "" : time(t.endedAt()) + "  ";
        switch (t.status()) {
            case "COMPLETED" -> out.println(end + term.green("completed") + "  output " + clip(t.output()));
            case "RUNNING" -> out.println(term.cyan("still running"));
            default -> out.println(end + term.red(t.status().toLowerCase())
                    + (t.error() == null ? "" : "  " + RunOutcome.describe(t.error())));
        }
        out.flush();
    }

    private void entry(PrintWriter out, AuditEntry e) {
        String at = time(e.at()) + "  ";
        switch (e.type()) {
            case "tool" -> {
                if (ModelTurns.isTurn(e)) {
                    ModelTurns.print(out, term, e, at, INDENT);
                    return;
                }
                boolean undo = e.compensates() != null;
                out.println(at + term.bold(undo ? "undo" : "tool") + "     " + e.tool() + " (" + e.kind() + ")  at "
                        + StepTitles.where(e.step(), e.line(), null)
                        + (undo ? term.yellow("  compensation of event " + e.compensates()) : ""));
                if (undo) {
                    out.println(INDENT + "after   " + e.trigger());
                }
                out.println(INDENT + "args    " + clip(e.arguments()));
                String took = e.endedAt() == null ? "" : " after " + HumanTime.duration(HumanTime.between(e.at(), e.endedAt()));
                String attempts = e.attempts() == null ? "" : ", " + e.attempts() + (e.attempts() == 1 ? " attempt" : " attempts");
                if (e.outcome() == null) {
                    out.println(INDENT + term.cyan("running") + attempts);
                } else if (e.outcome().equals("ok")) {
                    out.println(INDENT + "result  " + term.green("ok") + took + attempts + ": " + clip(e.result()));
                    if (e.comment() != null) {
                        out.println(INDENT + term.dim(e.comment() + ": the run had moved on, the result was not used"));
                    }
                } else if (e.outcome().equals("cancelled") && e.result() != null) {
                    out.println(INDENT + "result  " + term.yellow("cancelled") + took + attempts + ": " + clip(e.result()));
                    out.println(INDENT + term.dim(e.comment()));
                } else {
                    out.println(INDENT + "result  " + term.red(e.outcome()) + took + attempts);
                }
                if (e.lastFailure() != null) {
                    out.println(INDENT + "retried after " + e.lastFailure());
                }
            }
            case "approval" -> {
                out.println(at + term.bold("approval") + " " + e.name() + " "
                        + ("approved".equals(e.outcome()) ? term.green("approved") : term.red(String.valueOf(e.outcome())))
                        + (e.who() == null ? "" : " by " + e.who())
                        + (e.comment() == null || e.comment().isBlank() ? "" : ": \"" + e.comment() + "\"")
                        + (e.step() == null ? "" : "  at " + StepTitles.where(e.step(), e.line(), null)));
                out.println(INDENT + term.dim("by " + e.detail()));
            }
            case "cancel" -> out.println(at + term.bold("cancel") + "   requested by " + e.who()
                    + (e.comment() == null ? "" : ": \"" + e.comment() + "\"")
                    + (e.outcome() != null && e.outcome().startsWith("refused") ? "  " + e.outcome() : "")
                    + term.dim("  (" + e.detail() + ")"));
            case "reset" -> out.println(at + term.bold("reset") + "    " + e.comment() + "  (" + e.detail() + ")");
            case "cancel_request" -> out.println(at + term.bold("cancel") + "   requested through Temporal by " + e.who());
            case "signal" -> {
                out.println(at + term.bold("signal") + "   " + e.name() + "  payload " + clip(e.payload())
                        + term.dim("  (" + e.detail() + ")"));
                if (e.outcome() != null) {
                    out.println(INDENT + term.yellow(e.outcome()));
                }
            }
            case "intent" -> out.println(at + term.bold("intent") + "   " + e.name() + "  payload " + clip(e.payload())
                    + (e.who() == null ? "" : "  sent by " + e.who()) + term.dim("  (" + e.detail() + ")"));
            case "timer" -> out.println(at + term.bold("timer") + "    " + length(e.detail())
                    + (e.name() == null ? "" : " (" + e.name() + (e.line() == null ? "" : ", " + e.line()) + ")") + " "
                    + (e.outcome() == null ? "waiting" : e.outcome()) + (e.endedAt() == null ? "" : " at " + time(e.endedAt())));
            case "child" -> out.println(at + term.bold("child") + "    " + e.name() + " run " + e.detail() + " "
                    + (e.outcome() == null ? "running" : e.outcome()) + (e.result() == null ? "" : ": " + clip(e.result())));
            case "resolve" -> out.println(at + term.bold("resolve") + "  " + e.name() + " "
                    + (e.outcome() == null ? "" : e.outcome()) + (e.detail() == null ? "" : " (" + e.detail() + ")"));
            case "segment" -> out.println(at + term.dim(e.detail()));
            default -> out.println(at + e.type() + " " + (e.name() == null ? "" : e.name()));
        }
    }

    private static String length(String isoDuration) {
        DurationText.Parsed parsed = DurationText.parse(isoDuration, DurationText.Syntax.PLAN_OR_ISO_8601);
        return parsed.ok() ? HumanTime.duration(parsed.duration().toMillis()) : String.valueOf(isoDuration);
    }

    private static String time(String iso) {
        return HumanTime.clock(HumanTime.parse(iso));
    }

    static String clip(JsonNode value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        return s.length() <= VALUE_CHARS ? s : s.substring(0, VALUE_CHARS) + "… (" + s.length() + " chars)";
    }
}
