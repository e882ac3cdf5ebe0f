package dev.agentplan.runtime.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.ToolJson;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** What the HTTP-based tools share: status mapping, Retry-After, headers and body decoding. */
final class HttpSupport {

    /** How much of an error response body goes into the failure's details. */
    static final int ERROR_BODY_PREVIEW_BYTES = 4096;

    private HttpSupport() {
    }

    /** A client created on the first call and shared after that. */
    static Supplier<HttpClient> lazyClient() {
        return new Supplier<>() {
            private volatile HttpClient client;

            @Override
            public HttpClient get() {
                HttpClient c = client;
                if (c == null) {
                    synchronized (this) {
                        c = client;
                        if (c == null) {
                            c = newClient();
                            client = c;
                        }
                    }
                }
                return c;
            }
        };
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER) // the tools follow redirects themselves, by policy
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** 429 and 5xx may succeed later; other 4xx will not. */
    static boolean retryableStatus(int status) {
        return status == 429 || status >= 500;
    }

    /**
     * A failure for an error status, with {@code {status, body}} as details and the server's
     * Retry-After (only for retryable statuses).
     */
    static ToolFailure statusFailure(String type, String what, int status, HttpHeaders headers, BoundedBody body, Clock clock) {
        boolean retryable = retryableStatus(status);
        ObjectNode details = ToolJson.object();
        details.put("status", status);
        details.set("headers", headers(headers));
        details.set("body", decodeBody(headers, new BoundedBody(prefix(body.bytes(), ERROR_BODY_PREVIEW_BYTES), false)));
        Duration retryAfter = retryable ? retryAfter(headers.firstValue("retry-after").orElse(null), clock) : null;
        return new ToolFailure(type, what + " returned HTTP " + status, retryable, retryAfter, details);
    }

    /** Connection refused, reset, timed out…: the request may not have reached the server, so retry. */
    static ToolFailure connectionFailure(String type, String what, IOException e) {
        ObjectNode details = ToolJson.object();
        details.putNull("status");
        details.put("error", e instanceof HttpTimeoutException ? "timeout" : String.valueOf(e.getMessage()));
        String reason = e instanceof HttpTimeoutException ? "timed out" : "failed: " + describe(e);
        return new ToolFailure(type, what + " " + reason, true, null, details);
    }

    /**
     * Retry-After as delay-seconds or an HTTP-date; null when absent or unreadable. A date in the
     * past means "now".
     */
    static Duration retryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException tooBig) {
                return null;
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration delay = Duration.between(clock.instant(), at);
            return delay.isNegative() ? Duration.ZERO : delay;
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    /** Lower-case header names, each with its values joined by ", ", sorted by name. */
    static ObjectNode headers(HttpHeaders headers) {
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : headers.map().entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(":")) {
                sorted.merge(name, String.join(", ", e.getValue()), (a, b) -> a + ", " + b);
            }
        }
        ObjectNode out = ToolJson.object();
        sorted.forEach(out::put);
        return out;
    }

    /** Parsed JSON when the response says it is JSON (and it parses), else text. */
    static JsonNode decodeBody(HttpHeaders headers, BoundedBody body) {
        String contentType = headers.firstValue("content-type").orElse("");
        if (body.bytes().length == 0) {
            return ToolJson.NODES.textNode("");
        }
        if (!body.truncated() && isJson(contentType)) {
            try {
                return ToolJson.MAPPER.readTree(body.bytes());
            } catch (IOException notJsonAfterAll) {
                // fall through to text
            }
        }
        return ToolJson.NODES.textNode(body.text(charset(contentType)));
    }

    static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json") || mediaType.equals("text/json");
    }

    static Charset charset(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Charset.forName(p.substring("charset=".length()).replace("\"", "").trim());
                } catch (IllegalArgumentException unknown) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static byte[] prefix(byte[] bytes, int max) {
        if (bytes.length <= max) {
            return bytes;
        }
        byte[] out = new byte[max];
        System.arraycopy(bytes, 0, out, 0, max);
        return out;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
