package dev.agentplan.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Samples this JVM's heap in use and resident memory on a daemon thread; keeps the peaks. */
public final class MemorySampler implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakHeapUsed;
    private volatile long peakNonHeapUsed;
    private volatile int samples;

    public MemorySampler(long periodMillis) {
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        peakHeapUsed = Math.max(peakHeapUsed, memory.getHeapMemoryUsage().getUsed());
        peakNonHeapUsed = Math.max(peakNonHeapUsed, memory.getNonHeapMemoryUsage().getUsed());
        samples++;
    }

    public long peakHeapUsedBytes() {
        return peakHeapUsed;
    }

    public long peakNonHeapUsedBytes() {
        return peakNonHeapUsed;
    }

    public int samples() {
        return samples;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }
}
