package dev.agentplan.repository.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.repository.DeployRequest;
import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.repository.RepositoryException;
import dev.agentplan.syntax.json.JsonPlanCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploy real plans (text → model → canonical JSON) and diff them by ref, as the CLI will. */
class DeployedDiffTest {

    @TempDir
    Path root;

    private static DeployRequest request(String text) {
        AgentDefinition plan = AgentText.parse(text);
        return DeployRequest.of(plan, JsonPlanCodec.encode(plan), text, "incident_triage.agent");
    }

    @Test
    void diffsDeployedVersionsByRef() {
        FileDefinitionRepository repo = new FileDefinitionRepository(root);
        String v1 = AgentText.example("incident_triage");
        String v2 = AgentText.edit(v1, "wait 10m", "wait 15m");
        repo.deploy(request(v1));
        repo.deploy(request(v2));
        repo.tag("incident_triage", 1, "prod");

        DiffReport report = DeployedDiff.compare(repo, "incident_triage@prod", "incident_triage");
        assertEquals("incident_triage@1", report.fromLabel());
        assertEquals("incident_triage@2", report.toLabel());
        assertEquals("~ step 2/else/1 (wait 15m): duration changed: 10m → 15m", DiffText.line(report.changes().get(0)));
        assertEquals(1, report.changes().size());
        assertTrue(DeployedDiff.compare(repo, "incident_triage@1", "incident_triage@prod").isEmpty());
        assertEquals(AgentText.parse(v1), repo.get("incident_triage", 1).plan());
        assertEquals(24, repo.get("incident_triage", 1).sourceMap().lineOf("2").getAsInt(),
                "the source map points at the if in the .agent file");
    }

    @Test
    void aStoredDefinitionThatNoLongerReadsAsAPlanIsAClearError() throws Exception {
        FileDefinitionRepository repo = new FileDefinitionRepository(root);
        repo.deploy(new DeployRequest("odd", "{\"agent\": \"odd\", \"steps\": 3}", "x", "odd.json", null, null, null));
        RepositoryException e = assertThrows(RepositoryException.class, () -> repo.resolve("odd").plan());
        assertTrue(e.getMessage().startsWith("odd@1 no longer reads as a plan with this agentplan (odd@1:"),
                e.getMessage());
        assertTrue(Files.isDirectory(root.resolve("agents/odd/versions/1")));
    }
}
