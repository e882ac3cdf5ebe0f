package dev.agentplan.cli;

import dev.agentplan.server.AuditTrail;

/** A run's audit trail as {@code agentplan history} prints it (no colour): what the console's run page shows. */
public final class HistoryText {

    private HistoryText() {
    }

    public static String of(AuditTrail trail) {
        return ConsoleLauncher.historyText(trail);
    }
}
