package dev.agentplan.runtime.api;

/** Where a run is; the last three are final. */
public enum RunState {
    RUNNING, WAITING_APPROVAL, WAITING_SIGNAL, WAITING_TIMER, COMPLETED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
