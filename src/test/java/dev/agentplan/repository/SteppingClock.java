package dev.agentplan.repository;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that advances one second per reading, so every recorded time is distinct and known. */
final class SteppingClock extends Clock {

    static final Instant START = Instant.parse("2025-01-02T03:04:05Z");
    private final AtomicLong seconds = new AtomicLong();

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return START.plusSeconds(seconds.getAndIncrement());
    }
}
