package dev.agentplan.cli;

import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.json.PlanSources;
import java.nio.file.Path;

/**
 * A plan file read for a command that transforms it (fmt, convert, graph): parse errors are
 * printed and turn into a failure; such commands never transform a file they cannot read.
 */
final class ParsedFile {

    private ParsedFile() {
    }

    /** The parse result, or null after printing its diagnostics. */
    static ParseResult readOrReport(Path path, Terminal term) {
        ParseResult parsed = PlanSources.read(path);
        if (parsed.hasErrors()) {
            DiagnosticPrinter.print(new Terminal(term.err(), term.err(), term.colour()), parsed.diagnostics(),
                    PlanLoader.textOf(path));
            return null;
        }
        return parsed;
    }

    static boolean isJson(Path path) {
        return path.getFileName().toString().endsWith(".json");
    }
}
