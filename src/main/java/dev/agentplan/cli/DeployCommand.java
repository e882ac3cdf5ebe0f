package dev.agentplan.cli;

import dev.agentplan.repository.DeployRequest;
import dev.agentplan.repository.DeployedVersion;
import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.repository.TagMove;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan deploy FILE [-m MESSAGE] [--tag TAG]}: validate, then store a new immutable version. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Validate a plan and deploy it as the next version of its agent.",
            "An invalid plan is refused with its diagnostics and nothing is written; content identical to an "
                + "existing version deploys nothing and names that version."})
final class DeployCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The plan (.agent or .json).")
    Path file;

    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE", description = "Why this version exists.")
    String message;

    @Option(names = "--tag", paramLabel = "TAG", description = "Also point TAG (e.g. staging, prod) at the version.")
    String tag;

    @Option(names = "--author", paramLabel = "NAME", description = "Who deploys (default: the OS user).")
    String author;

    @Mixin
    RepoOption repoOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Terminal term = new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(), Terminal.colourByDefault());
        FileDefinitionRepository repo = repoOption.open();
        // Child runs are checked against what this repository has deployed (reading only).
        PlanLoader.Loaded loaded = PlanLoader.load(file, Validators.forThisWorker()).withChildRuns(ChildLookups.of(repo));
        DiagnosticPrinter.print(new Terminal(term.err(), term.err(), term.colour()), loaded.diagnostics(), loaded.text());
        if (loaded.hasErrors()) {
            term.err().println("agentplan: not deployed: " + file + " has errors; nothing was written");
            return ExitCode.FAILED;
        }
        // the canonical JSON the compiler made: what `validate` checked is byte for byte what is stored
        DeployRequest request = DeployRequest.of(loaded.definition(), loaded.compiled().canonicalJson(), loaded.text(), file.getFileName().toString())
                .withAuthor(author).withMessage(message);
        DeployedVersion v = repo.deploy(request);
        if (v.noOp()) {
            term.out().println("unchanged: " + v.ref() + " already has this content (sha256 " + v.sha256().substring(0, 12) + ")");
        } else {
            term.out().println("deployed " + term.bold(v.ref()) + " (sha256 " + v.sha256().substring(0, 12) + ")");
        }
        if (tag != null) {
            TagMove move = repo.tag(v.name(), v.version(), tag, author);
            term.out().println(TagCommand.describe(move));
        }
        term.out().flush();
        return ExitCode.OK;
    }
}
