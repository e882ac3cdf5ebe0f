package dev.agentplan.syntax;

import java.util.HashSet;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;

/** Remembers which options a block has given, to report one given twice. */
final class OptionSet {

    private final Set<String> seen = new HashSet<>();
    private final String owner;
    private final Spans spans;
    private final DiagnosticSink sink;

    /** {@code owner} ends the message, like "in tool `logs`". */
    OptionSet(String owner, Spans spans, DiagnosticSink sink) {
        this.owner = owner;
        this.spans = spans;
        this.sink = sink;
    }

    /** Records the option; false (after reporting) when it was already given. */
    boolean add(ParserRuleContext option) {
        String name = option.getStart().getText();
        if (seen.add(name)) {
            return true;
        }
        sink.error(SyntaxCodes.DUPLICATE_OPTION, spans.of(option), "`" + name + "` is given twice " + owner,
                "keep only one `" + name + "`");
        return false;
    }
}
