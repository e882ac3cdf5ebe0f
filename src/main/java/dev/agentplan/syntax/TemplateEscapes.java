package dev.agentplan.syntax;

/**
 * Escaping of literal text inside a JSON-form template string, where {@code \${} stands for a
 * literal {@code ${} and {@code \\} for a backslash. Backslashes are escaped only where they would
 * otherwise start an escape, so Windows paths and regular expressions stay readable.
 */
final class TemplateEscapes {

    private TemplateEscapes() {
    }

    /**
     * Appends {@code value} escaped; {@code interpolationNext} says an interpolation ({@code ${})
     * follows directly, which a trailing backslash must not escape.
     */
    static void escape(String value, boolean interpolationNext, StringBuilder out) {
        String[] emittedAt = new String[value.length()];
        // Right to left, so each backslash knows what the reader will see after it.
        String after = interpolationNext ? "${" : "";
        for (int i = value.length() - 1; i >= 0; i--) {
            char c = value.charAt(i);
            String emitted;
            if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '{') {
                emitted = "\\$";
            } else if (c == '\\' && (after.startsWith("\\") || after.startsWith("${"))) {
                emitted = "\\\\";
            } else {
                emitted = String.valueOf(c);
            }
            emittedAt[i] = emitted;
            after = emitted + (after.length() > 2 ? after.substring(0, 2) : after);
        }
        for (String e : emittedAt) {
            out.append(e);
        }
    }
}
