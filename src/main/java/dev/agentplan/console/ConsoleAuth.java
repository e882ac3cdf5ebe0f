package dev.agentplan.console;

import java.util.Optional;

/**
 * Who may use the console: users from a users file (passwords or tokens, only hashes kept), and
 * optionally a trusted reverse-proxy header naming the user, off unless configured (anyone who can
 * reach the port could otherwise send it: bind the console where only the proxy can).
 */
public record ConsoleAuth(UserFile users, String trustedHeader) {

    public ConsoleAuth {
        users = users == null ? UserFile.of(java.util.List.of()) : users;
        trustedHeader = trustedHeader == null || trustedHeader.isBlank() ? null : trustedHeader.strip();
    }

    Optional<String> login(String user, String secret) {
        return users.login(user, secret);
    }

    Optional<String> bearer(String token) {
        return users.bearer(token);
    }

    /** The user a trusted proxy names, when that is configured and the name is well formed. */
    Optional<String> fromProxy(String headerValue) {
        if (trustedHeader == null || headerValue == null) {
            return Optional.empty();
        }
        String v = headerValue.strip();
        return UserFile.validName(v) ? Optional.of(v) : Optional.empty();
    }
}
