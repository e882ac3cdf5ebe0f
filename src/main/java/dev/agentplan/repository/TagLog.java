package dev.agentplan.repository;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An agent's tag history, {@code tags.jsonl}: one sealed JSON line per move, each carrying the
 * checksum of the line before it, so an edited, dropped or reordered line breaks the chain.
 * The current tags are the last move of each tag. Appending rewrites the file atomically
 * (old lines plus the new one), so the log is append-only in content and never half-written.
 */
final class TagLog {

    static final String FILE = "tags.jsonl";

    private TagLog() {
    }

    /** Every move, oldest first, verified. */
    static List<TagMove> read(Path file, String agent) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw IoProblems.of("cannot read " + file, e);
        }
        return parse(file, agent, new String(bytes, StandardCharsets.UTF_8));
    }

    private static List<TagMove> parse(Path file, String agent, String text) {
        String remedy = "restore " + file + " from a backup (tags can then be set again with the tag command)";
        List<TagMove> moves = new ArrayList<>();
        if (text.isEmpty()) {
            return moves;
        }
        if (!text.endsWith("\n")) {
            throw new RepositoryException(file + ": the last line is incomplete (truncated); " + remedy);
        }
        String previous = "";
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String what = file + " line " + (i + 1);
            ObjectNode entry = SealedJson.open(lines[i].getBytes(StandardCharsets.UTF_8), what, remedy);
            String prev = SealedJson.text(entry, "prev", what, false);
            if (!prev.equals(previous)) {
                throw new RepositoryException(what + " does not follow the line before it "
                        + "(a line was removed, reordered or edited); " + remedy);
            }
            previous = Sha256.of(lines[i]);
            moves.add(new TagMove(agent,
                    SealedJson.text(entry, "tag", what, false),
                    SealedJson.optionalInteger(entry, "from", what),
                    SealedJson.integer(entry, "to", what),
                    SealedJson.text(entry, "by", what, false),
                    SealedJson.instant(entry, "at", what)));
        }
        return moves;
    }

    /** The current tags: the last move of each. */
    static Map<String, Integer> current(List<TagMove> moves) {
        Map<String, Integer> tags = new TreeMap<>();
        for (TagMove move : moves) {
            tags.put(move.tag(), move.to());
        }
        return tags;
    }

    /** Appends a move; call only while holding the repository lock. */
    static void append(Path file, TagMove move) throws IOException {
        String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        parse(file, move.agent(), existing); // never extend a damaged log
        String previous = "";
        if (!existing.isEmpty()) {
            String[] lines = existing.split("\n");
            previous = Sha256.of(lines[lines.length - 1]);
        }
        ObjectNode entry = SealedJson.MAPPER.createObjectNode();
        entry.put("tag", move.tag());
        if (move.from() == null) {
            entry.putNull("from");
        } else {
            entry.put("from", move.from());
        }
        entry.put("to", move.to());
        entry.put("by", move.by());
        entry.put("at", move.at().toString());
        entry.put("prev", previous);
        String line = SealedJson.sealLine(entry) + "\n";
        AtomicFiles.write(file, (existing + line).getBytes(StandardCharsets.UTF_8));
    }
}
