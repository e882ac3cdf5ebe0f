package dev.agentplan.cli;

import dev.agentplan.repository.AgentRef;
import dev.agentplan.repository.TagMove;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan tag NAME@VERSION TAG}: point a tag at a version (tags move; every move is kept). */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = "Point TAG at NAME@VERSION. Tags can move; the history of moves is kept (see 'versions').")
final class TagCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME@VERSION", description = "The version, by number.")
    String ref;

    @Parameters(index = "1", paramLabel = "TAG", description = "The tag, e.g. staging or prod.")
    String tag;

    @Option(names = "--author", paramLabel = "NAME", description = "Who moves the tag (default: the OS user).")
    String author;

    @Mixin
    RepoOption repoOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AgentRef parsed = AgentRef.parse(ref);
        if (parsed.version() == null) {
            throw new CliException(ExitCode.USAGE, "tag needs a version number: NAME@VERSION, e.g. " + parsed.name() + "@3");
        }
        TagMove move = repoOption.open().tag(parsed.name(), parsed.version(), tag, author);
        spec.commandLine().getOut().println(describe(move));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }

    static String describe(TagMove move) {
        String target = move.agent() + "@" + move.to();
        if (move.unchanged()) {
            return "tag " + move.tag() + " already points at " + target;
        }
        return move.from() == null ? "tagged " + target + " as " + move.tag()
                : "moved tag " + move.tag() + " from " + move.agent() + "@" + move.from() + " to " + target;
    }
}
