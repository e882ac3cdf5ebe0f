package dev.agentplan.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An agent's tag history, {@code tags.jsonl}: one sealed JSON line per move, each carrying the
 * checksum of the line before it, so an edited, dropped or reordered line breaks the chain.
 * {@link TagHead} anchors the chain's end, so a cut-off tail or a deleted log is detected too.
 * The current tags are the last move of each tag. Appending rewrites the file atomically
 * (old lines plus the new one), so the log is append-only in content and never half-written.
 */
final class TagLog {

    static final String FILE = "tags.jsonl";
    /** Lines written by an agentplan that keeps a head carry {@code "v": 2}; older lines have no {@code v}. */
    private static final int ANCHORED = 2;

    private TagLog() {
    }

    /** What a log holds: its moves, the hash of each line, and whether a head must exist. */
    private record Parsed(List<TagMove> moves, List<String> lineHashes, boolean anchored) {

        int count() {
            return moves.size();
        }
    }

    /**
     * Every move, oldest first, verified against the chain and the head. The head is read first:
     * a tag command writes the log before the head, so a reader racing it sees a log at least as
     * long as the head it read.
     */
    static List<TagMove> read(Path file, String agent) {
        TagHead head = TagHead.read(TagHead.beside(file), agent);
        String text = readText(file);
        Parsed parsed = parse(file, agent, text == null ? "" : text);
        checkHead(file, agent, head, parsed, text == null);
        return parsed.moves();
    }

    /** True when the log exists, has moves and no head: written by an agentplan before heads (not damage). */
    static boolean unanchored(Path file, String agent) {
        String text = readText(file);
        return text != null && !text.isEmpty() && TagHead.read(TagHead.beside(file), agent) == null
                && !parse(file, agent, text).anchored();
    }

    private static String readText(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw IoProblems.of("cannot read " + file, e);
        }
    }

    private static String remedy(Path file) {
        return "restore " + file + " from a backup (tags can then be set again with the tag command)";
    }

    private static Parsed parse(Path file, String agent, String text) {
        String remedy = remedy(file);
        List<TagMove> moves = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        boolean anchored = false;
        if (text.isEmpty()) {
            return new Parsed(moves, hashes, false);
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
            JsonNode v = entry.get("v");
            anchored |= v != null && v.isIntegralNumber() && v.asInt() >= ANCHORED;
            previous = Sha256.of(lines[i]);
            hashes.add(previous);
            moves.add(new TagMove(agent,
                    SealedJson.text(entry, "tag", what, false),
                    SealedJson.optionalInteger(entry, "from", what),
                    SealedJson.integer(entry, "to", what),
                    SealedJson.text(entry, "by", what, false),
                    SealedJson.instant(entry, "at", what)));
        }
        return new Parsed(moves, hashes, anchored);
    }

    /**
     * The log must reach at least as far as its head says. It may reach further by lines whose
     * start matches the head: a tag command stopped between writing the log and its head (the
     * next tag command anchors them).
     */
    private static void checkHead(Path file, String agent, TagHead head, Parsed log, boolean logMissing) {
        Path headFile = TagHead.beside(file);
        String accept = "agentplan repo accept-tags " + agent;
        String dropAll = "restore " + file + " from a backup, or accept the log as it is now with '" + accept + "'";
        if (head == null) {
            if (log.anchored()) {
                throw new RepositoryException(headFile + " is missing (deleted by hand?), so a cut-off end of " + file
                        + " would go unnoticed; restore " + headFile + " from a backup, or, if " + file
                        + " is complete, anchor it again with '" + accept + "'");
            }
            return; // written before heads existed: anchored by the next tag command
        }
        if (logMissing && head.count() > 0) {
            throw new RepositoryException(file + " is missing (deleted by hand?) but " + headFile + " records "
                    + moves(head.count()) + ", so the agent's tags are lost; " + dropAll + " (the agent then has no tags)");
        }
        if (log.count() < head.count()) {
            throw new RepositoryException(file + " holds " + moves(log.count()) + " but " + headFile + " records "
                    + moves(head.count()) + ": the end of the log was cut off (truncated, or its last lines removed), "
                    + "so tags would silently point at older versions; " + dropAll);
        }
        if (head.count() > 0 && !log.lineHashes().get(head.count() - 1).equals(head.last())) {
            throw new RepositoryException(file + " line " + head.count() + " is not the line " + headFile
                    + " records (the log was replaced or rewritten); " + dropAll);
        }
    }

    private static String moves(int n) {
        return n + (n == 1 ? " tag move" : " tag moves");
    }

    /**
     * Accepts the log as it is now, for when its head says otherwise (a cut-off end, a deleted log
     * or head) and the user has decided the log is right: anchors its current end. The chain
     * itself must be intact. Call only while holding the repository lock.
     *
     * @return the number of moves accepted
     */
    static int accept(Path file, String agent) throws IOException {
        String text = readText(file);
        Parsed parsed = parse(file, agent, text == null ? "" : text);
        String last = parsed.lineHashes().isEmpty() ? "" : parsed.lineHashes().get(parsed.count() - 1);
        new TagHead(parsed.count(), last).write(TagHead.beside(file), agent);
        return parsed.count();
    }

    /** The current tags: the last move of each. */
    static Map<String, Integer> current(List<TagMove> moves) {
        Map<String, Integer> tags = new TreeMap<>();
        for (TagMove move : moves) {
            tags.put(move.tag(), move.to());
        }
        return tags;
    }

    /**
     * Appends a move and anchors the log's new end in its head; call only while holding the
     * repository lock. A log written before heads existed is anchored now ({@code notes} says so).
     */
    static void append(Path file, TagMove move, Consumer<String> notes) throws IOException {
        Path headFile = TagHead.beside(file);
        TagHead head = TagHead.read(headFile, move.agent());
        String text = readText(file);
        String existing = text == null ? "" : text;
        Parsed parsed = parse(file, move.agent(), existing);
        checkHead(file, move.agent(), head, parsed, text == null); // never extend a damaged log
        if (!existing.isEmpty() && head == null) {
            notes.accept("anchored the tag log " + file + " (written by an older agentplan): " + headFile
                    + " now records its end, so a cut-off or deleted log is detected from now on");
        }
        String previous = parsed.lineHashes().isEmpty() ? "" : parsed.lineHashes().get(parsed.count() - 1);
        ObjectNode entry = SealedJson.MAPPER.createObjectNode();
        entry.put("v", ANCHORED);
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
        String line = SealedJson.sealLine(entry);
        AtomicFiles.write(file, (existing + line + "\n").getBytes(StandardCharsets.UTF_8));
        new TagHead(parsed.count() + 1, Sha256.of(line)).write(headFile, move.agent());
    }
}
