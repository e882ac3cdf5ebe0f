package dev.agentplan.bench;

/** The two ways the same work runs. */
public enum Side {
    HAND_WRITTEN("hand-written"),
    INTERPRETER("interpreter");

    public final String label;

    Side(String label) {
        this.label = label;
    }
}
