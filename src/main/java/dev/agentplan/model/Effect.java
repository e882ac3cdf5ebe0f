package dev.agentplan.model;

import java.util.Locale;

/** What calling a tool does to the world: drives approval and idempotency checks. */
public enum Effect {
    READ, WRITE, IRREVERSIBLE;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Effect fromKeyword(String keyword) {
        for (Effect e : values()) {
            if (e.keyword().equals(keyword)) {
                return e;
            }
        }
        return null;
    }
}
