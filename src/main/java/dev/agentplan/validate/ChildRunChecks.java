package dev.agentplan.validate;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.Expr;
import dev.agentplan.model.InputDecl;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.model.Suggestions;
import dev.agentplan.model.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Child runs checked against what is deployed: each {@code run child@ref(args)} passes only inputs
 * the child's deployed version declares (AP126, with a did-you-mean), every input it requires
 * (AP127), and literals of the declared type (AP128). A child that is not deployed (yet) is a
 * warning (AP129): deploying a parent before its child is allowed, and the run-time input check
 * still stands. Needs a repository, so {@code deploy} and {@code validate --repo} run it.
 */
public final class ChildRunChecks {

    /** Finds the deployed definition a reference names. */
    public interface Lookup {
        /**
         * @param ref a version number, a tag, {@code latest}, or null for the latest version
         * @throws NotDeployed when the repository has no such agent, version or tag
         */
        AgentDefinition find(String agent, String ref) throws NotDeployed;
    }

    /** The repository cannot give the child: the message says why (unknown agent, version, tag…). */
    public static final class NotDeployed extends Exception {
        public NotDeployed(String message) {
            super(message, null, false, false);
        }
    }

    private final Lookup lookup;
    private final Findings out = new Findings();

    private ChildRunChecks(Lookup lookup) {
        this.lookup = lookup;
    }

    /** The findings for every child run of the plan, in source order. */
    public static List<Diagnostic> check(AgentDefinition plan, Lookup lookup) {
        ChildRunChecks checks = new ChildRunChecks(lookup);
        StepPaths.walk(plan.steps(), "", (path, step) -> {
            if (step instanceof Step.RunAgentStep s && StepChecks.wellFormedRef(s)) {
                checks.child(s);
            }
        });
        return checks.out.inSourceOrder();
    }

    private void child(Step.RunAgentStep s) {
        String ref = s.agent() + (s.ref() == null ? "" : "@" + s.ref());
        AgentDefinition child;
        try {
            child = lookup.find(s.agent(), s.ref());
        } catch (NotDeployed e) {
            out.warning(ValidationCodes.CHILD_NOT_DEPLOYED, s.span(), "`run " + ref + "`: " + e.getMessage()
                            + ", so its inputs were not checked",
                    "deploy `" + s.agent() + "` first (then deploy or validate this plan again), or fix the reference");
            return;
        }
        if (child == null) {
            return;
        }
        List<String> declared = child.inputs().stream().map(InputDecl::name).toList();
        for (Map.Entry<String, Expr> arg : s.inputs().entrySet()) {
            InputDecl input = child.input(arg.getKey());
            if (input == null) {
                out.error(ValidationCodes.CHILD_UNKNOWN_INPUT, arg.getValue().span(), "`" + ref + "` has no input `"
                                + arg.getKey() + "`" + Suggestions.didYouMean(arg.getKey(), declared),
                        declared.isEmpty() ? "the deployed `" + ref + "` takes no inputs"
                                : "its inputs are: " + String.join(", ", declared));
                continue;
            }
            String given = literalType(arg.getValue());
            if (given != null && !fits(input, given)) {
                out.error(ValidationCodes.CHILD_INPUT_TYPE, arg.getValue().span(), "input `" + input.name() + "` of `"
                                + ref + "` is a " + input.type().keyword() + ", but this passes " + given,
                        "pass a " + input.type().keyword() + (input.required() ? ""
                                : ", or leave `" + input.name() + "` out to use its default"));
            }
        }
        List<String> missing = new ArrayList<>();
        for (InputDecl input : child.inputs()) {
            if (input.required() && !s.inputs().containsKey(input.name())) {
                missing.add(input.name());
            }
        }
        if (!missing.isEmpty()) {
            out.error(ValidationCodes.CHILD_MISSING_INPUT, s.span(), "`" + ref + "` requires "
                            + (missing.size() == 1 ? "the input `" : "the inputs `") + String.join("`, `", missing)
                            + "`, which this run does not pass",
                    "pass " + String.join(", ", missing.stream().map(m -> m + ": …").toList()) + " ("
                            + String.join(", ", missing.stream().map(m -> m + " is a "
                            + child.input(m).type().keyword()).toList()) + ")");
        }
    }

    /** The type of a literal argument ("a string", "null"…), or null when it is not a literal. */
    private static String literalType(Expr e) {
        if (e instanceof Expr.StringLiteral || e instanceof Expr.TemplateExpr) {
            return "a string";
        } else if (e instanceof Expr.NumberLiteral) {
            return "a number";
        } else if (e instanceof Expr.BooleanLiteral) {
            return "a boolean";
        } else if (e instanceof Expr.ObjectExpr) {
            return "an object";
        } else if (e instanceof Expr.ListExpr) {
            return "a list";
        } else if (e instanceof Expr.NullLiteral) {
            return "null";
        }
        return null;
    }

    private static boolean fits(InputDecl input, String given) {
        if (given.equals("null")) {
            return !input.required(); // null means "use the default" at run time
        }
        ValueType t = input.type();
        return t == ValueType.ANY || given.endsWith(" " + t.keyword());
    }
}
