package dev.agentplan.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Durations and times the way a person reads them: {@code 120 ms}, {@code 1.3 s}, {@code 2m 05s}, {@code 6d 23h}. */
final class HumanTime {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private HumanTime() {
    }

    static String duration(long millis) {
        if (millis < 0) {
            return "-" + duration(-millis);
        }
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 10_000) {
            return String.format("%.1f s", millis / 1000.0);
        }
        long s = millis / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + String.format("%02ds", s % 60);
        }
        if (s < 86_400) {
            return (s / 3600) + "h " + String.format("%02dm", (s % 3600) / 60);
        }
        return (s / 86_400) + "d " + ((s % 86_400) / 3600) + "h";
    }

    /** Milliseconds between two ISO-8601 instants, or -1 when either is missing or unreadable. */
    static long between(String fromIso, String toIso) {
        Instant from = parse(fromIso);
        Instant to = parse(toIso);
        return from == null || to == null ? -1 : Duration.between(from, to).toMillis();
    }

    static Instant parse(String iso) {
        if (iso == null || iso.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String clock(Instant at) {
        return at == null ? "" : CLOCK.format(at);
    }

    static String dateTime(Instant at) {
        return at == null ? "" : DATE_TIME.format(at);
    }

    /** {@code 2025-12-06 10:21:03 UTC (in 6d 23h)}; {@code now} is the caller's clock. */
    static String deadline(String iso, Instant now) {
        Instant at = parse(iso);
        if (at == null) {
            return iso == null ? "none" : iso;
        }
        long left = Duration.between(now, at).toMillis();
        return dateTime(at) + (left >= 0 ? " (in " + duration(left) + ")" : " (" + duration(-left) + " ago)");
    }
}
