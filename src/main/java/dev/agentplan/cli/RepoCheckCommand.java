package dev.agentplan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.repository.RepositoryProblem;
import dev.agentplan.repository.RepositoryReport;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agentplan repo check}: reads and verifies the whole repository (every version, tag log,
 * tag head and run-index file) and reports each damaged one with its file and a remedy.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Verify every version, tag log, tag head and run-index file of the repository.",
            "Each damaged one is reported with its file and a remedy; files the repository does not know are "
                + "listed as warnings (they are ignored).",
            "Exit status: 0 no damage, 1 damage found, 3 no repository there."})
final class RepoCheckCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Mixin
    RepoOption repoOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        FileDefinitionRepository repo = FileDefinitionRepository.open(repoOption.repo);
        if (!Files.isDirectory(repo.root())) {
            throw new CliException(ExitCode.NOT_FOUND, "no repository at " + repo.root()
                    + (Files.exists(repo.root()) ? " (it is a file, not a directory)" : " (nothing deployed there yet)"));
        }
        RepositoryReport report = repo.check();
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(CliJson.pretty(toJson(repo, report)));
        } else {
            print(repo, report, out);
        }
        out.flush();
        return report.clean() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static void print(FileDefinitionRepository repo, RepositoryReport report, java.io.PrintWriter out) {
        for (RepositoryProblem p : report.problems()) {
            out.println("damaged " + p.kind() + ": " + p.file());
            out.println("  " + p.message());
        }
        for (String w : report.warnings()) {
            out.println("warning: " + w);
        }
        int n = report.problems().size();
        out.println(repo.root() + ": " + (n == 0 ? "no damage found" : n + (n == 1 ? " problem" : " problems"))
                + (report.warnings().isEmpty() ? "" : ", " + report.warnings().size()
                + (report.warnings().size() == 1 ? " warning" : " warnings")));
    }

    private static ObjectNode toJson(FileDefinitionRepository repo, RepositoryReport report) {
        ObjectNode root = CliJson.MAPPER.createObjectNode();
        root.put("repository", repo.root().toString());
        root.put("clean", report.clean());
        ArrayNode problems = root.putArray("problems");
        for (RepositoryProblem p : report.problems()) {
            problems.addObject().put("kind", p.kind()).put("file", p.file().toString()).put("message", p.message());
        }
        ArrayNode warnings = root.putArray("warnings");
        report.warnings().forEach(warnings::add);
        return root;
    }
}
