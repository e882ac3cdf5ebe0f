package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentplan repo check} and how the repository commands behave around damage: it stays
 * local, is reported with the file and a remedy, and stray files only cost a warning.
 */
class RepoCheckCommandTest {

    @TempDir
    Path dir;

    String repo;

    @BeforeEach
    void deployThreeVersionsAndTag() throws Exception {
        repo = dir.resolve("repo").toString();
        for (int n = 1; n <= 3; n++) {
            Path plan = Files.writeString(dir.resolve("gated" + n + ".agent"), TestPlans.gated(n));
            Cli.Result r = Cli.run("deploy", plan.toString(), "--repo", repo, "--tag", n == 3 ? "prod" : "dev");
            assertEquals(0, r.exit(), r.toString());
        }
    }

    private Path agent(String rest) {
        return Path.of(repo).toAbsolutePath().resolve("agents/gated").resolve(rest);
    }

    @Test
    void aCleanRepositoryChecksClean() {
        Cli.Result r = Cli.run("repo", "check", "--repo", repo);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().endsWith(": no damage found\n"), r.toString());
    }

    @Test
    void everyKindOfDamageIsReportedWithItsFileAndARemedy() throws Exception {
        Files.writeString(agent("versions/1/definition.json"), "{}");
        Path log = agent("tags.jsonl");
        List<String> lines = Files.readAllLines(log);
        Files.writeString(log, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n");
        Files.writeString(agent("versions/notes.txt"), "stray");

        Cli.Result r = Cli.run("repo", "check", "--repo", repo);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("damaged version: " + agent("versions/1") + "\n  " + agent("versions/1/definition.json")
                + " does not match its sha256"), r.toString());
        assertTrue(r.out().contains("damaged tag log: " + log + "\n  " + log + " holds 2 tag moves but "
                + agent("tags.head.json") + " records 3 tag moves: the end of the log was cut off"), r.toString());
        assertTrue(r.out().contains("warning: ignoring " + agent("versions/notes.txt")), r.toString());
        assertTrue(r.out().endsWith(": 2 problems, 1 warning\n"), r.toString());

        JsonNode json = new ObjectMapper().readTree(Cli.run("repo", "check", "--repo", repo, "--json").out());
        assertEquals(false, json.get("clean").asBoolean());
        assertEquals(2, json.get("problems").size());
        assertEquals("version", json.get("problems").get(0).get("kind").asText());
        assertEquals(agent("versions/1").toString(), json.get("problems").get(0).get("file").asText());
        assertTrue(json.get("problems").get(1).get("message").asText().contains("restore " + log + " from a backup"));
        assertEquals(1, json.get("warnings").size());
    }

    @Test
    void aDamagedVersionStaysLocal() throws Exception {
        Files.writeString(agent("versions/2/source.txt"), "edited");
        Files.writeString(agent("versions/stray.txt"), "stray");

        Cli.Result list = Cli.run("list", "--repo", repo);
        assertEquals(0, list.exit(), list.toString());
        assertTrue(list.out().contains("latest 3    2 versions  tags: dev=2, prod=3  1 damaged (agentplan repo check)"),
                list.toString());
        assertEquals(1, count(list.err(), "agentplan: warning: ignoring " + agent("versions/stray.txt")),
                "a stray file is warned about once per command: " + list);

        Cli.Result versions = Cli.run("versions", "gated", "--repo", repo);
        assertEquals(0, versions.exit(), versions.toString());
        assertTrue(versions.out().contains("\n2        DAMAGED      (agentplan repo check)\n"), versions.toString());
        assertTrue(versions.out().contains("\n3        "), versions.toString());
        assertTrue(versions.err().contains("version 2 is damaged: " + agent("versions/2/source.txt")), versions.toString());

        assertEquals(0, Cli.run("show", "gated@prod", "--repo", repo).exit());
        Cli.Result damaged = Cli.run("show", "gated@dev", "--repo", repo);
        assertEquals(5, damaged.exit(), damaged.toString());
        assertTrue(damaged.err().contains(agent("versions/2/source.txt") + " does not match its sha256"), damaged.toString());

        Path four = Files.writeString(dir.resolve("gated4.agent"), TestPlans.gated(4));
        Cli.Result deploy = Cli.run("deploy", four.toString(), "--repo", repo);
        assertEquals(0, deploy.exit(), deploy.toString());
        assertTrue(deploy.out().contains("gated@4"), deploy.toString());
    }

    @Test
    void aCutOffOrDeletedTagLogIsReportedNotReadAsOlderTags() throws Exception {
        Path log = agent("tags.jsonl");
        List<String> lines = Files.readAllLines(log);
        Files.writeString(log, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n");
        Cli.Result cut = Cli.run("show", "gated@prod", "--repo", repo);
        assertEquals(5, cut.exit(), "prod must not silently fall back: " + cut);
        assertTrue(cut.err().contains("the end of the log was cut off"), cut.toString());

        Files.delete(log);
        Cli.Result deleted = Cli.run("show", "gated@dev", "--repo", repo);
        assertEquals(5, deleted.exit(), "a deleted log is not 'no tags': " + deleted);
        assertTrue(deleted.err().contains(log + " is missing (deleted by hand?)"), deleted.toString());
        assertEquals(0, Cli.run("show", "gated@3", "--repo", repo).exit(), "versions stay readable");

        Cli.Result accepted = Cli.run("repo", "accept-tags", "gated", "--repo", repo);
        assertEquals(0, accepted.exit(), accepted.toString());
        assertEquals("accepted the tag log of gated as it is: no tags\n", accepted.out());
        assertEquals(0, Cli.run("repo", "check", "--repo", repo).exit());
        assertEquals(0, Cli.run("tag", "gated@3", "prod", "--repo", repo).exit());
        assertEquals(0, Cli.run("show", "gated@prod", "--repo", repo).exit());
    }

    @Test
    void noRepositoryIsNotFound() {
        Cli.Result r = Cli.run("repo", "check", "--repo", dir.resolve("nowhere").toString());
        assertEquals(3, r.exit(), r.toString());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
