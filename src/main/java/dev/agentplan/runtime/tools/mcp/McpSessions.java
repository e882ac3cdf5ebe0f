package dev.agentplan.runtime.tools.mcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker's MCP client sessions, one per server configuration: started lazily by the first
 * call, reused by later ones (also by other runs), replaced when broken, closed with the worker
 * (and by a JVM shutdown hook, so no stdio server outlives the worker).
 */
public final class McpSessions implements AutoCloseable {

    private final Map<String, McpSession> open = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Thread hook = new Thread(this::close, "agentplan-mcp-close");
    private volatile int started;
    private volatile boolean closed;

    public McpSessions() {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            closed = true;
        }
    }

    /** The live session for {@code config}, opening one (within {@code timeout}) when there is none or it broke. */
    McpSession session(McpServerConfig config, Duration timeout) {
        if (closed) {
            throw new IllegalStateException("the worker is shutting down");
        }
        String key = config.sessionKey();
        McpSession s = open.get(key);
        if (s != null && !s.broken()) {
            return s;
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            s = open.get(key);
            if (s != null && !s.broken()) {
                return s;
            }
            if (s != null) {
                s.close();
                open.remove(key, s);
            }
            McpSession fresh = McpSession.open(config, timeout);
            started++;
            open.put(key, fresh);
            return fresh;
        }
    }

    /** Drops a session that failed at the transport, so the next call (the retry) starts a new one. */
    void discard(McpSession session) {
        session.markBroken();
        open.remove(session.config().sessionKey(), session);
        session.close();
    }

    /** How many sessions this worker has started (for tests and status). */
    public int started() {
        return started;
    }

    @Override
    public void close() {
        closed = true;
        List<McpSession> all = new ArrayList<>(open.values());
        open.clear();
        all.forEach(McpSession::close);
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it finds nothing left to close
            }
        }
    }
}
