package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.runtime.tools.secrets.SecretPlaceholders;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which secrets a run may resolve: the names its plan writes as {@code secret("NAME")}. A call's
 * activity resolves references to these names only, so a reference that arrived as data (an
 * input, a signal, an upstream answer, forged by someone who read the run's tag in its status)
 * to a secret the plan never names stays plain text.
 */
final class SecretUses {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CALL = Pattern.compile("\\bsecret\\(\\s*\"([A-Za-z_][A-Za-z0-9_.\\-]{0,127})\"\\s*\\)");

    private SecretUses() {
    }

    /** The names in the plan's canonical JSON (expressions are text there), sorted; empty when it names none. */
    static List<String> ofPlan(String canonicalJson) {
        if (canonicalJson == null || !canonicalJson.contains("secret(")) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>(); // sorted: every replay computes the same request
        try {
            collect(JSON.readTree(canonicalJson), names);
        } catch (java.io.IOException unreadable) {
            return List.of(); // the interpreter could not have decoded it either
        }
        return List.copyOf(names);
    }

    private static void collect(JsonNode node, TreeSet<String> names) {
        if (node.isTextual()) {
            Matcher m = CALL.matcher(node.textValue());
            while (m.find()) {
                names.add(m.group(1));
            }
        } else {
            node.forEach(child -> collect(child, names));
        }
    }

    /** Whether any string in the evaluated arguments holds a secret reference. */
    static boolean referencesIn(JsonNode args) {
        if (args == null) {
            return false;
        }
        if (args.isTextual()) {
            return SecretPlaceholders.containsAny(args.textValue());
        }
        for (JsonNode child : args) {
            if (referencesIn(child)) {
                return true;
            }
        }
        return false;
    }
}
