package dev.agentplan.server;

/** The Temporal server could not be reached, or did not answer in time. */
public final class ServerUnavailableException extends RuntimeException {

    private final String address;
    private final boolean timedOut;

    public ServerUnavailableException(String address, String message) {
        this(address, message, false);
    }

    /** @param timedOut true when a call got no answer in time (a query with no worker to answer it, typically) */
    public ServerUnavailableException(String address, String message, boolean timedOut) {
        super(message);
        this.address = address;
        this.timedOut = timedOut;
    }

    /** The standard one-line message for an address nothing answers on. */
    public static ServerUnavailableException at(String address) {
        return new ServerUnavailableException(address, "cannot reach the Temporal server at " + address
                + " (start one with: agentplan server)");
    }

    public String address() {
        return address;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
