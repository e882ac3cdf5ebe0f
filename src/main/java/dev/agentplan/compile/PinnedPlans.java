package dev.agentplan.compile;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.json.JsonPlanCodec;

/**
 * The one way back from canonical JSON that a deploy or a run start already validated (a stored
 * version, a run's pinned definition) to the model: the lean decode, without the schema check the
 * text passed before. A text that no longer reads (an older agentplan wrote it, or it was edited)
 * is an {@link UnreadablePlanException} whose message names the definition, never a stack trace.
 */
public final class PinnedPlans {

    private PinnedPlans() {
    }

    /**
     * @param ref names the definition in spans and in the failure message ({@code name@version}, {@code name.json})
     * @throws UnreadablePlanException when the text does not read as a plan
     */
    public static AgentDefinition decode(String ref, String canonicalJson) {
        if (canonicalJson == null) {
            throw unreadable(ref, "no plan in it");
        }
        ParseResult read;
        try {
            read = JsonPlanCodec.decodeTrusted(ref, canonicalJson);
        } catch (RuntimeException | StackOverflowError e) {
            throw unreadable(ref, "it could not be read (" + e.getClass().getSimpleName() + ")");
        }
        if (read.hasErrors()) {
            throw unreadable(ref, read.diagnostics().stream().filter(Diagnostic::isError).findFirst()
                    .map(Diagnostic::headline).orElse("no plan in it"));
        }
        return read.definition();
    }

    /** For views that can show less without the plan (an audit trail, a reset preview): null when it does not read. */
    public static AgentDefinition decodeOrNull(String ref, String canonicalJson) {
        if (canonicalJson == null) {
            return null;
        }
        try {
            return decode(ref, canonicalJson);
        } catch (UnreadablePlanException unreadable) {
            return null;
        }
    }

    private static UnreadablePlanException unreadable(String ref, String why) {
        return new UnreadablePlanException(ref + " no longer reads as a plan with this agentplan (" + why
                + "); it was deployed by an incompatible version");
    }
}
