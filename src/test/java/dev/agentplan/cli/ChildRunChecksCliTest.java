package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deploy} and {@code validate --repo} check child runs against the child's deployed inputs. */
class ChildRunChecksCliTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private String repo() {
        return dir.resolve("repo").toString();
    }

    private void deployChild() throws IOException {
        Path child = write("research.agent", """
                agent research "the child"
                input { topic: string  depth: number = 2 }
                output { summary: "about ${input.topic}" }
                """);
        Cli.Result r = Cli.run("deploy", child.toString(), "--repo", repo(), "--tag", "prod");
        assertEquals(0, r.exit(), r.toString());
    }

    private Path parent() throws IOException {
        return write("parent.agent", """
                agent parent "runs the child with a typo, a wrong type and a missing input"
                a = run research@prod(topc: "tides", depth: "deep")
                output { a: a }
                """);
    }

    @Test
    void deployRefusesAParentWhoseChildRunDoesNotFitTheDeployedChild() throws IOException {
        deployChild();
        Cli.Result r = Cli.run("deploy", parent().toString(), "--repo", repo());
        assertEquals(ExitCode.FAILED, r.exit(), r.toString());
        assertTrue(r.err().contains("parent.agent:2:29: error[AP126]: `research@prod` has no input `topc` "
                + "(did you mean `topic`?)"), r.err());
        assertTrue(r.err().contains("parent.agent:2:45: error[AP128]: input `depth` of `research@prod` is a number, "
                + "but this passes a string"), r.err());
        assertTrue(r.err().contains("parent.agent:2:1: error[AP127]: `research@prod` requires the input `topic`"),
                r.err());
        assertTrue(r.err().contains("nothing was written"), r.err());
        assertFalse(Files.exists(Path.of(repo(), "agents", "parent")), "no parent version was written");
    }

    @Test
    void validateWithRepoChecksChildrenAndWithoutItStaysOffline() throws IOException {
        deployChild();
        Cli.Result offline = Cli.run("validate", "--no-color", parent().toString());
        assertEquals(0, offline.exit(), offline.toString());
        Cli.Result checked = Cli.run("validate", "--no-color", "--repo", repo(), parent().toString());
        assertEquals(ExitCode.FAILED, checked.exit(), checked.toString());
        assertTrue(checked.out().contains("error[AP126]"), checked.toString());
        assertTrue(checked.out().contains("hint: its inputs are: topic, depth"), checked.toString());
    }

    @Test
    void aChildThatIsNotDeployedIsAWarningAndAFittingCallDeploys() throws IOException {
        Path early = write("early.agent", """
                agent early "runs a child deployed later"
                a = run research(topic: "tides")
                output { a: a }
                """);
        Cli.Result before = Cli.run("deploy", early.toString(), "--repo", repo());
        assertEquals(0, before.exit(), before.toString());
        assertTrue(before.err().contains("warning[AP129]"), before.toString());
        deployChild();
        Cli.Result after = Cli.run("validate", "--no-color", "--repo", repo(), early.toString());
        assertEquals(0, after.exit(), after.toString());
        assertFalse(after.out().contains("AP129"), after.toString());
    }

    @Test
    void theExampleParentFitsTheExampleChild() {
        assertEquals(0, Cli.run("deploy", "definitions/smoke_tests.agent", "--repo", repo(), "--tag", "prod").exit());
        Cli.Result r = Cli.run("validate", "--no-color", "--repo", repo(), "definitions/deploy_canary.agent");
        assertEquals(0, r.exit(), r.toString());
        assertFalse(r.out().contains("AP12"), r.toString());
    }
}
