package dev.agentplan.validate;

import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.Expr;
import dev.agentplan.model.Function;
import dev.agentplan.model.InputDecl;
import dev.agentplan.model.Step;
import dev.agentplan.validate.flow.ToolFacts;
import java.util.List;
import java.util.Map;

/**
 * {@code secret("NAME")} needs a literal, well-formed name (AP131), and resolves only in a tool
 * call's arguments, on the worker: anywhere else (a {@code set}, an output, a prompt, a key, a
 * child run's inputs) it is just its reference text, which is worth a warning (AP231). A
 * credential header or {@code api_key} written in the plan or read from an input is kept in clear
 * in every run's history (AP232, a warning). Also
 * checks the literal values of an {@code http} call's redirect policy (AP132), so a typo is not
 * a run-time failure.
 */
final class SecretChecks {

    private static final String NAME = "[A-Za-z_][A-Za-z0-9_.\\-]{0,127}";

    /** Header names that carry credentials (the runtime drops the same ones on a cross-origin redirect). */
    private static final java.util.regex.Pattern CREDENTIAL_HEADER = java.util.regex.Pattern.compile(
            "(?i)auth|token|secret|password|cookie|session|credential|api-?key|^x-.*key$");

    private final PlanFacts facts;
    private final Findings out;

    SecretChecks(PlanFacts facts, Findings out) {
        this.facts = facts;
        this.out = out;
    }

    void run() {
        for (InputDecl input : facts.definition.inputs()) {
            visit(input.defaultValue(), "an input's default");
        }
        steps(facts.definition.steps());
        facts.definition.output().values().forEach(e -> visit(e, "the output"));
    }

    private void steps(List<Step> steps) {
        steps.forEach(this::step);
    }

    private void step(Step step) {
        step.accept(secretsIn);
    }

    /** Looks at the expressions of one step, each with what it is for the message, then its bodies. */
    private final Step.Visitor<Void> secretsIn = new Step.Visitor<>() {
        @Override
        public Void visitCall(Step.CallStep c) {
            call(c.call());
            visit(c.idempotencyKey(), "an idempotency `key`");
            if (c.undo() != null) {
                call(c.undo());
            }
            return null;
        }

        @Override
        public Void visitIf(Step.IfStep s) {
            for (Step.Branch b : s.branches()) {
                visit(b.condition(), "a condition");
                steps(b.body());
            }
            steps(s.otherwise());
            return null;
        }

        @Override
        public Void visitForEach(Step.ForEachStep s) {
            visit(s.items(), "the items of a `for each`");
            steps(s.body());
            return null;
        }

        @Override
        public Void visitWhile(Step.WhileStep s) {
            visit(s.condition(), "a condition");
            steps(s.body());
            return null;
        }

        @Override
        public Void visitParallel(Step.ParallelStep s) {
            s.lanes().forEach(l -> steps(l.body()));
            return null;
        }

        @Override
        public Void visitApprove(Step.ApproveStep s) {
            visit(s.prompt(), "an approval prompt");
            return null;
        }

        @Override
        public Void visitSet(Step.SetStep s) {
            visit(s.value(), "a `set`");
            return null;
        }

        @Override
        public Void visitTry(Step.TryStep s) {
            steps(s.body());
            s.catches().forEach(c -> steps(c.body()));
            steps(s.finallyBody());
            return null;
        }

        @Override
        public Void visitFail(Step.FailStep s) {
            visit(s.reason(), "a `fail` reason");
            return null;
        }

        @Override
        public Void visitAssert(Step.AssertStep s) {
            visit(s.condition(), "a condition");
            visit(s.message(), "an `assert` message");
            return null;
        }

        @Override
        public Void visitRunAgent(Step.RunAgentStep s) {
            s.inputs().values().forEach(e -> visit(e, "a child run's inputs"));
            return null;
        }

        @Override
        public Void visitHandle(Step.HandleStep s) {
            // Kept as it was when this became a visitor: neither the handler's default nor its body is looked
            // at yet (a gap to close on its own, with its golden plan).
            return null;
        }

        @Override
        public Void visitModelLoop(Step.ModelLoopStep s) {
            return null; // its prompt and context: see ModelLoopChecks
        }

        @Override
        public Void visitWait(Step.WaitStep s) {
            return null;
        }

        @Override
        public Void visitAwaitSignal(Step.AwaitSignalStep s) {
            return null;
        }
    };

    private void call(Step.ToolCall call) {
        for (Expr arg : call.args().values()) {
            visit(arg, null);
        }
        ToolFacts tool = facts.tool(call.tool());
        String kind = tool == null || tool.kind() == null ? null : tool.kind().name();
        if (BuiltinToolKinds.HTTP.name().equals(kind)) {
            redirectPolicy(call.args());
            if (call.args().get("headers") instanceof Expr.ObjectExpr headers) {
                headers.fields().forEach((name, value) -> {
                    if (CREDENTIAL_HEADER.matcher(name).find()) {
                        credentialInClear(value, "header `" + name + "`");
                    }
                });
            }
        } else if (BuiltinToolKinds.LLM_CHAT.name().equals(kind) && call.args().containsKey("api_key")) {
            credentialInClear(call.args().get("api_key"), "`api_key`");
        }
    }

    /** A credential written into the plan or passed as an input is kept in every run's history. */
    private void credentialInClear(Expr value, String what) {
        if (value == null || usesSecret(value)) {
            return;
        }
        String source = literalText(value) ? "is written in the plan" : readsInput(value) ? "comes from an input" : null;
        if (source != null) {
            out.warning(ValidationCodes.CREDENTIAL_IN_CLEAR, value.span(), "the credential in " + what + " " + source
                            + ", so it is stored in clear in every run's history",
                    "keep it on the worker and name it: secret(\"NAME\") (set AGENTPLAN_SECRET_NAME on the worker)");
        }
    }

    private static boolean usesSecret(Expr e) {
        if (e instanceof Expr.FunctionCall f) {
            return Function.SECRET.functionName.equals(f.function()) || f.args().stream().anyMatch(SecretChecks::usesSecret);
        }
        if (e instanceof Expr.TemplateExpr t) {
            return t.parts().stream().anyMatch(SecretChecks::usesSecret);
        }
        if (e instanceof Expr.BinaryExpr b) {
            return usesSecret(b.left()) || usesSecret(b.right());
        }
        return false;
    }

    /** A literal with more than a scheme word in it (a bare "Bearer " is no credential). */
    private static boolean literalText(Expr e) {
        if (e instanceof Expr.StringLiteral s) {
            return s.value().strip().contains(" ") || s.value().strip().length() >= 8;
        }
        return e instanceof Expr.TemplateExpr t && t.parts().stream().allMatch(p -> p instanceof Expr.StringLiteral);
    }

    private static boolean readsInput(Expr e) {
        if (e instanceof Expr.PathExpr p) {
            return "input".equals(p.root());
        }
        if (e instanceof Expr.TemplateExpr t) {
            return t.parts().stream().anyMatch(SecretChecks::readsInput);
        }
        if (e instanceof Expr.BinaryExpr b) {
            return readsInput(b.left()) || readsInput(b.right());
        }
        return false;
    }

    private void redirectPolicy(Map<String, Expr> args) {
        if (args.get("redirects") instanceof Expr.StringLiteral s
                && !List.of("follow", "same-origin", "none").contains(s.value().trim().toLowerCase(java.util.Locale.ROOT))) {
            out.error(ValidationCodes.BAD_REDIRECT_POLICY, s.span(), "`redirects` is \"" + s.value()
                    + "\", which is not a redirect policy", "use \"follow\" (the default), \"same-origin\" or \"none\"");
        }
        if (args.get("max_redirects") instanceof Expr.NumberLiteral n) {
            boolean whole = n.value().scale() <= 0;
            if (!whole || n.value().signum() < 0 || n.value().compareTo(java.math.BigDecimal.valueOf(20)) > 0) {
                out.error(ValidationCodes.BAD_REDIRECT_POLICY, n.span(), "`max_redirects` is " + n.value().toPlainString()
                        + ", but it must be a whole number from 0 to 20", "0 follows no redirect; the default is 5");
            }
        }
    }

    /** @param where null inside a tool call's arguments, else what the expression is, for the warning */
    private void visit(Expr e, String where) {
        if (e == null) {
            return;
        }
        if (e instanceof Expr.FunctionCall f) {
            if (Function.SECRET.functionName.equals(f.function()) && f.args().size() == 1) {
                secret(f, where);
            }
            f.args().forEach(a -> visit(a, where));
        } else if (e instanceof Expr.ObjectExpr o) {
            o.fields().values().forEach(v -> visit(v, where));
        } else if (e instanceof Expr.ListExpr l) {
            l.items().forEach(v -> visit(v, where));
        } else if (e instanceof Expr.TemplateExpr t) {
            t.parts().forEach(v -> visit(v, where));
        } else if (e instanceof Expr.UnaryExpr u) {
            visit(u.operand(), where);
        } else if (e instanceof Expr.BinaryExpr b) {
            visit(b.left(), where);
            visit(b.right(), where);
        } else if (e instanceof Expr.PathExpr p) {
            for (Expr.PathSegment s : p.segments()) {
                if (s instanceof Expr.Index i) {
                    visit(i.index(), where);
                }
            }
        }
    }

    private void secret(Expr.FunctionCall f, String where) {
        Expr name = f.args().get(0);
        if (!(name instanceof Expr.StringLiteral literal) || !literal.value().matches(NAME)) {
            out.error(ValidationCodes.SECRET_NAME, name.span(), "`secret` needs the secret's name written out, "
                            + "letters, digits, _ . - (starting with a letter or _), at most 128 characters",
                    "write it like secret(\"GITHUB_TOKEN\"); the worker reads AGENTPLAN_SECRET_GITHUB_TOKEN, "
                            + "the file GITHUB_TOKEN in AGENTPLAN_SECRETS_DIR, or a secret source plugin");
            return;
        }
        if (where != null) {
            out.warning(ValidationCodes.SECRET_NOT_RESOLVED, f.span(), "secret(\"" + literal.value() + "\") in "
                            + where + " is only a reference: secrets are resolved in a tool call's arguments, "
                            + "so here it is the text {{secret:…}}, never the value",
                    "use secret(\"" + literal.value() + "\") directly in the arguments of the call that needs it");
        }
    }
}
