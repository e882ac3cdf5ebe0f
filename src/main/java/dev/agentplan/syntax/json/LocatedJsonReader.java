package dev.agentplan.syntax.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.SourceSpan;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * Reads JSON text into a Jackson tree while recording where every node was written, so each
 * model node and each diagnostic can name its file, line, column and JSON pointer. Strict JSON:
 * no comments, no trailing commas, one document, no duplicate keys.
 */
final class LocatedJsonReader {

    /** Deeper nesting than this is refused before anything recurses over the tree. */
    static final int MAX_DEPTH = 200;
    static final int MAX_STRING_CHARS = 1_000_000;
    static final int MAX_NUMBER_CHARS = 200;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNumberLength(MAX_NUMBER_CHARS)
                    .build())
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** The tree (null when the text is not one valid JSON document) and where its nodes are. */
    record Result(JsonNode root, JsonLocations locations) {
    }

    private final JsonLocations locations;
    private final List<Diagnostic> diagnostics;
    private JsonParser parser;

    private LocatedJsonReader(String file, List<Diagnostic> diagnostics) {
        this.locations = new JsonLocations(file);
        this.diagnostics = diagnostics;
    }

    static Result read(String file, String text, List<Diagnostic> diagnostics) {
        LocatedJsonReader reader = new LocatedJsonReader(file, diagnostics);
        return new Result(reader.readDocument(text), reader.locations);
    }

    private JsonNode readDocument(String text) {
        if (text.isBlank()) {
            diagnostics.add(Diagnostic.error(JsonCodes.EMPTY, "the file is empty",
                    new SourceSpan(locations.file(), 1, 1, 1, 1, ""),
                    "a JSON plan is an object such as {\"agent\": \"my_agent\", \"steps\": []}"));
            return null;
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            JsonNode root = readValue(first, "");
            JsonToken extra = p.nextToken();
            if (extra != null) {
                diagnostics.add(Diagnostic.error(JsonCodes.SYNTAX, "unexpected content after the end of the JSON document",
                        spanAt(p.currentTokenLocation(), ""), "a plan file holds exactly one JSON object"));
                return null;
            }
            return root;
        } catch (OutOfRange e) {
            return null;
        } catch (StreamConstraintsException e) {
            diagnostics.add(Diagnostic.error(JsonCodes.LIMIT, limitMessage(e), spanAt(e.getLocation(), ""),
                    "plans are small documents; split deep or huge parts into smaller ones"));
        } catch (JsonEOFException e) {
            diagnostics.add(Diagnostic.error(JsonCodes.SYNTAX, "the JSON ends before the document is complete",
                    spanAt(e.getLocation(), ""), "close every string, `[` and `{`"));
        } catch (JsonProcessingException e) {
            diagnostics.add(Diagnostic.error(JsonCodes.SYNTAX, "invalid JSON: " + firstLine(e.getOriginalMessage()),
                    spanAt(e.getLocation(), ""), "check for a missing comma, quote, colon or bracket here"));
        } catch (IOException e) {
            diagnostics.add(Diagnostic.error(JsonCodes.SYNTAX, "the JSON could not be read: " + firstLine(e.getMessage()),
                    new SourceSpan(locations.file(), 1, 1, 1, 1, ""), null));
        }
        return null;
    }

    private JsonNode readValue(JsonToken token, String pointer) throws IOException {
        JsonLocation start = parser.currentTokenLocation();
        JsonNode node;
        if (token == JsonToken.START_OBJECT) {
            node = readObject(pointer);
        } else if (token == JsonToken.START_ARRAY) {
            node = readArray(pointer);
        } else if (token == JsonToken.VALUE_STRING) {
            node = NODES.textNode(parser.getText());
        } else if (token == JsonToken.VALUE_NUMBER_INT) {
            node = NODES.numberNode(parser.getBigIntegerValue());
        } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            node = NODES.numberNode(inRange(parser.getDecimalValue(), start, pointer));
        } else if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            node = NODES.booleanNode(token == JsonToken.VALUE_TRUE);
        } else if (token == JsonToken.VALUE_NULL) {
            node = NODES.nullNode();
        } else {
            throw new JsonEOFException(parser, token, "no value");
        }
        JsonLocation end = parser.currentLocation();
        locations.value(pointer, new JsonLocations.Position(start.getLineNr(), start.getColumnNr(),
                end.getLineNr(), end.getColumnNr(), start.getCharOffset()));
        return node;
    }

    /** Exponents such as 1e999999999 are refused: exact decimals that large cannot be worked with. */
    private BigDecimal inRange(BigDecimal value, JsonLocation start, String pointer) throws OutOfRange {
        long integerDigits = (long) value.precision() - value.scale();
        if (integerDigits > MAX_NUMBER_CHARS || value.scale() > MAX_NUMBER_CHARS) {
            diagnostics.add(Diagnostic.error(JsonCodes.LIMIT, "this number is out of range", spanAt(start, pointer),
                    "numbers in plans have at most " + MAX_NUMBER_CHARS + " digits before and after the point"));
            throw new OutOfRange();
        }
        return value;
    }

    /** Stops reading after an out-of-range number; the diagnostic is already recorded. */
    private static final class OutOfRange extends IOException {
        OutOfRange() {
            super("number out of range", null);
        }
    }

    private ObjectNode readObject(String pointer) throws IOException {
        ObjectNode object = NODES.objectNode();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String child = JsonPointers.child(pointer, key);
            JsonLocation keyStart = parser.currentTokenLocation();
            JsonLocation keyEnd = parser.currentLocation();
            JsonLocations.Position keyPosition = new JsonLocations.Position(keyStart.getLineNr(),
                    keyStart.getColumnNr(), keyEnd.getLineNr(), keyEnd.getColumnNr(), keyStart.getCharOffset());
            if (object.has(key)) {
                diagnostics.add(Diagnostic.error(JsonCodes.DUPLICATE_KEY, "duplicate key `" + key + "`",
                        locationSpan(keyPosition, child), "remove one of the two; JSON keys must be unique in an object"));
            }
            locations.key(child, keyPosition);
            object.set(key, readValue(parser.nextToken(), child));
        }
        if (token != JsonToken.END_OBJECT) {
            throw new JsonEOFException(parser, token, "object not closed");
        }
        return object;
    }

    private ArrayNode readArray(String pointer) throws IOException {
        ArrayNode array = NODES.arrayNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new JsonEOFException(parser, null, "array not closed");
            }
            array.add(readValue(token, JsonPointers.child(pointer, array.size())));
        }
        return array;
    }

    private SourceSpan locationSpan(JsonLocations.Position p, String pointer) {
        return new SourceSpan(locations.file(), p.line(), p.column(), p.endLine(), p.endColumn(), pointer);
    }

    private SourceSpan spanAt(JsonLocation location, String pointer) {
        if (location == null || location.getLineNr() < 1) {
            return new SourceSpan(locations.file(), 1, 1, 1, 1, pointer);
        }
        int column = Math.max(1, location.getColumnNr());
        return new SourceSpan(locations.file(), location.getLineNr(), column, location.getLineNr(), column, pointer);
    }

    private static String limitMessage(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.contains("depth")) {
            return "the JSON is nested more than " + MAX_DEPTH + " levels deep";
        }
        if (m.contains("String value length")) {
            return "a string is longer than " + MAX_STRING_CHARS + " characters";
        }
        if (m.contains("Number value length")) {
            return "a number has more than " + MAX_NUMBER_CHARS + " digits";
        }
        return "the JSON is too large: " + firstLine(m);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        int source = line.indexOf(" at [Source");
        return (source < 0 ? line : line.substring(0, source)).trim();
    }
}
