package dev.agentplan.cli;

import dev.agentplan.repository.AtomicFiles;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanFormatter;
import dev.agentplan.syntax.json.PlanSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan fmt FILE… [--check] [--write]}: canonical formatting, like gofmt. */
@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = {"Print plans in canonical form (.agent text keeps its comments; JSON is canonical JSON).",
            "With --check, list the files that are not canonical and exit 1 if any; with --write, rewrite them in place."})
final class FmtCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Plan files, or directories of plans.")
    List<Path> files;

    @Option(names = "--check", description = "Change nothing; exit 1 when a file is not canonically formatted.")
    boolean check;

    @Option(names = "--write", description = "Rewrite files that are not canonical (atomically).")
    boolean write;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Terminal term = new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(), false);
        List<Path> paths = PlanFiles.expand(files);
        int status = ExitCode.OK;
        for (Path p : paths) {
            ParseResult parsed = ParsedFile.readOrReport(p, term);
            if (parsed == null) {
                status = ExitCode.FAILED;
                continue;
            }
            String canonical = ParsedFile.isJson(p) ? PlanSources.toJson(parsed.definition()) : PlanFormatter.format(parsed);
            String current = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
            boolean same = canonical.equals(current);
            if (check) {
                if (!same) {
                    term.out().println(p + ": not canonically formatted (run: agentplan fmt --write " + p + ")");
                    status = ExitCode.FAILED;
                }
            } else if (write) {
                if (!same) {
                    AtomicFiles.write(p, canonical.getBytes(StandardCharsets.UTF_8));
                    term.out().println("formatted " + p);
                }
            } else {
                term.out().print(canonical);
            }
        }
        term.out().flush();
        return status;
    }
}
