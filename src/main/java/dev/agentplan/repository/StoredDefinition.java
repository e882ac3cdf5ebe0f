package dev.agentplan.repository;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.json.JsonPlanCodec;

/**
 * A version read back from the repository, its checksums verified.
 *
 * @param canonicalJson the canonical JSON exactly as deployed
 * @param sourceText the source the user deployed
 * @param sourceFileName the name of the file the source came from
 */
public record StoredDefinition(
        DeployedVersion version,
        String canonicalJson,
        String sourceText,
        String sourceFileName,
        SourceMap sourceMap) {

    public String name() {
        return version.name();
    }

    public String sha256() {
        return version.sha256();
    }

    /** The plan model, read from the canonical JSON (spans point into {@code name@version}). */
    public AgentDefinition plan() {
        ParseResult read = JsonPlanCodec.decode(version.ref(), canonicalJson);
        if (read.hasErrors()) {
            String first = read.diagnostics().stream().filter(Diagnostic::isError).findFirst()
                    .map(Diagnostic::headline).orElse("no plan in it");
            throw new RepositoryException(version.ref() + " no longer reads as a plan with this agentplan (" + first
                    + "); it was deployed by an incompatible version");
        }
        return read.definition();
    }
}
