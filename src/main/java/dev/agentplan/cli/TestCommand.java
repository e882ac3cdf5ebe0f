package dev.agentplan.cli;

import dev.agentplan.plantest.JunitReport;
import dev.agentplan.plantest.PlanResult;
import dev.agentplan.plantest.PlanTestRunner;
import dev.agentplan.plantest.TestTargets;
import dev.agentplan.plantest.TextReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan test PATH…}: plan tests with scripted tools (see {@link PlanTestRunner}). */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run plan tests (NAME.test.json beside NAME.agent) on the real interpreter with scripted tools.",
            "Each case runs on an in-process Temporal test server whose clock skips ahead (a 'wait 7d' takes "
                + "milliseconds); every tool call is answered by the case's script, no real tool is called.",
            "PATH: a test file, a plan (its NAME.test.json), or a directory (every test file in it; plans without "
                + "one are listed).",
            "Exit status: 0 every case passed (and coverage is at least --min-coverage), 1 a case failed, a test "
                + "file or its plan has errors, or coverage is below the minimum, 2 bad usage, 3 no such path or no "
                + "test file found."})
final class TestCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Test files, plans or directories.")
    List<Path> paths;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the results as JUnit XML.")
    Path junit;

    @Option(names = "--min-coverage", paramLabel = "PERCENT",
            description = "Fail when a plan's coverage (steps and branch outcomes) is below this.")
    Double minCoverage;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Terminal term = new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(), Terminal.colourByDefault());
        if (minCoverage != null && (minCoverage < 0 || minCoverage > 100)) {
            throw new CliException(ExitCode.USAGE, "--min-coverage is a percentage between 0 and 100");
        }
        TestTargets targets = TestTargets.of(paths);
        if (!targets.missing().isEmpty()) {
            throw new CliException(ExitCode.NOT_FOUND, "no such file or directory: " + targets.missing().get(0));
        }
        if (targets.testFiles().isEmpty()) {
            throw new CliException(ExitCode.NOT_FOUND, "no test file found (tests of NAME.agent live in NAME.test.json"
                    + " beside it)" + untested(targets));
        }
        List<PlanResult> results = new ArrayList<>();
        boolean ok = true;
        try (PlanTestRunner runner = new PlanTestRunner()) {
            for (Path file : targets.testFiles()) {
                PlanResult r = runner.run(file);
                results.add(r);
                for (String line : TextReport.lines(r)) {
                    term.out().println(colour(term, line));
                }
                if (minCoverage != null && r.coverage() != null && r.coverage().percent() < minCoverage) {
                    term.out().println(term.red(String.format(Locale.ROOT, "  ✖ coverage %.0f%% is below --min-coverage %s",
                            r.coverage().percent(), minCoverage)));
                    ok = false;
                }
                ok &= r.passed();
                term.out().flush();
            }
        }
        if (!targets.untestedPlans().isEmpty()) {
            term.out().println("plans without a test file:" + untested(targets));
        }
        term.out().println(TextReport.summary(results));
        term.out().flush();
        if (junit != null) {
            JunitReport.write(junit, results);
        }
        return ok ? ExitCode.OK : ExitCode.FAILED;
    }

    private static String untested(TestTargets t) {
        StringBuilder b = new StringBuilder();
        t.untestedPlans().forEach(p -> b.append(' ').append(p));
        return b.toString();
    }

    private static String colour(Terminal term, String line) {
        if (line.startsWith("  ✔")) {
            return term.green("  ✔") + line.substring(3);
        }
        if (line.startsWith("  ✖")) {
            return term.red("  ✖") + line.substring(3);
        }
        return line;
    }
}
