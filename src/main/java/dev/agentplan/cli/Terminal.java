package dev.agentplan.cli;

import java.io.PrintWriter;

/** Where a command writes, and whether it may use colour (a terminal, and NO_COLOR not set). */
public record Terminal(PrintWriter out, PrintWriter err, boolean colour) {

    public static boolean colourByDefault() {
        return System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"));
    }

    public String red(String s) {
        return paint("31;1", s);
    }

    public String yellow(String s) {
        return paint("33;1", s);
    }

    public String green(String s) {
        return paint("32", s);
    }

    public String cyan(String s) {
        return paint("36", s);
    }

    public String bold(String s) {
        return paint("1", s);
    }

    public String dim(String s) {
        return paint("2", s);
    }

    private String paint(String code, String s) {
        return colour ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
