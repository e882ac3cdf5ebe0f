package dev.agentplan.repository;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The anchor of an agent's tag log, {@code tags.head.json}: how many moves the log holds and the
 * sha256 of its last line, written (atomically, under the repository lock) after every append.
 * The hash chain inside the log detects an edited or dropped line but not a cut-off end; the head
 * does, and a deleted log whose head survives is reported instead of read as "no tags".
 *
 * @param count the number of lines the log held when the head was written
 * @param last the sha256 of the log's last line then (empty when count is 0)
 */
record TagHead(int count, String last) {

    static final String FILE = "tags.head.json";
    static final int FORMAT = 1;

    static Path beside(Path log) {
        return log.resolveSibling(FILE);
    }

    /** The head, verified; null when there is none (a repository written before heads existed). */
    static TagHead read(Path file, String agent) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw IoProblems.of("cannot read " + file, e);
        }
        String what = file.toString();
        String remedy = "restore it from a backup, or, if " + file.resolveSibling(TagLog.FILE)
                + " is complete, anchor it again with 'agentplan repo accept-tags " + agent + "'";
        ObjectNode node = SealedJson.open(bytes, what, remedy);
        if (SealedJson.integer(node, "format", what) != FORMAT) {
            throw new RepositoryException(what + " has an unknown format; it was written by a newer agentplan");
        }
        String stored = SealedJson.text(node, "agent", what, false);
        if (!stored.equals(agent)) {
            throw new RepositoryException(what + " anchors the tags of " + stored + ", not " + agent
                    + " (copied by hand?); " + remedy);
        }
        int count = SealedJson.integer(node, "count", what);
        if (count < 0) {
            throw new RepositoryException(what + ": field 'count' is negative; " + remedy);
        }
        return new TagHead(count, SealedJson.text(node, "last", what, false));
    }

    /** Replaces the head atomically; call only while holding the repository lock. */
    void write(Path file, String agent) throws IOException {
        ObjectNode node = SealedJson.MAPPER.createObjectNode();
        node.put("format", FORMAT);
        node.put("agent", agent);
        node.put("count", count);
        node.put("last", last);
        AtomicFiles.write(file, SealedJson.seal(node));
    }
}
