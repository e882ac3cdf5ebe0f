package dev.agentplan.syntax;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Helpers shared by the syntax tests. */
final class Plans {

    private Plans() {
    }

    /** Parses text that must be a valid plan. */
    static AgentDefinition parse(String text) {
        ParseResult r = PlanText.parse("test.agent", text);
        if (r.hasErrors()) {
            fail("unexpected diagnostics:\n" + headlines(r));
        }
        assertNotNull(r.definition());
        return r.definition();
    }

    /** Parses {@code "agent t\n" + body}. */
    static AgentDefinition body(String body) {
        return parse("agent t\n" + body);
    }

    /** Diagnostics of text that must not parse cleanly, as "line:col code message". */
    static List<String> errors(String text) {
        ParseResult r = PlanText.parse("test.agent", text);
        assertFalse(r.diagnostics().isEmpty(), "expected diagnostics");
        return r.diagnostics().stream()
                .map(d -> d.span().line() + ":" + d.span().column() + " " + d.code() + " " + d.message())
                .collect(Collectors.toList());
    }

    static String headlines(ParseResult r) {
        return r.diagnostics().stream().map(Diagnostic::headline).collect(Collectors.joining("\n"));
    }

    static String resource(String name) {
        try (InputStream in = Plans.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
