package dev.agentplan.runtime.tools.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.runtime.tools.ToolConfigKeys;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.ToolJson;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The secrets of one tool call: resolves the run's references in the arguments (just before the
 * tool runs), resolves what the tool asks for itself, and remembers every value, together with
 * the worker's own credentials ({@code AGENTPLAN_*_KEY}, {@code _TOKEN}, {@code _SECRET},
 * {@code _PASSWORD}, {@code AGENTPLAN_SECRET_*}), so the call's outcome can be redacted.
 */
public final class CallSecrets {

    private final SecretResolver resolver;
    private final String tag;
    /** The names references may name (null: any); see ToolCallRequest#secretNames. */
    private final java.util.Set<String> allowed;
    private final Redactor redactor = new Redactor();
    private final Map<String, String> resolved = new HashMap<>();

    /** @param tag the run's reference tag ({@link SecretPlaceholders#tagOf}); null resolves no references */
    public CallSecrets(SecretResolver resolver, String tag) {
        this(resolver, tag, null);
    }

    /** @param allowed the only names a reference may name (the call's own {@code secret("…")}s); null: any */
    public CallSecrets(SecretResolver resolver, String tag, java.util.Collection<String> allowed) {
        this.resolver = resolver;
        this.tag = tag;
        this.allowed = allowed == null ? null : java.util.Set.copyOf(allowed);
        for (String key : resolver.config().names()) {
            if (ToolConfigKeys.isCredential(key)) {
                String name = key.startsWith(EnvironmentSecrets.PREFIX) ? key.substring(EnvironmentSecrets.PREFIX.length()) : key;
                redactor.add(name, resolver.config().raw(key));
            }
        }
        redactor.add(ToolConfigKeys.LLM_API_KEY, resolver.config().raw(ToolConfigKeys.LLM_API_KEY));
    }

    public Redactor redactor() {
        return redactor;
    }

    /** The value of a secret, remembered for redaction. */
    public synchronized String value(String name) throws ToolFailure {
        String value = resolved.get(name);
        if (value == null) {
            value = resolver.resolve(name);
            resolved.put(name, value);
            redactor.add(name, value);
        }
        return value;
    }

    /** The arguments with every reference of this run replaced by its value (a copy; the input is not changed). */
    public JsonNode resolveArguments(JsonNode arguments) throws ToolFailure {
        if (arguments == null || tag == null) {
            return arguments;
        }
        if (arguments.isTextual()) {
            String text = arguments.textValue();
            return SecretPlaceholders.containsAny(text) ? ToolJson.NODES.textNode(resolveText(text)) : arguments;
        }
        if (arguments.isArray()) {
            ArrayNode out = ToolJson.NODES.arrayNode();
            for (JsonNode item : arguments) {
                out.add(resolveArguments(item));
            }
            return out;
        }
        if (arguments.isObject()) {
            ObjectNode out = ToolJson.object();
            Iterator<Map.Entry<String, JsonNode>> fields = arguments.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                out.set(f.getKey(), resolveArguments(f.getValue()));
            }
            return out;
        }
        return arguments;
    }

    private String resolveText(String text) throws ToolFailure {
        Matcher m = SecretPlaceholders.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            if (!m.group(1).equals(tag) || (allowed != null && !allowed.contains(m.group(2)))) {
                continue; // not this run's, or a name the call did not write: plain text, perhaps a forgery
            }
            String value = value(m.group(2));
            out.append(text, last, m.start()).append(m.group(3) != null ? UrlText.encodeComponent(value) : value);
            last = m.end();
        }
        return out.append(text, last, text.length()).toString();
    }
}
