package dev.agentplan.runtime;

import dev.agentplan.runtime.api.PinnedDefinition;
import io.temporal.failure.ApplicationFailure;

/** {@link ResolveActivity} backed by a {@link DefinitionResolver}. */
public final class ResolveActivityImpl implements ResolveActivity {

    public static final String NOT_FOUND = "AgentNotFound";

    private final DefinitionResolver resolver;

    public ResolveActivityImpl(DefinitionResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public PinnedDefinition resolve(String agent, String ref) {
        PinnedDefinition found = resolver.resolve(agent, ref);
        if (found == null) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "no deployed agent " + agent + (ref == null ? "" : "@" + ref), NOT_FOUND);
        }
        return found;
    }
}
