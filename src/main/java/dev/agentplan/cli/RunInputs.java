package dev.agentplan.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code --input JSON|@file.json}: the run's inputs as one JSON object. Text that is not a JSON
 * object is a usage error (exit 2, nothing is started); an object that does not fit the plan's
 * declared inputs is the run's own business: it fails at its start with {@code InvalidInput}
 * naming the input (exit 1).
 */
final class RunInputs {

    private RunInputs() {
    }

    static ObjectNode parse(String option) {
        if (option == null) {
            return CliJson.MAPPER.createObjectNode();
        }
        String text = option;
        String where = "--input";
        if (option.startsWith("@")) {
            Path file = Path.of(option.substring(1));
            where = "--input " + option;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new CliException(ExitCode.NOT_FOUND, where + ": no such file");
            } catch (IOException e) {
                throw new CliException(ExitCode.USAGE, where + ": cannot read it (" + e.getMessage() + ")");
            }
        }
        JsonNode node;
        try {
            node = CliJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new CliException(ExitCode.USAGE, where + " is not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + "; give an object such as {\"name\": \"value\"}");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new CliException(ExitCode.USAGE, where + " must be a JSON object of input names to values, such as "
                    + "{\"name\": \"value\"}, not " + (node == null || node.isMissingNode() ? "nothing" : kind(node)));
        }
        return object;
    }

    private static String kind(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }
}
