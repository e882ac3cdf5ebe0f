package dev.agentplan.model;

import java.util.List;

/**
 * What a registered tool kind accepts and how it behaves by default. Validation checks calls
 * against it; the runtime's tool implementations describe themselves with one.
 *
 * @param openArguments true when the kind accepts any argument names (for example {@code echo})
 * @param defaultEffect the effect assumed when a tool declaration does not say
 * @param approvalByDefault whether calls need approval unless the plan opts out ({@code approval none})
 */
public record ToolKind(
        String name,
        String description,
        List<Argument> arguments,
        boolean openArguments,
        Effect defaultEffect,
        boolean approvalByDefault) {

    public ToolKind {
        arguments = List.copyOf(arguments);
    }

    public record Argument(String name, ValueType type, boolean required, String help) {
    }

    public Argument argument(String name) {
        for (Argument a : arguments) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** Whether a call of a tool of this kind with this policy needs an approval gate before it. */
    public boolean needsApproval(ToolPolicy policy) {
        return switch (policy.approval()) {
            case REQUIRED -> true;
            case NONE -> false;
            case DEFAULT -> approvalByDefault || policy.effect() == Effect.IRREVERSIBLE
                    || (policy.effect() == null && defaultEffect == Effect.IRREVERSIBLE);
        };
    }
}
