package dev.agentplan.repository;

import dev.agentplan.model.AgentDefinition;

/**
 * What a deploy stores: an already validated plan in canonical JSON plus where it came from.
 *
 * @param agentName the agent's name; versions are numbered per name
 * @param canonicalJson the plan's canonical JSON (its sha256 is the version's identity)
 * @param sourceText the text the user deployed (.agent or JSON), kept for show and diff
 * @param sourceFileName the name of the file the source came from
 * @param sourceMap step path to source line
 * @param author who deploys; null means the OS user
 * @param message why, or null
 */
public record DeployRequest(
        String agentName,
        String canonicalJson,
        String sourceText,
        String sourceFileName,
        SourceMap sourceMap,
        String author,
        String message) {

    public DeployRequest {
        sourceMap = sourceMap == null ? SourceMap.EMPTY : sourceMap;
    }

    /** A request for a parsed plan; the source map comes from the model's spans. */
    public static DeployRequest of(AgentDefinition definition, String canonicalJson, String sourceText,
                                   String sourceFileName) {
        return new DeployRequest(definition.name(), canonicalJson, sourceText, sourceFileName,
                SourceMap.of(definition), null, null);
    }

    public DeployRequest withAuthor(String newAuthor) {
        return new DeployRequest(agentName, canonicalJson, sourceText, sourceFileName, sourceMap, newAuthor, message);
    }

    public DeployRequest withMessage(String newMessage) {
        return new DeployRequest(agentName, canonicalJson, sourceText, sourceFileName, sourceMap, author, newMessage);
    }
}
