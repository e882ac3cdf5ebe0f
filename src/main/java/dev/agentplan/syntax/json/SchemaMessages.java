package dev.agentplan.syntax.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.model.Suggestions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns schema validation errors into diagnostics in the user's words, located at the JSON
 * pointer of the offending node ("unknown property `timout` in tool `logs`", "`timeout` must be
 * a duration like \"30s\""). A step that is no kind or several kinds gets one message, not the
 * dozen the schema's {@code oneOf} produces.
 */
final class SchemaMessages {

    private static final Set<String> STEP_BODIES = Set.copyOf(PlanJsonDecoder.STEP_LIST_KEYS);
    private static final String NAME_RULE = "names start with a letter or _ and hold only letters, digits and _";

    /** Options of the .agent text whose JSON names differ: a reader who knows the text gets the JSON name. */
    private static final Map<String, List<String>> TEXT_FORM_NAMES = Map.of(
            "backoff", List.of("initial_interval", "max_interval"),
            "coefficient", List.of("backoff_coefficient"),
            "jitter", List.of("jitter_percent"));

    private final JsonNode schema;
    private final JsonNode root;
    private final JsonLocations locations;

    SchemaMessages(JsonNode schema, JsonNode root, JsonLocations locations) {
        this.schema = schema;
        this.root = root;
        this.locations = locations;
    }

    List<Diagnostic> diagnostics(List<Error> errors) {
        Set<String> stepKindProblems = new HashSet<>();
        for (Error e : errors) {
            if (isStepKindError(e)) {
                stepKindProblems.add(pointer(e.getInstanceLocation()));
            }
        }
        List<Diagnostic> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Error e : errors) {
            String pointer = pointer(e.getInstanceLocation());
            Diagnostic d;
            if (isStepKindError(e)) {
                d = stepKind(pointer);
            } else if (stepKindProblems.contains(pointer) || path(e).contains("/oneOf/")) {
                continue;
            } else {
                d = describe(e, pointer);
            }
            if (seen.add(d.code() + d.span().pointer() + d.message())) {
                out.add(d);
            }
        }
        out.sort(Comparator.comparingInt((Diagnostic d) -> d.span().line())
                .thenComparingInt(d -> d.span().column()));
        return out;
    }

    private static boolean isStepKindError(Error e) {
        return "oneOf".equals(e.getKeyword()) && path(e).endsWith("$defs/step/then/oneOf");
    }

    private Diagnostic describe(Error e, String pointer) {
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        List<String> schemaPath = fragment(e);
        String def = schemaPath.size() >= 2 && schemaPath.get(0).equals("$defs") ? schemaPath.get(1) : "";
        JsonNode instance = node(pointer);
        String subject = subject(pointer);
        switch (keyword) {
            case "additionalProperties": {
                String property = e.getProperty();
                String child = JsonPointers.child(pointer, property);
                Set<String> allowed = allowedProperties(schemaPath.subList(0, schemaPath.size() - 1));
                String guess = TEXT_FORM_NAMES.containsKey(property) && allowed.containsAll(TEXT_FORM_NAMES.get(property))
                        ? String.join("` and `", TEXT_FORM_NAMES.get(property)) : Suggestions.closest(property, allowed);
                return error(JsonCodes.UNKNOWN_PROPERTY, "unknown property `" + property + "` in " + place(pointer),
                        locations.keySpan(child), guess != null ? "did you mean `" + guess + "`?"
                                : allowed.isEmpty() ? null : "allowed here: " + String.join(", ", allowed));
            }
            case "required": {
                String property = e.getProperty();
                JsonNode description = at(schemaPath.subList(0, schemaPath.size() - 1))
                        .path("properties").path(property).path("description");
                return error(JsonCodes.MISSING_PROPERTY, "missing `" + property + "` in " + place(pointer),
                        locations.span(pointer),
                        description.isTextual() ? "`" + property + "`: " + description.textValue() : null);
            }
            case "type":
                return error(JsonCodes.WRONG_TYPE, subject + " must be " + expectedType(e, def) + ", not "
                        + JsonTypes.describe(instance), locations.span(pointer), pointer.isEmpty()
                        ? "a plan is an object such as {\"agent\": \"my_agent\", \"steps\": []}" : typeHint(def));
            case "pattern":
                return pattern(def, schemaPath, subject, instance, pointer);
            case "not":
                return error(JsonCodes.BAD_VALUE, subject + " cannot be `" + instance.asText()
                        + "`: it is a reserved word", locations.span(pointer), "choose another name");
            case "enum":
                return error(JsonCodes.BAD_VALUE, subject + " must be one of " + choices(at(schemaPath)) + ", not "
                        + shown(instance), locations.span(pointer), null);
            case "minimum":
                return error(JsonCodes.BAD_VALUE, subject + " must be at least " + at(schemaPath).asText(),
                        locations.span(pointer), null);
            case "maximum":
                return error(JsonCodes.BAD_VALUE, subject + " must be at most " + at(schemaPath).asText(),
                        locations.span(pointer), null);
            case "minLength":
                return error(JsonCodes.BAD_VALUE, subject + " must not be empty", locations.span(pointer), null);
            case "propertyNames":
                return propertyName(e.getProperty(), pointer);
            default:
                return error(JsonCodes.STRUCTURE, subject + ": " + e.getMessage(), locations.span(pointer), null);
        }
    }

    private Diagnostic pattern(String def, List<String> schemaPath, String subject, JsonNode instance, String pointer) {
        SourceSpan span = locations.span(pointer);
        String value = shown(instance);
        switch (def) {
            case "duration":
                return error(JsonCodes.BAD_VALUE, subject + " must be a duration like \"30s\", not " + value, span,
                        "durations are number-unit pairs with units ms, s, m, h, d: \"500ms\", \"30s\", \"1h30m\"");
            case "name":
                return error(JsonCodes.BAD_VALUE, subject + " must be a name, not " + value, span, NAME_RULE);
            case "key":
                return error(JsonCodes.BAD_VALUE, subject + " must be a field name, not " + value, span, NAME_RULE);
            case "toolKind":
                return error(JsonCodes.BAD_VALUE, subject + " must be a tool kind like \"http\" or \"llm.chat\", not "
                        + value, span, "a tool kind is names joined by dots");
            case "errorType":
                return error(JsonCodes.BAD_VALUE, subject + " must be an error type like \"HttpError\", not " + value,
                        span, NAME_RULE);
            default:
                if (schemaPath.contains("ref")) {
                    return error(JsonCodes.BAD_VALUE, subject + " must be a version number or a tag, not " + value,
                            span, "e.g. 3 or \"prod\"");
                }
                return error(JsonCodes.BAD_VALUE, subject + " does not have the expected form: " + value, span, null);
        }
    }

    private Diagnostic propertyName(String key, String pointer) {
        String what = memberKind(pointer);
        SourceSpan span = locations.keySpan(JsonPointers.child(pointer, key));
        if (key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return error(JsonCodes.BAD_VALUE, "`" + key + "` cannot be " + what + ": it is a reserved word", span,
                    "choose another name");
        }
        return error(JsonCodes.BAD_VALUE, "`" + key + "` cannot be " + what, span, NAME_RULE);
    }

    private Diagnostic stepKind(String pointer) {
        JsonNode node = node(pointer);
        List<String> kinds = PlanJsonDecoder.stepKinds(node);
        SourceSpan span = locations.span(pointer);
        String all = String.join(", ", PlanJsonDecoder.STEP_KEYS);
        if (kinds.isEmpty()) {
            String guess = null;
            for (Iterator<String> fields = node.fieldNames(); fields.hasNext() && guess == null; ) {
                guess = Suggestions.closest(fields.next(), PlanJsonDecoder.STEP_KEYS);
            }
            return error(JsonCodes.STEP_KIND, "this step is no kind of step", span,
                    guess != null ? "did you mean `" + guess + "`?" : "a step has exactly one of " + all);
        }
        return error(JsonCodes.STEP_KIND, "this step is several kinds of step at once: `" + String.join("`, `", kinds)
                + "`", span, "write each as a step of its own");
    }

    // ---- wording ----

    /** What the value at {@code pointer} is, for "… must be …": "`timeout`", "step 3", "item 2 of `approvers`". */
    private String subject(String pointer) {
        if (pointer.isEmpty()) {
            return "the plan";
        }
        String last = JsonPointers.lastSegment(pointer);
        String parent = JsonPointers.parent(pointer);
        JsonNode container = node(parent);
        if (container.isArray()) {
            int n = Integer.parseInt(last) + 1;
            String parentName = JsonPointers.lastSegment(parent);
            if (isStepList(parent)) {
                return "step " + n;
            }
            return "item " + n + " of `" + parentName + "`";
        }
        if (JsonPointers.lastSegment(parent).equals("inputs") && isTop(parent)) {
            return "input `" + last + "`";
        }
        if (JsonPointers.lastSegment(parent).equals("tools") && isTop(parent)) {
            return last.equals("defaults") ? "`tools.defaults`" : "tool `" + last + "`";
        }
        return "`" + last + "`";
    }

    /** Where a member is missing or unknown: "the plan", "tool `logs`", "the `call` step". */
    private String place(String pointer) {
        if (pointer.isEmpty()) {
            return "the plan";
        }
        String last = JsonPointers.lastSegment(pointer);
        String parent = JsonPointers.parent(pointer);
        String parentName = JsonPointers.lastSegment(parent);
        if (isTop(parent) && parentName.equals("inputs")) {
            return "input `" + last + "`";
        }
        if (isTop(parent) && parentName.equals("tools")) {
            return last.equals("defaults") ? "`tools.defaults`" : "tool `" + last + "`";
        }
        if (isTop(pointer) && last.equals("budget")) {
            return "the budget";
        }
        if (last.equals("retry") && isTop(JsonPointers.parent(parent)) && "tools".equals(
                JsonPointers.lastSegment(JsonPointers.parent(parent)))) {
            return "the retry of " + place(parent);
        }
        if (isStepList(parent)) {
            List<String> kinds = PlanJsonDecoder.stepKinds(node(pointer));
            return kinds.size() == 1 ? "the `" + kinds.get(0) + "` step" : "this step";
        }
        if (parentName.equals("else_if")) {
            return "else_if branch " + (Integer.parseInt(last) + 1);
        }
        if (parentName.equals("catch")) {
            return "catch clause " + (Integer.parseInt(last) + 1);
        }
        if (last.equals("undo")) {
            return "the `undo` call";
        }
        return "`" + last + "`";
    }

    /** What the keys of the object at {@code pointer} name: "an input name", "a lane name", … */
    private String memberKind(String pointer) {
        String last = JsonPointers.lastSegment(pointer);
        if (isTop(pointer)) {
            switch (last) {
                case "inputs": return "an input name";
                case "tools": return "a tool name";
                case "output": return "an output field name";
                default: break;
            }
        }
        return switch (last) {
            case "lanes" -> "a lane name";
            case "args" -> "an argument name";
            case "inputs" -> "an input name";
            default -> "a field name";
        };
    }

    private boolean isStepList(String pointer) {
        if (pointer == null || !node(pointer).isArray()) {
            return false;
        }
        String name = JsonPointers.lastSegment(pointer);
        String parent = JsonPointers.parent(pointer);
        return STEP_BODIES.contains(name) || (parent != null && JsonPointers.lastSegment(parent).equals("lanes"));
    }

    private static boolean isTop(String pointer) {
        return pointer != null && !pointer.isEmpty() && pointer.indexOf('/', 1) < 0;
    }

    private String expectedType(Error e, String def) {
        if (def.equals("duration")) {
            return "a duration like \"30s\"";
        }
        if (def.equals("expression")) {
            return "expression text in a string";
        }
        if (def.equals("steps")) {
            return "a list of steps";
        }
        JsonNode type = schemaTypeNode(fragment(e));
        if (type != null && type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(JsonTypes.schemaType(t.asText())));
            return String.join(" or ", names);
        }
        return JsonTypes.schemaType(type == null ? "" : type.asText());
    }

    private JsonNode schemaTypeNode(List<String> schemaPath) {
        JsonNode node = at(schemaPath);
        return node.isMissingNode() ? null : node;
    }

    private static String typeHint(String def) {
        return switch (def) {
            case "expression" -> "write the expression as a string, e.g. \"x > 0\"";
            case "duration" -> "durations are strings such as \"30s\" or \"1h30m\"";
            case "step" -> "a step is an object such as {\"call\": \"tool\", \"args\": {}}";
            default -> null;
        };
    }

    private static String choices(JsonNode allowed) {
        Set<String> items = new LinkedHashSet<>();
        if (allowed != null) {
            allowed.forEach(v -> items.add("\"" + v.asText() + "\""));
        }
        return String.join(", ", items);
    }

    private static String shown(JsonNode instance) {
        if (instance.isTextual()) {
            String text = instance.textValue();
            return "\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
        }
        return JsonTypes.describe(instance);
    }

    // ---- lookups ----

    private Set<String> allowedProperties(List<String> objectSchemaPath) {
        Set<String> out = new LinkedHashSet<>();
        at(objectSchemaPath).path("properties").fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The schema node at a path of segments from the schema's root. */
    private JsonNode at(List<String> segments) {
        JsonNode node = schema;
        for (String segment : segments) {
            node = node.isArray() && segment.matches("[0-9]+") ? node.path(Integer.parseInt(segment)) : node.path(segment);
        }
        return node;
    }

    private JsonNode node(String pointer) {
        return pointer == null || pointer.isEmpty() ? root : root.at(pointer);
    }

    private static List<String> fragment(Error e) {
        List<String> out = new ArrayList<>();
        if (e.getSchemaLocation() != null && e.getSchemaLocation().getFragment() != null) {
            NodePath fragment = e.getSchemaLocation().getFragment();
            for (int i = 0; i < fragment.getNameCount(); i++) {
                out.add(String.valueOf(fragment.getElement(i)));
            }
        }
        return out;
    }

    private static String path(Error e) {
        return e.getSchemaLocation() == null ? "" : String.join("/", fragment(e));
    }

    static String pointer(NodePath path) {
        String out = "";
        if (path == null) {
            return out;
        }
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            out = element instanceof Integer index ? JsonPointers.child(out, index) : JsonPointers.child(out, String.valueOf(element));
        }
        return out;
    }

    private static Diagnostic error(String code, String message, SourceSpan span, String hint) {
        return Diagnostic.error(code, message, span, hint);
    }
}
