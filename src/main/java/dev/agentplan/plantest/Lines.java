package dev.agentplan.plantest;

/** {@code file.agent:LINE} texts, as the interpreter reports step lines. */
final class Lines {

    private Lines() {
    }

    /** The line number of {@code file.agent:12}, or -1. */
    static int number(String fileLine) {
        if (fileLine == null) {
            return -1;
        }
        int colon = fileLine.lastIndexOf(':');
        try {
            return Integer.parseInt(fileLine.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** " (file.agent:12)", or empty when the line is unknown. */
    static String suffix(String fileLine) {
        return fileLine == null || fileLine.isEmpty() ? "" : " (" + fileLine + ")";
    }
}
