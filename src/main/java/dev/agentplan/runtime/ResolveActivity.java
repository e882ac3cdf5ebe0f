package dev.agentplan.runtime;

import dev.agentplan.runtime.api.PinnedDefinition;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The activity that resolves a child run's definition (activity type {@code agentplan.resolve}). */
@ActivityInterface
public interface ResolveActivity {

    String TYPE = "agentplan.resolve";

    /** Fails with the non-retryable type {@code AgentNotFound} when nothing is deployed under that name and ref. */
    @ActivityMethod(name = TYPE)
    PinnedDefinition resolve(String agent, String ref);
}
