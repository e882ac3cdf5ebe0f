package dev.agentplan.repository.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Plans for diff tests, written in the plan language and read by the real parser. */
final class AgentText {

    private AgentText() {
    }

    static AgentDefinition parse(String text) {
        ParseResult result = PlanText.parse("test.agent", text);
        List<Diagnostic> errors = result.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertEquals(List.of(), errors, "plan text must parse:\n" + text);
        assertNotNull(result.definition());
        return result.definition();
    }

    /** One of the example plans shipped in {@code definitions/}. */
    static String example(String name) {
        try {
            return Files.readString(Path.of("definitions", name + ".agent"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example with each {@code from} replaced by the {@code to} after it; every {@code from} must occur. */
    static String edit(String text, String... fromTo) {
        String out = text;
        for (int i = 0; i < fromTo.length; i += 2) {
            if (!out.contains(fromTo[i])) {
                throw new AssertionError("the plan text has no '" + fromTo[i] + "'");
            }
            out = out.replace(fromTo[i], fromTo[i + 1]);
        }
        return out;
    }
}
