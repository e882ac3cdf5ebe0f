package dev.agentplan.runtime;

import dev.agentplan.model.AgentDefinition;

/**
 * Turns a pinned definition's canonical JSON into the model. Must be a pure function of its
 * input (it runs inside the workflow, once per workflow instance); throw for a definition that
 * cannot be decoded, with a one-line message.
 */
@FunctionalInterface
public interface PlanDecoder {

    AgentDefinition decode(String fileName, String canonicalJson);
}
