package dev.agentplan.runtime.tools.secrets;

import dev.agentplan.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text {@code secret("NAME")} evaluates to in the workflow: {@code {{secret:TAG:NAME}}}, a
 * reference, never the value. The activity replaces it with the value just before the tool
 * runs. TAG is derived from the run's first run id, so text from inputs, signals or upstream
 * responses cannot forge a reference (a reference with another run's tag is left alone). The
 * form {@code {{secret:TAG:NAME|url}}} asks for the value percent-encoded (an interpolation in
 * a URL).
 */
public final class SecretPlaceholders {

    public static final Pattern PLACEHOLDER = Pattern.compile(
            "\\{\\{secret:([0-9a-f]{16}):([A-Za-z_][A-Za-z0-9_.\\-]{0,127})(\\|url)?}}");

    private static final String URL_SUFFIX = "|url}}";

    private SecretPlaceholders() {
    }

    /** The tag of a run's references (deterministic: the workflow computes it on every replay). */
    public static String tagOf(String firstRunId) {
        return Sha256.prefix(("agentplan-secret|" + firstRunId).getBytes(StandardCharsets.UTF_8), 8);
    }

    /** Secret name to its reference, for the run with this first run id (what {@code secret()} evaluates to). */
    public static UnaryOperator<String> references(String firstRunId) {
        String tag = tagOf(firstRunId);
        return name -> of(tag, name);
    }

    public static String of(String tag, String name) {
        return "{{secret:" + tag + ":" + name + "}}";
    }

    /** The same reference asking for the value percent-encoded; {@code placeholder} must match {@link #PLACEHOLDER}. */
    public static String forUrl(String placeholder) {
        return placeholder.endsWith(URL_SUFFIX) ? placeholder
                : placeholder.substring(0, placeholder.length() - 2) + URL_SUFFIX;
    }

    public static boolean containsAny(String text) {
        return text != null && text.contains("{{secret:") && PLACEHOLDER.matcher(text).find();
    }

    /** The matcher over {@code text}: group 1 the tag, 2 the name, 3 {@code |url} or null. */
    public static Matcher matcher(String text) {
        return PLACEHOLDER.matcher(text);
    }
}
