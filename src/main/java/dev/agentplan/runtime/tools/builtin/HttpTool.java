package dev.agentplan.runtime.tools.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.tools.Arguments;
import dev.agentplan.runtime.tools.Tool;
import dev.agentplan.runtime.tools.ToolContext;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.ToolJson;
import dev.agentplan.runtime.tools.ToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.function.Supplier;

/**
 * {@code http}: one request. The result is {@code {status, headers, body, truncated}} with
 * lower-case header names and the body parsed when the response is JSON. 5xx, 429 and connection
 * errors are retryable {@code HttpError}s (honouring Retry-After); other 4xx are not retried.
 * Every request carries the call's idempotency key as {@code Idempotency-Key} (unless the plan
 * sets that header), so a server can apply a retried write once. Redirects follow the call's
 * {@code redirects} policy ({@link Redirects}): credentials never go on to another origin.
 */
public final class HttpTool implements Tool {

    public static final String HTTP_ERROR = "HttpError";

    /** The most response body bytes read; the rest is dropped and {@code truncated} is true. */
    public static final int MAX_BODY_BYTES = 192 * 1024;

    private static final Pattern METHOD = Pattern.compile("[A-Z]+");

    /** Built on first use: validation and workers that never call this tool skip the TLS start-up. */
    private final Supplier<HttpClient> client;
    private final Clock clock;

    public HttpTool() {
        this(HttpSupport.lazyClient(), Clock.systemUTC());
    }

    HttpTool(HttpClient client, Clock clock) {
        this(() -> client, clock);
    }

    private HttpTool(Supplier<HttpClient> client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public ToolKind kind() {
        return BuiltinToolKinds.HTTP;
    }

    @Override
    public ToolResult invoke(JsonNode arguments, ToolContext context) throws ToolFailure, InterruptedException {
        Arguments args = new Arguments(kind().name(), arguments);
        String method = args.string("method", "GET").trim().toUpperCase(Locale.ROOT);
        if (!METHOD.matcher(method).matches()) {
            throw args.invalid("'" + method + "' is not an HTTP method");
        }
        URI uri = uri(args, args.requiredString("url"), args.stringMap("query"));
        Map<String, String> headers = args.stringMap("headers");
        JsonNode requestBody = args.get("body");
        Redirects redirects = Redirects.from(args);
        String what = what(method, uri);
        HttpResponse<InputStream> response;
        BoundedBody body;
        for (int hop = 0; ; hop++) {
            try {
                response = client.get().send(request(args, uri, method, headers, requestBody, context),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw HttpSupport.connectionFailure(HTTP_ERROR, what, e);
            }
            URI next = followed(redirects, uri, response);
            if (next == null) {
                break;
            }
            try {
                response.body().close(); // the redirect's own body does not matter, however long it is
            } catch (IOException ignored) {
                // nothing to free
            }
            if (hop >= redirects.max()) {
                throw ToolFailure.nonRetryable(HTTP_ERROR, what + " was redirected more than " + redirects.max()
                        + " times (max_redirects)");
            }
            if (!Redirects.origin(next).equals(Redirects.origin(uri))) {
                headers = Redirects.withoutCredentials(headers, context); // and never sent again on this call
            }
            int status = response.statusCode();
            if (status == 303 && !method.equals("HEAD") || (status == 301 || status == 302) && method.equals("POST")) {
                method = "GET"; // what browsers do; 307 and 308 keep the method and the body
                requestBody = null;
                headers.keySet().removeIf(h -> h.equalsIgnoreCase("content-type") || h.equalsIgnoreCase("content-length"));
            }
            uri = next;
            what = what(method, uri);
        }
        try {
            body = BoundedBody.read(response.body(), MAX_BODY_BYTES);
        } catch (IOException e) {
            throw HttpSupport.connectionFailure(HTTP_ERROR, what, e);
        }
        int status = response.statusCode();
        if (status >= 400) {
            throw HttpSupport.statusFailure(HTTP_ERROR, what, status, response.headers(), body, clock);
        }
        ObjectNode result = ToolJson.object();
        result.put("status", status);
        result.set("headers", HttpSupport.headers(response.headers()));
        result.set("body", HttpSupport.decodeBody(response.headers(), body));
        result.put("truncated", body.truncated());
        return ToolResult.of(result);
    }

    private static HttpRequest request(Arguments args, URI uri, String method, Map<String, String> headers,
                                       JsonNode body, ToolContext context) throws ToolFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        context.attemptTimeout().ifPresent(request::timeout);
        try {
            headers.forEach(request::header);
            if (!hasHeader(headers, "idempotency-key") && context.idempotencyKey() != null
                    && !context.idempotencyKey().isBlank()) {
                request.header("Idempotency-Key", context.idempotencyKey());
            }
            request.method(method, body(body, headers, request));
        } catch (IllegalArgumentException badHeader) {
            throw args.invalid(badHeader.getMessage());
        }
        return request.build();
    }

    /** Where the response redirects to, if the policy follows it; null to take the response as it is. */
    private static URI followed(Redirects redirects, URI from, HttpResponse<?> response) {
        if (redirects.mode() == Redirects.Mode.NONE || redirects.max() == 0 || !Redirects.isRedirect(response.statusCode())) {
            return null;
        }
        String location = response.headers().firstValue("location").orElse(null);
        if (location == null || location.isBlank()) {
            return null;
        }
        URI next;
        try {
            next = from.resolve(new URI(location.trim()));
        } catch (java.net.URISyntaxException | IllegalArgumentException unreadable) {
            return null;
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        boolean downgrade = "https".equalsIgnoreCase(from.getScheme()) && scheme.equals("http");
        if (!(scheme.equals("http") || scheme.equals("https")) || next.getHost() == null || downgrade) {
            return null;
        }
        boolean sameOrigin = Redirects.origin(next).equals(Redirects.origin(from));
        return redirects.mode() == Redirects.Mode.SAME_ORIGIN && !sameOrigin ? null : next;
    }

    private static String what(String method, URI uri) {
        return method + " " + uri.getScheme() + "://" + uri.getAuthority() + uri.getRawPath();
    }

    private static URI uri(Arguments args, String url, Map<String, String> query) throws ToolFailure {
        String withQuery = url;
        if (!query.isEmpty()) {
            int hash = url.indexOf('#');
            String base = hash < 0 ? url : url.substring(0, hash);
            String fragment = hash < 0 ? "" : url.substring(hash);
            StringBuilder sb = new StringBuilder(base);
            char separator = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? 0 : '&') : '?';
            for (Map.Entry<String, String> p : query.entrySet()) {
                if (separator != 0) {
                    sb.append(separator);
                }
                sb.append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
            withQuery = sb.append(fragment).toString();
        }
        URI uri;
        try {
            uri = new URI(withQuery);
        } catch (java.net.URISyntaxException e) {
            throw args.invalid("'" + url + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw args.invalid("'" + url + "' is not an absolute http(s) URL");
        }
        return uri;
    }

    /** Objects, lists, numbers and booleans go as JSON, strings as text; none for a missing body. */
    private static HttpRequest.BodyPublisher body(JsonNode body, Map<String, String> headers, HttpRequest.Builder request) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        boolean hasType = hasHeader(headers, "content-type");
        if (body.isTextual()) {
            if (!hasType) {
                request.header("Content-Type", "text/plain; charset=utf-8");
            }
            return HttpRequest.BodyPublishers.ofString(body.textValue(), StandardCharsets.UTF_8);
        }
        if (!hasType) {
            request.header("Content-Type", "application/json");
        }
        try {
            return HttpRequest.BodyPublishers.ofByteArray(ToolJson.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static boolean hasHeader(Map<String, String> headers, String name) {
        for (String key : headers.keySet()) {
            if (key.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
