package dev.agentplan.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Sha256;
import dev.agentplan.syntax.json.JsonPlanCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDefinitionRepositoryTest {

    @TempDir
    Path root;

    FileDefinitionRepository repo;

    @BeforeEach
    void open() {
        repo = new FileDefinitionRepository(root, new SteppingClock(), "tester");
    }

    @Test
    void deploysNumberedImmutableVersionsWithMetadata() {
        DeployedVersion v1 = repo.deploy(Plans.request("triage", "one").withAuthor("alice").withMessage("first"));
        DeployedVersion v2 = repo.deploy(Plans.request("triage", "two"));

        assertEquals(1, v1.version());
        assertEquals(2, v2.version());
        assertFalse(v1.noOp());
        assertEquals(Sha256.of(Plans.json("triage", "one")), v1.sha256());
        assertEquals("alice", v1.author());
        assertEquals("first", v1.message());
        assertEquals("tester", v2.author(), "the default author when the request names none");
        assertNull(v2.message());
        assertEquals(SteppingClock.START, v1.deployedAt());
        assertEquals(List.of(v1, v2), repo.versions("triage"));
        assertEquals("triage@2", v2.ref());
    }

    @Test
    void storesContentByteForByteWithSourceAndSourceMap() {
        DeployRequest request = Plans.request("triage", "ünïcode ✓");
        repo.deploy(request);

        StoredDefinition stored = repo.get("triage", 1);
        assertEquals(request.canonicalJson(), stored.canonicalJson());
        assertEquals(request.sourceText(), stored.sourceText());
        assertEquals("triage.agent", stored.sourceFileName());
        assertEquals(Map.of("1", 2), stored.sourceMap().lines());
        assertEquals(2, stored.sourceMap().lineOf("1").getAsInt());
    }

    @Test
    void redeployingTheSameContentIsANoOpReturningTheExistingVersion() {
        DeployedVersion first = repo.deploy(Plans.request("triage", "one"));
        repo.deploy(Plans.request("triage", "two"));
        DeployedVersion again = repo.deploy(Plans.request("triage", "one").withMessage("again"));

        assertTrue(again.noOp());
        assertEquals(1, again.version());
        assertEquals(first.sha256(), again.sha256());
        assertEquals(first.deployedAt(), again.deployedAt());
        assertEquals(2, repo.versions("triage").size());
    }

    @Test
    void versionsArePerAgent() {
        repo.deploy(Plans.request("alpha", "x"));
        repo.deploy(Plans.request("beta", "x"));
        DeployedVersion alpha2 = repo.deploy(Plans.request("alpha", "y"));

        assertEquals(2, alpha2.version());
        assertEquals(List.of("alpha", "beta"), repo.agents());
        assertEquals(1, repo.versions("beta").size());
        assertEquals(List.of(), repo.versions("gamma"));
    }

    @Test
    void resolvesLatestNumbersAndTags() {
        repo.deploy(Plans.request("triage", "one"));
        repo.deploy(Plans.request("triage", "two"));
        repo.deploy(Plans.request("triage", "three"));
        repo.tag("triage", 2, "prod");

        assertEquals(3, repo.resolve("triage").version().version());
        assertEquals(3, repo.resolve("triage@latest").version().version());
        assertEquals(1, repo.resolve("triage@1").version().version());
        assertEquals(2, repo.resolve("triage@prod").version().version());
        assertEquals(Plans.json("triage", "two"), repo.resolve("triage@prod").canonicalJson());
    }

    @Test
    void unknownRefsAreOneLineErrorsThatSayWhatExists() {
        repo.deploy(Plans.request("triage", "one"));
        repo.deploy(Plans.request("triage", "two"));
        repo.tag("triage", 1, "staging");

        assertEquals("agent triage has no version 7 (versions: 1..2)",
                assertThrows(RepositoryException.class, () -> repo.resolve("triage@7")).getMessage());
        assertEquals("agent triage has no tag 'prod' (tags: staging)",
                assertThrows(RepositoryException.class, () -> repo.resolve("triage@prod")).getMessage());
        String unknown = assertThrows(RepositoryException.class, () -> repo.resolve("nope")).getMessage();
        assertEquals("no agent named nope is deployed in " + root + " (agents: triage)", unknown);
        assertEquals("invalid version in 'triage@0': versions are numbered from 1",
                assertThrows(RepositoryException.class, () -> repo.resolve("triage@0")).getMessage());
        assertTrue(assertThrows(RepositoryException.class, () -> repo.resolve("../etc@1")).getMessage()
                .startsWith("invalid agent name '../etc'"));
    }

    @Test
    void tagsMoveAndKeepAnAppendOnlyHistory() {
        repo.deploy(Plans.request("triage", "one"));
        repo.deploy(Plans.request("triage", "two"));

        TagMove first = repo.tag("triage", 1, "prod", "alice");
        TagMove moved = repo.tag("triage", 2, "prod", "bob");
        TagMove same = repo.tag("triage", 2, "prod", "carol");
        repo.tag("triage", 1, "canary");

        assertNull(first.from());
        assertEquals(1, moved.from());
        assertEquals(2, moved.to());
        assertTrue(same.unchanged());
        assertEquals(Map.of("canary", 1, "prod", 2), repo.tags("triage"));
        List<TagMove> history = repo.tagHistory("triage");
        assertEquals(3, history.size(), "a tag request that moves nothing is not recorded");
        assertEquals(first, history.get(0));
        assertEquals(moved, history.get(1));
        assertEquals("bob", history.get(1).by());
        assertEquals("tester", history.get(2).by());
        assertTrue(history.get(0).at().isBefore(history.get(1).at()));
    }

    @Test
    void tagsMustNameAnExistingVersionAndAValidTag() {
        repo.deploy(Plans.request("triage", "one"));

        assertEquals("agent triage has no version 5 (versions: 1)",
                assertThrows(RepositoryException.class, () -> repo.tag("triage", 5, "prod")).getMessage());
        assertTrue(assertThrows(RepositoryException.class, () -> repo.tag("triage", 1, "3"))
                .getMessage().startsWith("invalid tag '3'"));
        assertTrue(assertThrows(RepositoryException.class, () -> repo.tag("triage", 1, "latest"))
                .getMessage().startsWith("'latest' always means the newest version"));
        assertEquals(Map.of(), repo.tags("triage"));
    }

    @Test
    void refusesMalformedRequestsWithoutWritingAnything() throws Exception {
        String good = Plans.json("triage", "x");
        List<DeployRequest> bad = List.of(
                new DeployRequest("../evil", good, "s", "f.agent", null, null, null),
                new DeployRequest("has space", good, "s", "f.agent", null, null, null),
                new DeployRequest("triage", "{\"steps\": [", "s", "f.agent", null, null, null),
                new DeployRequest("triage", "{\"a\":1} trailing", "s", "f.agent", null, null, null),
                new DeployRequest("triage", "{\"a\":1,\"a\":2}", "s", "f.agent", null, null, null),
                new DeployRequest("triage", "[1, 2]", "s", "f.agent", null, null, null),
                new DeployRequest("triage", "  ", "s", "f.agent", null, null, null),
                new DeployRequest("triage", Plans.json("other", "x"), "s", "f.agent", null, null, null),
                new DeployRequest("triage", "{\"steps\":[]}", "s", "f.agent", null, null, null),
                new DeployRequest("triage", good, null, "f.agent", null, null, null),
                new DeployRequest("triage", good, "s", "", null, null, null),
                new DeployRequest("triage", good, "s", "f.agent", null, "two\nlines", null));
        for (DeployRequest request : bad) {
            RepositoryException e = assertThrows(RepositoryException.class, () -> repo.deploy(request),
                    request.toString());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        assertEquals("cannot deploy triage: the canonical JSON must be an object, not array",
                assertThrows(RepositoryException.class, () -> repo.deploy(bad.get(5))).getMessage());
        assertEquals("cannot deploy triage: the canonical JSON names agent \"other\", not \"triage\"",
                assertThrows(RepositoryException.class, () -> repo.deploy(bad.get(7))).getMessage());
        assertTrue(repo.agents().isEmpty());
        try (Stream<Path> files = Files.walk(root)) {
            assertTrue(files.noneMatch(p -> p.toString().contains("versions")), "nothing was published");
        }
    }

    @Test
    void refusesNamesThatDifferOnlyInCase() {
        repo.deploy(Plans.request("triage", "one"));
        RepositoryException e = assertThrows(RepositoryException.class,
                () -> repo.deploy(Plans.request("Triage", "one")));
        assertEquals("cannot deploy Triage: agent 'triage' already exists and names may not differ only in "
                + "letter case; rename the agent", e.getMessage());
    }

    @Test
    void leftoversOfACrashedDeployAreInvisibleAndSweptByTheNextDeploy() throws Exception {
        repo.deploy(Plans.request("triage", "one"));
        Path versions = root.resolve("agents/triage/versions");
        Path leftover = Files.createDirectory(versions.resolve(".tmp-crashed"));
        Files.writeString(leftover.resolve("definition.json"), "{\"half");

        assertEquals(1, repo.versions("triage").size(), "a staging directory is not a version");
        assertEquals(List.of(), repo.verify());
        DeployedVersion v2 = repo.deploy(Plans.request("triage", "two"));

        assertEquals(2, v2.version());
        assertFalse(Files.exists(leftover), "swept under the lock");
    }

    @Test
    void layoutOnDiskIsOneDirectoryPerVersion() throws Exception {
        repo.deploy(Plans.request("triage", "one"));
        repo.tag("triage", 1, "prod");
        Path v1 = root.resolve("agents/triage/versions/1");

        assertEquals(Plans.json("triage", "one"),
                Files.readString(v1.resolve("definition.json"), StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(v1.resolve("source.txt")));
        String meta = Files.readString(v1.resolve("version.json"));
        assertTrue(meta.contains("\"sha256\" : \"" + Sha256.of(Plans.json("triage", "one")) + "\""), meta);
        assertTrue(Files.isRegularFile(root.resolve("agents/triage/tags.jsonl")));
        assertTrue(Files.isRegularFile(root.resolve("repository.lock")));
    }

    @Test
    void anEmptyOrMissingRepositoryReadsAsEmpty() {
        FileDefinitionRepository missing = new FileDefinitionRepository(root.resolve("not-yet"));
        assertEquals(List.of(), missing.agents());
        assertEquals(List.of(), missing.verify());
        assertEquals("no agent named x is deployed in " + root.resolve("not-yet") + " (the repository is empty)",
                assertThrows(RepositoryException.class, () -> missing.resolve("x")).getMessage());
    }

    @Test
    void aRealPlanRoundTripsThroughTheCanonicalJsonAndDeduplicatesAcrossFormatting() {
        String handWritten = "{\"agent\": \"fetcher\", \"tools\": {\"web\": {\"kind\": \"http\", \"timeout\": \"90s\"}},"
                + " \"steps\": [{\"call\": \"web\", \"bind\": \"page\", \"args\": {\"url\": \"https://x.example\"}}]}";
        AgentDefinition plan = JsonPlanCodec.decode("fetcher.json", handWritten).definition();
        DeployedVersion v1 = repo.deploy(DeployRequest.of(plan, JsonPlanCodec.encode(plan), handWritten, "fetcher.json"));

        StoredDefinition stored = repo.resolve("fetcher");
        assertEquals(plan, JsonPlanCodec.decode("fetcher@1", stored.canonicalJson()).definition());
        assertEquals(handWritten, stored.sourceText());
        assertEquals(Map.of("1", 1), stored.sourceMap().lines());

        String reformatted = "{\n  \"steps\": [{\"args\": {\"url\": \"https://x.example\"}, \"bind\": \"page\", \"call\": \"web\"}],"
                + "\n  \"tools\": {\"web\": {\"timeout\": \"1m30s\", \"kind\": \"http\"}}, \"agent\": \"fetcher\"}";
        AgentDefinition same = JsonPlanCodec.decode("fetcher2.json", reformatted).definition();
        DeployedVersion again = repo.deploy(DeployRequest.of(same, JsonPlanCodec.encode(same), reformatted, "fetcher2.json"));
        assertTrue(again.noOp());
        assertEquals(v1.version(), again.version());
    }
}
