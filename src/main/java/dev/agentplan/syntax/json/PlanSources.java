package dev.agentplan.syntax.json;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanFormatter;
import dev.agentplan.syntax.PlanText;
import dev.agentplan.syntax.Utf8Text;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;

/**
 * Plans from files in either form: {@code .agent} text or JSON, chosen by the file's extension
 * and, for other names, by its content. Reading never throws: a missing file, a directory, an
 * unreadable or huge file is a diagnostic like any other problem.
 */
public final class PlanSources {

    /** Largest plan file read, in bytes. */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    /** The two forms of a plan. */
    public enum Format {
        AGENT_TEXT, JSON
    }

    private PlanSources() {
    }

    /** Reads and parses the plan in {@code file}; spans name the file as given. */
    public static ParseResult read(Path file) {
        String name = file.toString();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return failure(JsonCodes.FILE_MISSING, name, "no such file: " + name, "check the path and the file name");
        } catch (AccessDeniedException e) {
            return failure(JsonCodes.UNREADABLE, name, "permission denied: " + name, "check the file's permissions");
        } catch (IOException | SecurityException e) {
            return failure(JsonCodes.UNREADABLE, name, "cannot read " + name + ": " + reason(e), null);
        }
        if (attributes.isDirectory()) {
            return failure(JsonCodes.NOT_A_FILE, name, name + " is a directory, not a plan file",
                    "name a .agent or .json file");
        }
        if (!attributes.isRegularFile()) {
            return failure(JsonCodes.NOT_A_FILE, name, name + " is not a regular file",
                    "name a .agent or .json file");
        }
        if (attributes.size() > MAX_BYTES) {
            return tooLarge(name);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (AccessDeniedException e) {
            return failure(JsonCodes.UNREADABLE, name, "permission denied: " + name, "check the file's permissions");
        } catch (IOException | SecurityException e) {
            return failure(JsonCodes.UNREADABLE, name, "cannot read " + name + ": " + reason(e), null);
        }
        if (bytes.length > MAX_BYTES) {
            return tooLarge(name);
        }
        return parse(name, bytes);
    }

    /** Parses a plan's bytes (UTF-8), in the form its name or, failing that, its content says. */
    public static ParseResult parse(String fileName, byte[] bytes) {
        Format format = formatOf(fileName, bytes);
        if (format == null) {
            return failure(JsonCodes.UNKNOWN_FORMAT, fileName, "cannot tell whether " + fileName
                    + " is a .agent plan or a JSON plan", "name the file with the .agent or .json extension");
        }
        if (format == Format.AGENT_TEXT) {
            return PlanText.parse(fileName, bytes);
        }
        Utf8Text.Decoded decoded = Utf8Text.decode(bytes);
        if (!decoded.ok()) {
            return new ParseResult(null, List.of(Diagnostic.error(JsonCodes.UNKNOWN_FORMAT, decoded.problem(),
                    new SourceSpan(fileName == null ? "" : fileName, decoded.line(), decoded.column(),
                            decoded.line(), decoded.column(), ""),
                    Utf8Text.HINT)));
        }
        return JsonPlanCodec.decode(fileName, decoded.text());
    }

    /**
     * The form of a plan: {@code .agent} and {@code .json} names decide; otherwise JSON when the
     * content starts with {@code {}, text when it starts with {@code agent} or a {@code #} comment,
     * and null when it cannot be told.
     */
    public static Format formatOf(String fileName, byte[] bytes) {
        String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".agent")) {
            return Format.AGENT_TEXT;
        }
        if (lower.endsWith(".json")) {
            return Format.JSON;
        }
        int i = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        if (i < bytes.length && bytes[i] == '{') {
            return Format.JSON;
        }
        if (i < bytes.length && (bytes[i] == '#' || startsWith(bytes, i, "agent"))) {
            return Format.AGENT_TEXT;
        }
        return null;
    }

    /** The canonical JSON form of a plan. */
    public static String toJson(AgentDefinition definition) {
        return JsonPlanCodec.encode(definition);
    }

    /** The canonical {@code .agent} text of a plan (comments are not part of the model). */
    public static String toAgentText(AgentDefinition definition) {
        return PlanFormatter.format(definition);
    }

    private static boolean startsWith(byte[] bytes, int at, String word) {
        if (bytes.length - at < word.length() + 1) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (bytes[at + k] != word.charAt(k)) {
                return false;
            }
        }
        byte next = bytes[at + word.length()];
        return next == ' ' || next == '\t' || next == '\r' || next == '\n';
    }

    private static ParseResult tooLarge(String name) {
        return failure(JsonCodes.TOO_LARGE, name, name + " is larger than " + MAX_BYTES / (1024 * 1024)
                + " MiB, too large for a plan", "check that this is the plan file you meant");
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static ParseResult failure(String code, String file, String message, String hint) {
        return new ParseResult(null, List.of(Diagnostic.error(code, message,
                new SourceSpan(file == null ? "" : file, 1, 1, 1, 1, ""), hint)));
    }
}
