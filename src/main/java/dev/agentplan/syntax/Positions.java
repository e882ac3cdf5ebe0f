package dev.agentplan.syntax;

/** Line and column (1-based, in code points) of a character index in a text. */
final class Positions {

    private Positions() {
    }

    static int[] lineColumn(String text, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, 1 + text.codePointCount(lineStart, Math.min(index, text.length()))};
    }
}
