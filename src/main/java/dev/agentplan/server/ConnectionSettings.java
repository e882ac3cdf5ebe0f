package dev.agentplan.server;

/**
 * Where a Temporal server is and how to talk to it: address, namespace, TLS (mutual TLS with a
 * client certificate and key, a CA to trust, a server name) and an API key. PEM material is given
 * as a file or as its text (the Temporal CLI's {@code TEMPORAL_TLS_*_DATA} variables).
 *
 * @param tls true or false when set explicitly; null: on when any TLS setting or an API key is
 *     given, as the Temporal CLI does
 */
public record ConnectionSettings(String address, String namespace, Boolean tls, Pem cert, Pem key, Pem ca,
                                 String serverName, boolean disableHostVerification, String apiKey) {

    /** PEM text from a file ({@code path}) or given directly ({@code data}); {@code what} names it in errors. */
    public record Pem(String what, java.nio.file.Path path, String data) {
    }

    /** Plain text (no TLS), no API key. */
    public static ConnectionSettings plain(String address, String namespace) {
        return new ConnectionSettings(address, namespace, false, null, null, null, null, false, null);
    }

    /** Whether the connection uses TLS. */
    public boolean usesTls() {
        if (tls != null) {
            return tls;
        }
        return cert != null || key != null || ca != null || serverName != null || disableHostVerification
                || (apiKey != null && !apiKey.isBlank());
    }
}
