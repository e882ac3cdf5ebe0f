package dev.agentplan.syntax;

import dev.agentplan.model.SourceSpan;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Turns token positions of a text into source spans of the file it came from. The text may be a
 * whole file (origin line 1, column 1) or a piece of one, such as an expression inside a JSON
 * string: then positions on the text's first line are shifted by the origin column, later lines
 * by the origin line only. Columns are 1-based code points; the end column is exclusive.
 */
final class Spans {

    private final String file;
    private final String pointer;
    private final int line0;
    private final int column0;

    Spans(String file, String pointer, int line0, int column0) {
        this.file = file == null ? "" : file;
        this.pointer = pointer == null ? "" : pointer;
        this.line0 = line0;
        this.column0 = column0;
    }

    static Spans forFile(String file) {
        return new Spans(file, "", 1, 1);
    }

    /** Spans relative to {@code origin}; an unknown origin counts from line 1, column 1. */
    static Spans from(SourceSpan origin) {
        if (origin == null || !origin.isKnown()) {
            return new Spans(origin == null ? "" : origin.file(), origin == null ? "" : origin.pointer(), 1, 1);
        }
        return new Spans(origin.file(), origin.pointer(), origin.line(), Math.max(1, origin.column()));
    }

    /** Spans for a piece of this text that starts at (line, column) of this text. */
    Spans within(int line, int column) {
        return new Spans(file, pointer, line(line), column(line, column));
    }

    int line(int textLine) {
        return line0 + textLine - 1;
    }

    int column(int textLine, int textColumn) {
        return textLine == 1 ? column0 + textColumn - 1 : textColumn;
    }

    int originLine() {
        return line0;
    }

    int originColumn() {
        return column0;
    }

    SourceSpan at(int textLine, int textColumn) {
        int l = line(textLine);
        int c = column(textLine, textColumn);
        return new SourceSpan(file, l, c, l, c, pointer);
    }

    SourceSpan of(Token token) {
        return of(token, token);
    }

    SourceSpan of(ParserRuleContext ctx) {
        return of(ctx.getStart(), ctx.getStop());
    }

    SourceSpan of(Token start, Token stop) {
        if (stop == null || stop.getType() == Token.EOF || stop.getTokenIndex() < start.getTokenIndex()) {
            stop = start;
        }
        int startLine = start.getLine();
        int startColumn = start.getCharPositionInLine() + 1;
        int endLine = stop.getLine();
        int endColumn = stop.getCharPositionInLine() + 1;
        String text = stop.getType() == Token.EOF ? "" : stop.getText();
        if (text != null) {
            int newline = text.lastIndexOf('\n');
            if (newline >= 0) {
                endLine += (int) text.chars().filter(ch -> ch == '\n').count();
                endColumn = 1 + text.codePointCount(newline + 1, text.length());
            } else {
                endColumn += text.codePointCount(0, text.length());
            }
        }
        return new SourceSpan(file, line(startLine), column(startLine, startColumn),
                line(endLine), column(endLine, endColumn), pointer);
    }
}
