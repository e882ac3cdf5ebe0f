package dev.agentplan.runtime;

import java.time.Duration;

/** Durations the way plans write them: {@code 90s}, {@code 4h}, {@code 1h30m}. */
final class Durations {

    private Durations() {
    }

    static String text(Duration d) {
        if (d == null) {
            return "unlimited";
        }
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        StringBuilder sb = new StringBuilder();
        long days = s / 86400;
        long hours = s % 86400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            sb.append(days).append('d');
        }
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (minutes > 0) {
            sb.append(minutes).append('m');
        }
        if (seconds > 0 || sb.length() == 0) {
            sb.append(seconds).append('s');
        }
        return sb.toString();
    }
}
