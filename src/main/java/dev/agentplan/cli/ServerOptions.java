package dev.agentplan.cli;

import dev.agentplan.server.Connection;
import picocli.CommandLine.Option;

/** {@code --address} and {@code --namespace}, shared by every command that talks to a Temporal server. */
final class ServerOptions {

    @Option(names = "--address", paramLabel = "HOST:PORT",
            description = "The Temporal server (default: $AGENTPLAN_ADDRESS, else " + Connection.DEFAULT_ADDRESS + ").")
    String address;

    @Option(names = "--namespace", paramLabel = "NS",
            description = "The Temporal namespace (default: $AGENTPLAN_NAMESPACE, else " + Connection.DEFAULT_NAMESPACE + ").")
    String namespace;

    String address() {
        String given = firstSet(address, System.getenv("AGENTPLAN_ADDRESS"), Connection.DEFAULT_ADDRESS);
        String source = firstSet(address) != null ? "--address" : firstSet(System.getenv("AGENTPLAN_ADDRESS")) != null
                ? "AGENTPLAN_ADDRESS" : "the default address";
        return ServerAddress.check(given, source);
    }

    String namespace() {
        return firstSet(namespace, System.getenv("AGENTPLAN_NAMESPACE"), Connection.DEFAULT_NAMESPACE);
    }

    /** Connects, or fails with the one-line "cannot reach" error (exit 4). */
    Connection connect() {
        return Connection.open(address(), namespace());
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
