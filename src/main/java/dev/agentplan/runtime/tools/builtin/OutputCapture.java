package dev.agentplan.runtime.tools.builtin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a child's output stream on its own thread, keeping the first {@code max} bytes. It keeps
 * reading (and dropping) the rest so the child never blocks on a full pipe.
 */
final class OutputCapture {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int max;
    private final Thread thread;
    private boolean truncated;

    OutputCapture(InputStream in, int max, String name) {
        this.max = max;
        this.thread = new Thread(() -> drain(in), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (this) {
                    int room = max - kept.size();
                    if (room > 0) {
                        kept.write(buffer, 0, Math.min(room, n));
                    }
                    if (n > room) {
                        truncated = true;
                    }
                }
            }
        } catch (IOException closed) {
            // the process was killed or closed its end: what was read is what we have
        }
    }

    /**
     * Waits up to {@code millis} for the end of the stream. A grandchild that inherited the pipe
     * can keep it open after the child exits; then the output read so far is used.
     */
    void await(long millis) throws InterruptedException {
        thread.join(millis);
    }

    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    synchronized boolean truncated() {
        return truncated;
    }
}
