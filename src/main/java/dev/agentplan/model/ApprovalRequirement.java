package dev.agentplan.model;

/**
 * Whether a call of a tool needs a human approval gate before it. DEFAULT leaves it to the tool
 * kind (for example {@code exec} needs approval unless the plan opts out with NONE).
 */
public enum ApprovalRequirement {
    DEFAULT, REQUIRED, NONE
}
