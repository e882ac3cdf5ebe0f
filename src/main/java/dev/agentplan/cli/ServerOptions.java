package dev.agentplan.cli;

import dev.agentplan.server.Connection;
import dev.agentplan.server.ConnectionSettings;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How every command that talks to a Temporal server finds it: {@code --address},
 * {@code --namespace}, TLS and an API key. Each falls back to agentplan's variable, then to the
 * Temporal CLI's ({@code TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE}, {@code TEMPORAL_API_KEY},
 * {@code TEMPORAL_TLS*}), so someone who uses {@code temporal} already needs nothing new.
 */
final class ServerOptions {

    @Option(names = "--address", paramLabel = "HOST:PORT",
            description = "The Temporal server (default: $AGENTPLAN_ADDRESS, $TEMPORAL_ADDRESS, else " + Connection.DEFAULT_ADDRESS + ").")
    String address;

    @Option(names = "--namespace", paramLabel = "NS",
            description = "The Temporal namespace (default: $AGENTPLAN_NAMESPACE, $TEMPORAL_NAMESPACE, else " + Connection.DEFAULT_NAMESPACE + ").")
    String namespace;

    @Option(names = "--tls", negatable = true,
            description = "Use TLS (default: $TEMPORAL_TLS; on when a TLS file, --tls-server-name or an API key is given).")
    Boolean tls;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "Client certificate (PEM) for mutual TLS (default: $TEMPORAL_TLS_CERT).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "Its private key (PEM, PKCS#8) (default: $TEMPORAL_TLS_KEY).")
    Path tlsKey;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "CA certificate (PEM) to trust instead of the system's (default: $TEMPORAL_TLS_CA).")
    Path tlsCa;

    @Option(names = "--tls-server-name", paramLabel = "NAME", description = "The server name TLS checks (default: $TEMPORAL_TLS_SERVER_NAME).")
    String tlsServerName;

    @Option(names = "--api-key", paramLabel = "KEY", description = "API key sent with every call (default: $TEMPORAL_API_KEY; "
            + "prefer the variable: a command line is visible to other users).")
    String apiKey;

    /** The environment, replaceable for tests. */
    Map<String, String> env = System.getenv();

    String address() {
        String given = firstSet(address, env.get("AGENTPLAN_ADDRESS"), env.get("TEMPORAL_ADDRESS"), Connection.DEFAULT_ADDRESS);
        String source = firstSet(address) != null ? "--address"
                : firstSet(env.get("AGENTPLAN_ADDRESS")) != null ? "AGENTPLAN_ADDRESS"
                : firstSet(env.get("TEMPORAL_ADDRESS")) != null ? "TEMPORAL_ADDRESS" : "the default address";
        return ServerAddress.check(given, source);
    }

    /** True when an address was given (option or variable) rather than defaulted. */
    boolean addressGiven() {
        return firstSet(address, env.get("AGENTPLAN_ADDRESS"), env.get("TEMPORAL_ADDRESS")) != null;
    }

    String namespace() {
        return firstSet(namespace, env.get("AGENTPLAN_NAMESPACE"), env.get("TEMPORAL_NAMESPACE"), Connection.DEFAULT_NAMESPACE);
    }

    ConnectionSettings settings() {
        return new ConnectionSettings(address(), namespace(), tls != null ? tls : bool("TEMPORAL_TLS"),
                pem("--tls-cert", tlsCert, "TEMPORAL_TLS_CERT"), pem("--tls-key", tlsKey, "TEMPORAL_TLS_KEY"),
                pem("--tls-ca", tlsCa, "TEMPORAL_TLS_CA"),
                firstSet(tlsServerName, env.get("TEMPORAL_TLS_SERVER_NAME")),
                Boolean.TRUE.equals(bool("TEMPORAL_TLS_DISABLE_HOST_VERIFICATION")),
                firstSet(apiKey, env.get("TEMPORAL_API_KEY")));
    }

    /** Connects, or fails with the one-line "cannot reach" error (exit 4), or a TLS file error (exit 2). */
    Connection connect() {
        return Connection.open(settings());
    }

    private ConnectionSettings.Pem pem(String option, Path file, String variable) {
        if (file != null) {
            return new ConnectionSettings.Pem(option, file, null);
        }
        String path = env.get(variable);
        if (path != null && !path.isBlank()) {
            return new ConnectionSettings.Pem("$" + variable, Path.of(path.strip()), null);
        }
        String data = env.get(variable + "_DATA");
        if (data != null && !data.isBlank()) {
            return new ConnectionSettings.Pem("$" + variable + "_DATA", null, data);
        }
        return null;
    }

    private Boolean bool(String variable) {
        String v = env.get(variable);
        if (v == null || v.isBlank()) {
            return null;
        }
        return switch (v.strip().toLowerCase()) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new CliException(ExitCode.USAGE, "$" + variable + "=" + v + ": use true or false");
        };
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
