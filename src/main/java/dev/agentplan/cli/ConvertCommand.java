package dev.agentplan.cli;

import dev.agentplan.repository.AtomicFiles;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanFormatter;
import dev.agentplan.syntax.json.PlanSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan convert FILE --to json|agent}: the two forms are interchangeable. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a plan between the .agent text form and the JSON form.")
final class ConvertCommand implements Callable<Integer> {

    enum Form { json, agent }

    @Parameters(index = "0", paramLabel = "FILE", description = "The plan to convert.")
    Path file;

    @Option(names = "--to", required = true, paramLabel = "FORM", description = "json or agent.")
    Form to;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write to OUT instead of standard output.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Terminal term = new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(), false);
        ParseResult parsed = ParsedFile.readOrReport(file, term);
        if (parsed == null) {
            return ExitCode.FAILED;
        }
        // Comments live only in the text form; a text-to-text conversion keeps them.
        String text = to == Form.json ? PlanSources.toJson(parsed.definition())
                : ParsedFile.isJson(file) ? PlanFormatter.format(parsed.definition()) : PlanFormatter.format(parsed);
        if (output != null) {
            AtomicFiles.write(output, text.getBytes(StandardCharsets.UTF_8));
        } else {
            term.out().print(text);
            term.out().flush();
        }
        return ExitCode.OK;
    }
}
