package dev.agentplan.runtime.tools.builtin;

import dev.agentplan.runtime.tools.Arguments;
import dev.agentplan.runtime.tools.ToolContext;
import dev.agentplan.runtime.tools.ToolFailure;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How an {@code http} call follows redirects (its arguments {@code redirects} and
 * {@code max_redirects}): {@code follow} (the default) follows up to {@code max_redirects} (default
 * 5, at most 20; 0 is the same as {@code none}) and drops credentials when a redirect leaves the origin, as browsers and curl
 * do; {@code same-origin} follows only redirects within the origin; {@code none} follows none. A
 * redirect that is not followed (or from https to http) is the call's result, with its status and
 * {@code location} header.
 */
record Redirects(Mode mode, int max) {

    enum Mode { FOLLOW, SAME_ORIGIN, NONE }

    static final int DEFAULT_MAX = 5;
    static final int LIMIT = 20;

    static Redirects from(Arguments args) throws ToolFailure {
        String text = args.string("redirects", "follow").trim().toLowerCase(Locale.ROOT);
        Mode mode = switch (text) {
            case "follow" -> Mode.FOLLOW;
            case "same-origin" -> Mode.SAME_ORIGIN;
            case "none" -> Mode.NONE;
            default -> throw args.invalid("'redirects' must be \"follow\", \"same-origin\" or \"none\", not '" + text + "'");
        };
        var given = args.number("max_redirects");
        int max = DEFAULT_MAX;
        if (given != null) {
            if (!given.canConvertToInt() || given.decimalValue().stripTrailingZeros().scale() > 0
                    || given.intValue() < 0 || given.intValue() > LIMIT) {
                throw args.invalid("'max_redirects' must be a whole number from 0 to " + LIMIT + ", not " + given);
            }
            max = given.intValue();
        }
        return new Redirects(mode, max);
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Scheme, host and port: what browsers call the origin. */
    static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }

    /**
     * The headers that may go to another origin: without {@code Authorization},
     * {@code Proxy-Authorization}, {@code Cookie}, API keys, tokens and anything else named like a
     * credential, and without every header whose value carries a secret of the call.
     */
    static Map<String, String> withoutCredentials(Map<String, String> headers, ToolContext context) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!isCredentialName(name) && !context.revealsSecret(value)) {
                out.put(name, value);
            }
        });
        return out;
    }

    static boolean isCredentialName(String header) {
        String n = header.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.equals("proxy-authorization") || n.equals("cookie")
                || n.contains("auth") || n.contains("token") || n.contains("secret") || n.contains("password")
                || n.contains("session") || n.contains("cookie") || n.contains("credential") || n.contains("signature")
                || n.endsWith("key") || n.contains("api-key") || n.contains("apikey");
    }
}
