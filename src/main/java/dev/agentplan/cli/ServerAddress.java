package dev.agentplan.cli;

/**
 * Checks a {@code HOST:PORT} server address before gRPC sees it: gRPC's resolver threads print a
 * stack trace for a port out of range, so a bad address is a one-line usage error (exit 2).
 */
final class ServerAddress {

    private ServerAddress() {
    }

    /** The address as given; throws a usage error naming {@code source} when it is not HOST:PORT. */
    static String check(String address, String source) {
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? "" : address.substring(0, colon);
        String port = colon < 0 ? "" : address.substring(colon + 1);
        String problem = null;
        if (colon <= 0 || host.isBlank()) {
            problem = "it needs a host and a port";
        } else if (host.contains(":") && !(host.startsWith("[") && host.endsWith("]"))) {
            problem = "write an IPv6 host in brackets, e.g. [::1]:7233";
        } else if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            problem = "the port must be a number";
        } else if (Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            problem = "the port must be between 1 and 65535";
        }
        if (problem != null) {
            throw new CliException(ExitCode.USAGE, source + " '" + address + "' is not a server address: " + problem
                    + " (use HOST:PORT, e.g. 127.0.0.1:7233)");
        }
        return address;
    }
}
