package dev.agentplan.server;

/** The Temporal server could not be reached, or did not answer in time. */
public final class ServerUnavailableException extends RuntimeException {

    private final String address;

    public ServerUnavailableException(String address, String message) {
        super(message);
        this.address = address;
    }

    /** The standard one-line message for an address nothing answers on. */
    public static ServerUnavailableException at(String address) {
        return new ServerUnavailableException(address, "cannot reach the Temporal server at " + address
                + " (start one with: agentplan server)");
    }

    public String address() {
        return address;
    }
}
