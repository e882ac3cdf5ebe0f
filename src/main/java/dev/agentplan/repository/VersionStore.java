package dev.agentplan.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One version on disk: a directory {@code versions/<n>/} holding exactly {@code definition.json}
 * (the canonical JSON, byte for byte), {@code source.txt} (what the user deployed) and
 * {@code version.json} (sealed metadata with the sha256 of the other two). The directory is
 * staged under a hidden name and published by one atomic rename, so a version either exists
 * completely or not at all.
 */
final class VersionStore {

    static final String DEFINITION = "definition.json";
    static final String SOURCE = "source.txt";
    static final String METADATA = "version.json";
    static final int FORMAT = 1;
    private static final Set<String> FILES = Set.of(DEFINITION, SOURCE, METADATA);

    private VersionStore() {
    }

    /**
     * Version numbers present under {@code versionsDir}, ascending, damaged ones included (a number
     * is never given out twice). Entries that are no version number are ignored, with a note.
     */
    static List<Integer> numbers(Path versionsDir, Consumer<String> notes) {
        List<Integer> out = new ArrayList<>();
        if (!Files.isDirectory(versionsDir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(versionsDir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue; // a deploy in progress or a crashed one's leftovers
                }
                if (!name.matches("[1-9][0-9]{0,8}")) {
                    notes.accept("ignoring " + entry + ": the versions directory holds only numbered version "
                            + "directories; move it elsewhere");
                    continue;
                }
                out.add(Integer.parseInt(name));
            }
        } catch (IOException e) {
            throw IoProblems.of("cannot list " + versionsDir, e);
        }
        out.sort(null);
        return out;
    }

    /** Writes a complete version into a staging directory, then publishes it as {@code versions/<n>}. */
    static void publish(Path versionsDir, DeployedVersion version, DeployRequest request) throws IOException {
        byte[] definition = request.canonicalJson().getBytes(StandardCharsets.UTF_8);
        byte[] source = request.sourceText().getBytes(StandardCharsets.UTF_8);
        ObjectNode meta = SealedJson.MAPPER.createObjectNode();
        meta.put("format", FORMAT);
        meta.put("agent", version.name());
        meta.put("version", version.version());
        meta.put("sha256", version.sha256());
        meta.put("sourceSha256", Sha256.of(source));
        meta.put("sourceFile", request.sourceFileName());
        meta.put("deployedAt", version.deployedAt().toString());
        meta.put("author", version.author());
        meta.put("message", version.message());
        ObjectNode lines = meta.putObject("sourceMap");
        request.sourceMap().lines().forEach(lines::put);

        Path staging = AtomicFiles.stagingDirectory(versionsDir);
        AtomicFiles.writeDurably(staging.resolve(DEFINITION), definition);
        AtomicFiles.writeDurably(staging.resolve(SOURCE), source);
        AtomicFiles.writeDurably(staging.resolve(METADATA), SealedJson.seal(meta));
        AtomicFiles.publishDirectory(staging, versionsDir.resolve(Integer.toString(version.version())));
    }

    /** Reads a version and verifies every checksum; any damage is a {@link RepositoryException}. */
    static StoredDefinition read(Path versionDir, String agent, int number, Consumer<String> notes) {
        String remedy = "restore it from a backup, or delete " + versionDir + " to drop version " + number;
        if (Files.exists(versionDir) && !Files.isDirectory(versionDir)) {
            throw new RepositoryException(versionDir + " is a file, not a version directory (damaged or put there "
                    + "by hand?); " + remedy);
        }
        checkEntries(versionDir, notes);
        String metaWhat = versionDir.resolve(METADATA).toString();
        ObjectNode meta = SealedJson.open(readFile(versionDir, METADATA, remedy), metaWhat, remedy);
        if (SealedJson.integer(meta, "format", metaWhat) != FORMAT) {
            throw new RepositoryException(metaWhat + " has an unknown format; it was written by a newer agentplan");
        }
        String storedAgent = SealedJson.text(meta, "agent", metaWhat, false);
        int storedVersion = SealedJson.integer(meta, "version", metaWhat);
        if (!storedAgent.equals(agent) || storedVersion != number) {
            throw new RepositoryException(metaWhat + " describes " + storedAgent + "@" + storedVersion
                    + ", not " + agent + "@" + number + " (directory renamed or copied by hand?); " + remedy);
        }
        String sha = SealedJson.text(meta, "sha256", metaWhat, false);
        byte[] definition = readFile(versionDir, DEFINITION, remedy);
        checkDigest(versionDir.resolve(DEFINITION), definition, sha, remedy);
        byte[] source = readFile(versionDir, SOURCE, remedy);
        checkDigest(versionDir.resolve(SOURCE), source, SealedJson.text(meta, "sourceSha256", metaWhat, false), remedy);

        DeployedVersion version = new DeployedVersion(agent, number, sha,
                SealedJson.instant(meta, "deployedAt", metaWhat),
                SealedJson.text(meta, "author", metaWhat, false),
                SealedJson.text(meta, "message", metaWhat, true),
                false);
        return new StoredDefinition(version,
                new String(definition, StandardCharsets.UTF_8),
                new String(source, StandardCharsets.UTF_8),
                SealedJson.text(meta, "sourceFile", metaWhat, false),
                sourceMap(meta, metaWhat));
    }

    /** Files a version never holds are ignored, with a note: the three it does hold are verified. */
    private static void checkEntries(Path versionDir, Consumer<String> notes) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(versionDir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && !FILES.contains(name)) {
                    notes.accept("ignoring " + entry + ": a version directory holds only "
                            + String.join(", ", List.of(DEFINITION, SOURCE, METADATA))
                            + " and versions are immutable; move it elsewhere");
                }
            }
        } catch (NoSuchFileException e) {
            throw new RepositoryException("version directory " + versionDir + " disappeared while reading it");
        } catch (IOException e) {
            throw IoProblems.of("cannot list " + versionDir, e);
        }
    }

    private static byte[] readFile(Path versionDir, String name, String remedy) {
        Path file = versionDir.resolve(name);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RepositoryException("missing file " + file + " (deleted by hand?); " + remedy);
        } catch (IOException e) {
            throw IoProblems.of("cannot read " + file, e);
        }
    }

    private static void checkDigest(Path file, byte[] content, String expected, String remedy) {
        if (!Sha256.of(content).equals(expected)) {
            throw new RepositoryException(file + " does not match its sha256 in " + METADATA
                    + " (edited by hand, truncated or damaged); " + remedy);
        }
    }

    private static SourceMap sourceMap(ObjectNode meta, String what) {
        JsonNode node = meta.get("sourceMap");
        if (!(node instanceof ObjectNode object)) {
            throw new RepositoryException(what + ": field 'sourceMap' is missing or not an object; "
                    + "the file was written by an incompatible tool");
        }
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isIntegralNumber()) {
                throw new RepositoryException(what + ": source map line of step " + e.getKey() + " is not a number");
            }
            lines.put(e.getKey(), e.getValue().asInt());
        }
        try {
            return new SourceMap(lines);
        } catch (RepositoryException e) {
            throw new RepositoryException(what + ": " + e.getMessage());
        }
    }

    static Instant now(java.time.Clock clock) {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
