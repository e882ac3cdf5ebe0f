package dev.agentplan.cli;

import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.api.PendingApproval;
import java.io.Console;
import java.util.Locale;

/** Asks a person at the terminal to decide an approval gate while {@code agentplan run} follows the run. */
final class ApprovalPrompt {

    /** Where answers come from: the console, or a script in tests. */
    @FunctionalInterface
    interface LineReader {
        /** Shows the prompt and returns the line typed, or null at the end of input. */
        String readLine(String format, Object... args);
    }

    private final LineReader console;
    private final String user;

    ApprovalPrompt(LineReader console, String user) {
        this.console = console;
        this.user = user;
    }

    /** The prompt when stdin and stdout are a terminal, else null (decisions then come from {@code agentplan approve}). */
    static ApprovalPrompt ifInteractive(String user) {
        Console c = System.console();
        return c == null ? null : new ApprovalPrompt(c::readLine, user);
    }

    /** The person's decision, or null when they leave it to {@code agentplan approve} (empty answer, end of input). */
    GateDecision ask(PendingApproval gate) {
        String answer;
        do {
            answer = console.readLine("  approve %s? [y/n, Enter to decide later]: ", gate.gate());
            if (answer == null || answer.isBlank()) {
                return null;
            }
            answer = answer.strip().toLowerCase(Locale.ROOT);
        } while (!answer.matches("y|yes|n|no"));
        boolean approved = answer.startsWith("y");
        String approver = user;
        if (!gate.approvers().isEmpty() && !gate.approvers().contains(user)) {
            String as = console.readLine("  decide as (one of %s): ", String.join(", ", gate.approvers()));
            if (as == null || as.isBlank()) {
                return null;
            }
            approver = as.strip();
        }
        String comment = console.readLine("  comment (optional): ");
        return new GateDecision(gate.gate(), approved, approver, comment == null || comment.isBlank() ? null : comment.strip());
    }
}
