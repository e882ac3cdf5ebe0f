package dev.agentplan.syntax;

/**
 * Escapes of strings in {@code .agent} text: {@code \" \\ \n \t \r \$ \}uXXXX}. {@code \$} exists so
 * that a literal {@code ${} can be written as {@code \${}.
 */
final class StringEscapes {

    private StringEscapes() {
    }

    /** Where an escape is wrong: the offset of its backslash in the raw text and the escape itself. */
    record BadEscape(int offset, String escape) {
    }

    /** Receives the first bad escape of a piece of text. */
    interface BadEscapes {
        void report(BadEscape bad);
    }

    /** The value of raw string text; bad escapes are reported and kept as written. */
    static String unescape(String raw, BadEscapes bad) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 >= raw.length()) {
                out.append(c);
                i++;
                continue;
            }
            char e = raw.charAt(i + 1);
            switch (e) {
                case '"', '\\', '$' -> out.append(e);
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    int code = hex4(raw, i + 2);
                    if (code >= 0) {
                        out.append((char) code);
                        i += 6;
                        continue;
                    }
                    bad.report(new BadEscape(i, raw.substring(i, Math.min(raw.length(), i + 6))));
                    out.append("\\u");
                }
                default -> {
                    bad.report(new BadEscape(i, raw.substring(i, i + 2 + (Character.isHighSurrogate(e)
                            && i + 2 < raw.length() ? 1 : 0))));
                    out.append('\\').append(e);
                }
            }
            i += 2;
        }
        return out.toString();
    }

    private static int hex4(String s, int from) {
        if (from + 4 > s.length()) {
            return -1;
        }
        int v = 0;
        for (int k = from; k < from + 4; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** {@code value} as the inside of an {@code .agent} string literal (without the quotes). */
    static void escape(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '$' -> out.append(i + 1 < value.length() && value.charAt(i + 1) == '{' ? "\\$" : "$");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
