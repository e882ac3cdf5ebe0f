package dev.agentplan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.validate.ChildRunChecks;
import dev.agentplan.validate.PlanValidator;
import dev.agentplan.validate.bounds.Bounds;
import dev.agentplan.validate.bounds.BoundsText;
import dev.agentplan.validate.bounds.PlanBounds;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agentplan validate FILE…}: every check, before anything runs. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check plans (.agent or .json) for syntax, schema and semantic errors.",
            "Exit status: 0 when clean (warnings allowed), 1 when any file has an error, 2 on usage errors."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Plan files, or directories of plans.")
    List<Path> files;

    @Option(names = "--json", description = "Print the diagnostics as JSON.")
    boolean json;

    @Option(names = "--bounds", description = "Also print each plan's worst case: tool calls, steps, duration, cost,"
            + " history events and bytes; warn (AP314, AP315) when the history or the duration budget cannot hold it.")
    boolean bounds;

    @Option(names = "--no-color", description = "Never colour the output.")
    boolean noColour;

    @Option(names = "--repo", paramLabel = "DIR",
            description = "Also check `run child@ref(...)` steps against the inputs of the children deployed in DIR.")
    String repo;

    @Option(names = "--discover",
            description = "Start the plans' MCP servers, fetch their tools and check the calls against them; "
                    + "caches what it fetched beside each plan (NAME.mcp-cache.json), which plain validate then uses offline.")
    boolean discover;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Terminal term = new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(),
                !noColour && !json && Terminal.colourByDefault());
        PlanValidator validator = Validators.forThisWorker();
        List<Path> paths = PlanFiles.expand(files);
        if (paths.isEmpty()) {
            throw new CliException(ExitCode.NOT_FOUND, "no .agent or .json files in " + files);
        }
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode results = mapper.createArrayNode();
        long errors = 0;
        long warnings = 0;
        ChildRunChecks.Lookup children = repo == null ? null : ChildLookups.of(FileDefinitionRepository.open(repo));
        for (Path p : paths) {
            if (discover) {
                discover(p, term);
            }
            PlanLoader.Loaded loaded = PlanLoader.load(p, validator);
            if (children != null) {
                loaded = loaded.withChildRuns(children);
            }
            PlanBounds planBounds = bounds && !loaded.hasErrors() ? Bounds.of(loaded.definition()) : null;
            if (planBounds != null) {
                loaded = loaded.with(planBounds.diagnostics());
            }
            errors += loaded.count(Diagnostic.Severity.ERROR);
            warnings += loaded.count(Diagnostic.Severity.WARNING);
            if (json) {
                ObjectNode r = results.addObject();
                r.put("file", p.toString());
                r.put("valid", !loaded.hasErrors());
                if (loaded.definition() != null) {
                    r.put("agent", loaded.definition().name());
                }
                r.set("diagnostics", DiagnosticPrinter.toJson(mapper, loaded.diagnostics()));
                if (planBounds != null) {
                    r.set("bounds", BoundsText.json(planBounds));
                }
            } else {
                DiagnosticPrinter.print(term, loaded.diagnostics(), loaded.text());
                if (planBounds != null) {
                    term.out().println(term.bold(p + ": " + loaded.definition().name()));
                    BoundsText.lines(planBounds).forEach(term.out()::println);
                } else if (bounds) {
                    term.out().println(p + ": no bounds: the plan has errors");
                }
            }
            if (loaded.definition() == null && loaded.diagnostics().stream().noneMatch(Diagnostic::isError)) {
                errors++;
            }
        }
        if (json) {
            ObjectNode top = mapper.createObjectNode();
            top.set("files", results);
            top.put("errors", errors);
            top.put("warnings", warnings);
            term.out().println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(top));
        } else {
            String summary = paths.size() + (paths.size() == 1 ? " file" : " files") + " checked: "
                    + errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings");
            if (bounds) {
                term.out().println(term.dim("bounds method: " + dev.agentplan.validate.bounds.HistoryModel.METHOD));
            }
            term.out().println(errors > 0 ? term.red(summary) : term.green(summary));
        }
        term.out().flush();
        return errors > 0 ? ExitCode.FAILED : ExitCode.OK;
    }

    /** Fetches the MCP tools of a plan that parses; a server that cannot be reached is said on stderr. */
    private static void discover(Path p, Terminal term) throws java.io.IOException {
        dev.agentplan.syntax.ParseResult parsed = dev.agentplan.syntax.json.PlanSources.read(p);
        if (parsed.hasErrors() || !McpDiscoveries.hasServers(parsed.definition())) {
            return;
        }
        for (dev.agentplan.runtime.tools.mcp.McpDiscovery.Found f : McpDiscoveries.refresh(p, parsed.definition())) {
            if (f.error() != null) {
                term.err().println(p + ": MCP server `" + f.server() + "`: " + f.error()
                        + " (its calls are checked as without discovery)");
            } else {
                term.err().println(p + ": MCP server `" + f.server() + "`: " + f.tools().size() + " tools ("
                        + f.transport() + ")");
            }
        }
        term.err().flush();
    }
}
