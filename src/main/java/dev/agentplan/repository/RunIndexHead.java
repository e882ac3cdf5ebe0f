package dev.agentplan.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The anchor of the run index, {@code <root>/runs.head.json}: every run id the index has
 * recorded, in the order they were first recorded. It lives outside {@code runs/}, so a deleted
 * run file (or a deleted {@code runs/} directory) is reported instead of silently forgotten.
 * Written atomically, under the repository lock, after the run's own file.
 */
record RunIndexHead(List<String> runIds) {

    static final String FILE = "runs.head.json";
    static final int FORMAT = 1;

    /** The head, verified; null when there is none (an index written before heads existed). */
    static RunIndexHead read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw IoProblems.of("cannot read " + file, e);
        }
        String what = file.toString();
        String remedy = "restore it from a backup, or delete it (the next run rebuilds it from the run files present)";
        ObjectNode node = SealedJson.open(bytes, what, remedy);
        if (SealedJson.integer(node, "format", what) != FORMAT) {
            throw new RepositoryException(what + " has an unknown format; it was written by a newer agentplan");
        }
        JsonNode runs = node.get("runs");
        if (!(runs instanceof ArrayNode array)) {
            throw new RepositoryException(what + ": field 'runs' is missing or not a list; " + remedy);
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : array) {
            if (!id.isTextual() || !Names.isRunId(id.asText())) {
                throw new RepositoryException(what + ": 'runs' holds something that is not a run id; " + remedy);
            }
            ids.add(id.asText());
        }
        return new RunIndexHead(List.copyOf(ids));
    }

    /** Replaces the head atomically; call only while holding the repository lock. */
    void write(Path file) throws IOException {
        ObjectNode node = SealedJson.MAPPER.createObjectNode();
        node.put("format", FORMAT);
        ArrayNode array = node.putArray("runs");
        runIds.forEach(array::add);
        AtomicFiles.write(file, SealedJson.seal(node));
    }
}
