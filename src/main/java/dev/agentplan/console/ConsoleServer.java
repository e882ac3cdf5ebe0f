package dev.agentplan.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentplan.repository.NotFoundException;
import dev.agentplan.repository.RepositoryException;
import dev.agentplan.server.RefusedException;
import dev.agentplan.server.RunNotFoundException;
import dev.agentplan.server.ServerUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The approvals console: pages and a JSON API over {@link ConsoleOperations}, served with the
 * JDK's own HTTP server (no dependency, no framework). Every route but the login form and the
 * static files needs a signed-in user (else 401); every POST from a browser session must carry the
 * session's CSRF token and come from this origin (else 403). Bearer-token clients need no CSRF
 * token: a token is never sent by a browser on its own.
 */
public final class ConsoleServer implements AutoCloseable {

    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer http;
    private final ExecutorService pool;
    private final ConsoleOperations ops;
    private final ConsoleAuth auth;
    private final Sessions sessions = new Sessions(Clock.systemUTC());
    private final PrintWriter log;

    private record Caller(String user, Sessions.Session session, boolean bearer) {
    }

    private ConsoleServer(HttpServer http, ExecutorService pool, ConsoleOperations ops, ConsoleAuth auth, PrintWriter log) {
        this.http = http;
        this.pool = pool;
        this.ops = ops;
        this.auth = auth;
        this.log = log;
    }

    /**
     * Starts serving on {@code bind:port} (port 0: a free one).
     *
     * @param log where decisions and signals are noted (who, what; never a secret)
     * @throws ConsoleConfigException when the port cannot be taken
     */
    public static ConsoleServer start(String bind, int port, ConsoleOperations ops, ConsoleAuth auth, PrintWriter log) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(bind, port), 0);
        } catch (IOException e) {
            throw new ConsoleConfigException("the console cannot listen on " + bind + ":" + port + " (" + e.getMessage()
                    + "): choose another --console port, or stop what uses it");
        }
        ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "agentplan-console");
            t.setDaemon(true);
            return t;
        });
        ConsoleServer server = new ConsoleServer(http, pool, ops, auth, log);
        http.createContext("/", server::handle);
        http.setExecutor(pool);
        http.start();
        return server;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The address to open, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        String host = http.getAddress().getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port() + "/";
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }

    // ---- dispatch ----

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            handleExchange(ex);
        } finally {
            BODIES.remove(ex);
        }
    }

    private void handleExchange(HttpExchange ex) throws IOException {
        try {
            secureHeaders(ex);
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            if (path.startsWith("/static/") && method.equals("GET")) {
                serveStatic(ex, path.substring("/static/".length()));
                return;
            }
            if (path.equals("/login")) {
                if (method.equals("POST")) {
                    login(ex);
                } else {
                    html(ex, 200, Pages.login(null, query(ex).get("next")));
                }
                return;
            }
            Optional<Caller> caller = caller(ex);
            if (caller.isEmpty()) {
                unauthorized(ex, path);
                return;
            }
            Caller c = caller.get();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                String csrfProblem = csrfProblem(ex, c);
                if (csrfProblem != null) {
                    json(ex, 403, error("forbidden", csrfProblem));
                    return;
                }
            }
            if (path.equals("/logout") && method.equals("POST")) {
                sessions.end(c.session() == null ? null : c.session().id());
                ex.getResponseHeaders().add("Set-Cookie", Sessions.COOKIE + "=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict");
                redirect(ex, "/login");
                return;
            }
            if (path.startsWith("/api/")) {
                api(ex, method, segments(path.substring(5)), c);
            } else {
                page(ex, method, path, c);
            }
        } catch (RuntimeException e) {
            // a bug, not the user's doing: one line, never the request's data
            log.println("agentplan console: error on " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + ": "
                    + e.getClass().getSimpleName());
            log.flush();
            try {
                json(ex, 500, error("internal", "the console could not answer this request"));
            } catch (IOException | RuntimeException alreadySent) {
                // the response had started
            }
        }
    }

    private Optional<Caller> caller(HttpExchange ex) {
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.bearer(authorization.substring(7).strip()).map(u -> new Caller(u, null, true));
        }
        Optional<Sessions.Session> session = sessions.find(cookie(ex, Sessions.COOKIE));
        if (auth.trustedHeader() != null) {
            Optional<String> proxied = auth.fromProxy(ex.getRequestHeaders().getFirst(auth.trustedHeader()));
            if (proxied.isEmpty()) {
                return Optional.empty();
            }
            Sessions.Session s = session.filter(x -> x.user().equals(proxied.get())).orElseGet(() -> {
                Sessions.Session fresh = sessions.create(proxied.get());
                ex.getResponseHeaders().add("Set-Cookie", cookieHeader(fresh));
                return fresh;
            });
            return Optional.of(new Caller(s.user(), s, false));
        }
        return session.map(s -> new Caller(s.user(), s, false));
    }

    /** Why a state-changing request is not from this console's own pages, or null when it is. */
    private static String csrfProblem(HttpExchange ex, Caller c) {
        if (c.bearer()) {
            return null;
        }
        String site = ex.getRequestHeaders().getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return "cross-site request refused (Sec-Fetch-Site: " + site + ")";
        }
        String origin = ex.getRequestHeaders().getFirst("Origin");
        String host = ex.getRequestHeaders().getFirst("Host");
        if (origin != null && !(origin.equals("http://" + host) || origin.equals("https://" + host))) {
            return "cross-origin request refused (Origin " + origin + ")";
        }
        String token = ex.getRequestHeaders().getFirst("X-CSRF-Token");
        if (token == null && "application/x-www-form-urlencoded".equals(contentType(ex))) {
            try {
                String body = new String(readBody(ex), StandardCharsets.UTF_8);
                token = form(body).get("csrf");
            } catch (IOException unreadable) {
                token = null;
            }
        }
        if (c.session() == null || !Sessions.sameToken(c.session().csrf(), token)) {
            return "missing or wrong CSRF token: reload the page and try again";
        }
        return null;
    }

    private void unauthorized(HttpExchange ex, String path) throws IOException {
        if (path.startsWith("/api/")) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"agentplan console\"");
            json(ex, 401, error("unauthorized", "sign in, or send Authorization: Bearer TOKEN"));
        } else {
            String next = ex.getRequestMethod().equals("GET") ? ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery()) : "/runs";
            html(ex, 401, Pages.login(null, next));
        }
    }

    private void login(HttpExchange ex) throws IOException {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        String host = ex.getRequestHeaders().getFirst("Host");
        if (origin != null && !(origin.equals("http://" + host) || origin.equals("https://" + host))) {
            html(ex, 403, Pages.login("sign in from the console's own page", "/runs"));
            return;
        }
        Map<String, String> form = form(new String(readBody(ex), StandardCharsets.UTF_8));
        String next = form.getOrDefault("next", "/runs");
        if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
            next = "/runs"; // never redirect off this console
        }
        Optional<String> user = auth.login(form.get("user"), form.get("password"));
        if (user.isEmpty()) {
            log.println("agentplan console: failed sign-in for user '" + safe(form.get("user")) + "'");
            log.flush();
            html(ex, 401, Pages.login("wrong user name or password", next));
            return;
        }
        Sessions.Session s = sessions.create(user.get());
        ex.getResponseHeaders().add("Set-Cookie", cookieHeader(s));
        redirect(ex, next);
    }

    private static String cookieHeader(Sessions.Session s) {
        return Sessions.COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + Sessions.LIFETIME.toSeconds();
    }

    // ---- pages ----

    private void page(HttpExchange ex, String method, String path, Caller c) throws IOException {
        if (!method.equals("GET")) {
            json(ex, 405, error("method", "use GET for pages"));
            return;
        }
        List<String> seg = segments(path);
        Map<String, String> q = query(ex);
        String csrf = c.session() == null ? null : c.session().csrf();
        try {
            if (seg.isEmpty()) {
                redirect(ex, "/runs");
            } else if (seg.equals(List.of("runs"))) {
                html(ex, 200, Html.page("Runs", "runs", c.user(), csrf,
                        Pages.runs(ops.runs(q.get("agent"), q.get("state"), q.get("q")), q.get("agent"), q.get("state"), q.get("q"))));
            } else if (seg.size() == 2 && seg.get(0).equals("runs")) {
                Views.RunView v = ops.run(seg.get(1));
                html(ex, 200, Html.page("run " + v.runId(), "runs", c.user(), csrf, Pages.run(v, ops.graphSvg(v.runId(), v), c.user())));
            } else if (seg.equals(List.of("approvals"))) {
                html(ex, 200, Html.page("Approvals", "approvals", c.user(), csrf, Pages.approvals(ops.approvals(), c.user())));
            } else if (seg.equals(List.of("definitions"))) {
                html(ex, 200, Html.page("Definitions", "definitions", c.user(), csrf, Pages.definitions(ops.definitions())));
            } else if (seg.size() == 2 && seg.get(0).equals("definitions")) {
                Views.DefinitionView d = ops.definition(seg.get(1), intOrNull(q.get("version")));
                html(ex, 200, Html.page(d.name(), "definitions", c.user(), csrf,
                        Pages.definition(d, ops.definitionSvg(d.name(), d.version()))));
            } else if (seg.size() == 3 && seg.get(0).equals("definitions") && seg.get(2).equals("diff")) {
                Views.DiffView d = ops.diff(seg.get(1) + "@" + q.getOrDefault("from", "1"), seg.get(1) + "@" + q.getOrDefault("to", "latest"));
                html(ex, 200, Html.page("diff " + seg.get(1), "definitions", c.user(), csrf, Pages.diff(seg.get(1), d)));
            } else {
                html(ex, 404, Html.page("Not found", "", c.user(), csrf, Pages.error("no such page: " + path)));
            }
        } catch (RunNotFoundException | NotFoundException e) {
            html(ex, 404, Html.page("Not found", "", c.user(), csrf, Pages.error(e.getMessage())));
        } catch (BadRequestException e) {
            html(ex, 400, Html.page("Bad request", "", c.user(), csrf, Pages.error(e.getMessage())));
        } catch (ServerUnavailableException | RepositoryException e) {
            html(ex, 503, Html.page("Unavailable", "", c.user(), csrf, Pages.error(e.getMessage())));
        }
    }

    // ---- API ----

    private void api(HttpExchange ex, String method, List<String> seg, Caller c) throws IOException {
        Map<String, String> q = query(ex);
        try {
            if (method.equals("GET")) {
                Object answer = apiGet(seg, q, c);
                if (answer == null) {
                    json(ex, 404, error("not_found", "no such API route: /api/" + String.join("/", seg)));
                } else {
                    json(ex, 200, answer);
                }
                return;
            }
            if (!method.equals("POST")) {
                json(ex, 405, error("method", "use GET or POST"));
                return;
            }
            JsonNode body = readJson(ex);
            if (seg.size() == 4 && seg.get(0).equals("runs") && seg.get(2).equals("approvals")) {
                decide(ex, seg.get(1), seg.get(3), body, c);
            } else if (seg.size() == 4 && seg.get(0).equals("runs") && seg.get(2).equals("signals")) {
                signal(ex, seg.get(1), seg.get(3), body, c);
            } else {
                json(ex, 404, error("not_found", "no such API route: POST /api/" + String.join("/", seg)));
            }
        } catch (BadRequestException e) {
            json(ex, 400, error("bad_request", e.getMessage()));
        } catch (RefusedException e) {
            json(ex, 409, error("refused", e.getMessage()));
        } catch (RunNotFoundException | NotFoundException e) {
            json(ex, 404, error("not_found", e.getMessage()));
        } catch (ServerUnavailableException | RepositoryException e) {
            json(ex, 503, error("unavailable", e.getMessage()));
        }
    }

    private Object apiGet(List<String> seg, Map<String, String> q, Caller c) {
        if (seg.equals(List.of("me"))) {
            return Map.of("user", c.user(), "namespace", ops.namespace());
        }
        if (seg.equals(List.of("runs"))) {
            return Map.of("runs", ops.runs(q.get("agent"), q.get("state"), q.get("q")));
        }
        if (seg.size() == 2 && seg.get(0).equals("runs")) {
            return ops.run(seg.get(1));
        }
        if (seg.size() == 3 && seg.get(0).equals("runs") && seg.get(2).equals("history")) {
            return ops.trail(seg.get(1));
        }
        if (seg.equals(List.of("approvals"))) {
            return Map.of("approvals", ops.approvals());
        }
        if (seg.equals(List.of("definitions"))) {
            return Map.of("definitions", ops.definitions());
        }
        if (seg.size() == 2 && seg.get(0).equals("definitions")) {
            return ops.definition(seg.get(1), intOrNull(q.get("version")));
        }
        if (seg.equals(List.of("diff"))) {
            if (q.get("from") == null || q.get("to") == null) {
                throw new BadRequestException("give from=NAME@V and to=NAME@V");
            }
            return ops.diff(q.get("from"), q.get("to"));
        }
        return null;
    }

    private void decide(HttpExchange ex, String runId, String gate, JsonNode body, Caller c) throws IOException {
        String decision = body.path("decision").asText("");
        if (!decision.equals("approve") && !decision.equals("reject")) {
            throw new BadRequestException("\"decision\" must be \"approve\" or \"reject\"");
        }
        String comment = body.hasNonNull("comment") ? body.get("comment").asText() : null;
        if (comment != null && comment.isBlank()) {
            comment = null;
        }
        boolean approve = decision.equals("approve");
        String answer;
        try {
            answer = ops.writes().decide(runId, gate, approve, c.user(), comment);
        } catch (RefusedException refused) {
            note(c.user() + "'s decision (" + decision + ") on " + gate + " of run " + runId + " was refused: " + refused.getMessage());
            throw refused;
        }
        note(c.user() + " " + (approve ? "approved" : "rejected") + " " + gate + " on run " + runId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("answer", answer);
        out.put("by", c.user());
        out.put("runId", runId);
        out.put("gate", gate);
        json(ex, 200, out);
    }

    private void signal(HttpExchange ex, String runId, String name, JsonNode body, Caller c) throws IOException {
        if (!body.isObject() || !body.has("payload")) {
            throw new BadRequestException("send {\"payload\": JSON} (null for none)");
        }
        RunOperations.SignalSent sent = ops.writes().signal(runId, name, body.get("payload"), "console:" + c.user());
        note(c.user() + " sent signal " + name + " to run " + runId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("answer", "sent signal " + name + " to run " + runId
                + (sent.handler() == null || sent.handler().variable() == null ? "" : " (its handler sets " + sent.handler().variable() + ")"));
        out.put("by", c.user());
        json(ex, 200, out);
    }

    private void note(String line) {
        log.println("agentplan console: " + line);
        log.flush();
    }

    // ---- HTTP plumbing ----

    private static void secureHeaders(HttpExchange ex) {
        var h = ex.getResponseHeaders();
        h.add("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        h.add("X-Content-Type-Options", "nosniff");
        h.add("X-Frame-Options", "DENY");
        h.add("Referrer-Policy", "same-origin"); // not no-referrer: with it, browsers send "Origin: null" on our own form posts
        h.add("Cache-Control", "no-store");
    }

    private static void serveStatic(HttpExchange ex, String name) throws IOException {
        if (!name.matches("[a-z0-9-]+\\.(css|js|png)")) {
            send(ex, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (InputStream in = ConsoleServer.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                send(ex, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String type = name.endsWith(".css") ? "text/css; charset=utf-8" : name.endsWith(".js")
                    ? "text/javascript; charset=utf-8" : "image/png";
            send(ex, 200, type, in.readAllBytes());
        }
    }

    private static void html(HttpExchange ex, int status, String html) throws IOException {
        send(ex, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private static void json(HttpExchange ex, int status, Object value) throws IOException {
        send(ex, status, "application/json; charset=utf-8", ConsoleJson.write(value).getBytes(StandardCharsets.UTF_8));
    }

    private static void redirect(HttpExchange ex, String to) throws IOException {
        ex.getResponseHeaders().add("Location", to);
        ex.sendResponseHeaders(303, -1);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, Object> error(String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("message", message);
        return m;
    }

    /**
     * The request's body, read once (the CSRF check may need a form's token before the route reads it).
     * Not kept in the exchange's attributes: the JDK server shares those between all requests of a context.
     */
    private static byte[] readBody(HttpExchange ex) throws IOException {
        byte[] cached = BODIES.get(ex);
        if (cached != null) {
            return cached;
        }
        byte[] body = ex.getRequestBody().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new BadRequestException("the request body is over " + MAX_BODY / 1024 + " KiB");
        }
        BODIES.put(ex, body);
        return body;
    }

    private static final Map<HttpExchange, byte[]> BODIES = new java.util.concurrent.ConcurrentHashMap<>();

    private static JsonNode readJson(HttpExchange ex) throws IOException {
        byte[] body = readBody(ex);
        if (body.length == 0) {
            return ConsoleJson.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = ConsoleJson.MAPPER.readTree(body);
            return node == null ? ConsoleJson.MAPPER.createObjectNode() : node;
        } catch (IOException e) {
            throw new BadRequestException("the body is not valid JSON");
        }
    }

    private static String contentType(HttpExchange ex) {
        String t = ex.getRequestHeaders().getFirst("Content-Type");
        return t == null ? null : t.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static String cookie(HttpExchange ex, String name) {
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String p = part.strip();
                if (p.startsWith(name + "=")) {
                    return p.substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    private static List<String> segments(String path) {
        List<String> out = new java.util.ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static Map<String, String> query(HttpExchange ex) {
        URI uri = ex.getRequestURI();
        return uri.getRawQuery() == null ? Map.of() : form(uri.getRawQuery());
    }

    private static Map<String, String> form(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static Integer intOrNull(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException("version must be a number, not " + s);
        }
    }

    private static String safe(String s) {
        return s == null ? "" : s.replaceAll("[^A-Za-z0-9._@-]", "?");
    }

}
