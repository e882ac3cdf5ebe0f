package dev.agentplan.repository;

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
}
