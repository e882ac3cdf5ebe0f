package dev.agentplan.runtime;

import dev.agentplan.model.StepPaths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random plans in the .agent language, from a seed: calls of the built-in {@code echo},
 * {@code fail} and {@code sleep} tools (some with an undo), if/else, sequential and parallel
 * {@code for each} over literal and input lists, bounded {@code while}, parallel lanes,
 * try/catch/finally, waits, approvals and signal waits with timeouts (nobody decides or signals,
 * so each ends by its timeout), budgets, and expressions that mix inputs of every type with call
 * results. Many of the plans are invalid (a mixed-type expression the validator refuses), which
 * is the point: the ones that validate clean must run without a type error the validator could
 * have seen.
 *
 * <p>{@link #opaquePaths} lists the steps whose expressions read a value whose type is only known
 * at run time (a call result, a loop variable, a signal payload, a caught error, a variable): only
 * there may a run fail with {@code ExpressionError}.
 */
final class RandomPlans {

    final String text;
    final Set<String> opaquePaths = new HashSet<>();
    boolean opaqueOutput;
    final String inputs;

    private final Random random;
    private final StringBuilder out = new StringBuilder();
    private int names;
    private int budgetDepth;
    private boolean budgeted;
    /** Writing parallel work: nothing in it may fail (see {@link #step}). */
    private boolean strict;

    private RandomPlans(long seed) {
        random = new Random(seed);
        out.append("agent gen_").append(seed).append(" \"generated from seed ").append(seed).append("\"\n");
        out.append("input { n: number = ").append(random.nextInt(5)).append("  s: string = \"")
                .append(pick("7", "abc", "", "{\\\"a\\\": 1}")).append("\"  flag: boolean = ").append(random.nextBoolean())
                .append("  items: list = [1, \"two\", 3.5]  obj: object = {a: 1, b: \"x\"} }\n");
        out.append("tools {\n  defaults { timeout 5s  retry { attempts ").append(1 + random.nextInt(3))
                .append("  backoff 10ms..40ms").append(random.nextBoolean() ? "  jitter 20%" : "").append(" } }\n")
                .append("  e = echo\n  f = fail { retry { attempts 2  backoff 10ms } }\n  z = sleep { timeout 2s }\n}\n");
        budgeted = random.nextInt(3) == 0;
        if (budgeted) {
            out.append("budget { tool_calls ").append(3 + random.nextInt(10)).append("  steps ")
                    .append(10 + random.nextInt(30)).append(random.nextBoolean() ? "  duration 3h" : "").append(" }\n");
        }
        budgetDepth = 3;
        List<String> scope = new ArrayList<>();
        body("", scope, 2 + random.nextInt(5), false);
        out.append("output { a: ").append(expr(scope, true, "output")).append(" }\n");
        text = out.toString();
        inputs = switch (random.nextInt(4)) {
            case 0 -> "{\"n\": " + random.nextInt(9) + ", \"s\": \"" + pick("1", "x", "hello") + "\", \"flag\": "
                    + random.nextBoolean() + ", \"items\": [" + pick("", "1", "\"a\", {\"b\": 2}", "1, 2, 3, 4") + "]}";
            case 1 -> "{\"n\": \"not a number\"}"; // refused at the start: a plan-level failure
            default -> "{}";
        };
    }

    static RandomPlans of(long seed) {
        return new RandomPlans(seed);
    }

    // ---- steps ----

    /** {@code count} statements into {@code prefix}; what they bind is added to {@code scope} (a nested body gets a copy). */
    private void body(String prefix, List<String> scope, int count, boolean inParallel) {
        int index = 0;
        for (int i = 0; i < count; i++) {
            index += step(StepPaths.child(prefix, index), scope, inParallel);
        }
    }

    /** Writes one statement (two for a counted while: its counter's set, then the loop); returns how many. */
    private int step(String path, List<String> scope, boolean inParallel) {
        boolean saved = strict;
        strict = inParallel;
        try {
            return write(path, scope, inParallel);
        } finally {
            strict = saved;
        }
    }

    /**
     * Parallel work is generated so that nothing in it fails or waits on a timer: no budget in a
     * plan with parallel work, no failing call, loop bound or mixed-type expression in it. The
     * Java test server loses the workflow task in which a failing lane or iteration cancels a
     * sibling's timer or call while the same task schedules another call (a compensation), and
     * then stops skipping time for every run. The real server runs such plans to their end
     * (checked by hand with the plan of seed 20 of an earlier version of this generator).
     */
    private int write(String path, List<String> scope, boolean inParallel) {
        int deeper = budgetDepth > 0 ? 12 : 6;
        int kind = random.nextInt(deeper);
        if (inParallel && kind >= 3 && kind <= 5 || budgeted && kind == 10) {
            kind = 0;
        }
        switch (kind) {
            case 0, 1 -> call(path, scope);
            case 2 -> {
                String v = "v" + (++names);
                out.append("set ").append(v).append(" = ").append(expr(scope, false, path)).append('\n');
                scope.add(v);
            }
            case 3 -> out.append("wait ").append(pick("5m", "2h", "1s", "30ms")).append('\n');
            case 4 -> {
                String g = "g" + (++names);
                out.append("approve ").append(g).append(" { ask \"go ${").append(expr(scope, false, path))
                        .append("}?\"  timeout ").append(pick("1h", "4h", "10m")).append("  on_timeout ")
                        .append(pick("approve", "approve", "reject", "fail")).append(" }\n");
                scope.add(g + ".approved");
            }
            case 5 -> {
                String s = "sig" + (++names);
                out.append(s).append(" = await signal \"").append(s).append("\" { timeout ")
                        .append(pick("30m", "1d")).append("  on_timeout ").append(pick("continue", "continue", "fail"))
                        .append(" }\n");
                scope.add(s);
            }
            case 6, 7 -> {
                out.append("if ").append(condition(scope, path)).append(" {\n");
                nested(() -> body(StepPaths.body(path, "then"), new ArrayList<>(scope), 1 + random.nextInt(2), inParallel));
                out.append("} else {\n");
                nested(() -> body(StepPaths.body(path, "else"), new ArrayList<>(scope), random.nextInt(2), inParallel));
                out.append("}\n");
            }
            case 8 -> forEach(path, scope, inParallel);
            case 9 -> {
                String c = "c" + (++names);
                out.append("set ").append(c).append(" = 0\n");
                // the set above is its own step: this loop is the next one
                String loop = next(path);
                out.append("while ").append(c).append(" < ").append(random.nextInt(4)).append(" max ")
                        .append(strict ? 3 : 1 + random.nextInt(3)).append(" {\n");
                opaquePaths.add(loop);
                List<String> inner = new ArrayList<>(scope);
                nested(() -> {
                    out.append("set ").append(c).append(" = ").append(c).append(" + 1\n");
                    opaquePaths.add(StepPaths.child(StepPaths.body(loop, "body"), 0));
                    call(StepPaths.child(StepPaths.body(loop, "body"), 1), inner);
                });
                out.append("}\n");
                scope.add(c);
                return 2;
            }
            case 10 -> {
                String p = "p" + (++names);
                out.append(p).append(" = parallel all {\n");
                nested(() -> {
                    for (String lane : List.of("a", "b")) {
                        out.append("lane ").append(lane).append(" {\n");
                        body(StepPaths.body(path, "lane:" + lane), new ArrayList<>(scope), 1 + random.nextInt(2), true);
                        out.append("}\n");
                    }
                });
                out.append("}\n");
            }
            default -> {
                String err = "err" + (++names);
                out.append("try {\n");
                nested(() -> body(StepPaths.body(path, "try"), new ArrayList<>(scope), 1 + random.nextInt(2), inParallel));
                out.append("} catch as ").append(err).append(" {\n");
                List<String> inCatch = new ArrayList<>(scope);
                inCatch.add(err + ".type");
                nested(() -> body(StepPaths.body(path, "catch1"), inCatch, random.nextInt(2), inParallel));
                out.append("} finally {\n");
                nested(() -> body(StepPaths.body(path, "finally"), new ArrayList<>(scope), random.nextInt(2), inParallel));
                out.append("}\n");
            }
        }
        return 1;
    }

    /** The path of the step after {@code path} in the same body. */
    private static String next(String path) {
        int slash = path.lastIndexOf('/');
        String prefix = slash < 0 ? "" : path.substring(0, slash);
        int index = Integer.parseInt(path.substring(slash + 1));
        return StepPaths.child(prefix, index); // child() is 0-based, paths 1-based: index is the next one
    }

    private void forEach(String path, List<String> scope, boolean inParallel) {
        String x = "x" + (++names);
        boolean literal = random.nextBoolean();
        String items = literal ? pick("[1, 2]", "[\"a\", true, 3]", "[]", "[{k: 1}, {k: 2}, {k: 3}]") : "input.items";
        boolean parallel = !budgeted && random.nextInt(3) == 0;
        out.append("for each ").append(x).append(" in ").append(items);
        if (parallel) {
            out.append(" parallel ").append(1 + random.nextInt(3));
        }
        out.append(" {\n");
        List<String> inner = new ArrayList<>(scope);
        inner.add(x);
        nested(() -> body(StepPaths.body(path, "body"), inner, 1 + random.nextInt(2), inParallel || parallel));
        out.append("}\n");
    }

    private void call(String path, List<String> scope) {
        String r = "r" + (++names);
        switch (random.nextInt(5)) {
            case 0 -> out.append(r).append(" = f(times: ").append(random.nextInt(strict ? 2 : 3)).append(", error: \"Boom\", result: {v: ")
                    .append(expr(scope, false, path)).append("})\n");
            case 1 -> out.append(r).append(" = z(duration: \"").append(pick("10ms", "30ms")).append("\")\n");
            case 2 -> out.append(r).append(" = e(v: ").append(expr(scope, false, path)).append(") undo e(undo: ")
                    .append(r).append(".v)\n");
            default -> out.append(r).append(" = e(v: ").append(expr(scope, false, path)).append(", w: ")
                    .append(expr(scope, false, path)).append(")\n");
        }
        scope.add(r + ".v");
    }

    private void nested(Runnable r) {
        budgetDepth--;
        r.run();
        budgetDepth++;
    }

    // ---- expressions ----

    private static final String[] TYPED = {"input.n", "input.s", "input.flag", "2", "\"x\"", "true", "input.items",
        "input.obj", "null", "3.5"};
    private static final String[] BINARY = {"+", "-", "*", "<", "<=", ">", ">=", "==", "!=", "&&", "||"};
    private static final String[] UNARY_FUNCTIONS = {"length", "lower", "upper", "trim", "toJson", "keys"};
    private static final String[] BINARY_FUNCTIONS = {"contains", "startsWith", "endsWith", "coalesce", "join"};

    /** Well-typed expressions of each type, over inputs and literals only. */
    private static final String[][] BY_TYPE = {
        {"input.n", "2", "3.5", "length(input.s)", "length(input.items)", "input.n * 2 + 1", "input.n % 3",
            "length(keys(input.obj))", "-input.n"},
        {"input.s", "\"x\"", "lower(input.s)", "toJson(input.obj)", "\"t${input.n}-${input.flag}\"",
            "join([\"a\", input.s], \",\")", "input.s + \"!\"", "trim(upper(input.s))", "toJson(input.items)"},
        {"input.flag", "true", "contains(input.s, \"a\")", "input.n > 2", "startsWith(input.s, \"7\")",
            "input.flag && input.n <= 3", "!input.flag || input.s == \"abc\"", "contains(input.items, 1)",
            "input.obj == {a: 1, b: \"x\"}"},
        {"input.items", "[1, input.n]", "input.items + [input.s]", "keys(input.obj)"},
        {"input.obj", "{k: input.s}", "input.obj + {c: input.n}"},
    };

    /**
     * An expression: usually well typed; now and then a random mix of types (which the validator
     * should mostly refuse); opaque atoms (results, loop variables) make the step opaque.
     */
    private String expr(List<String> scope, boolean output, String path) {
        if (!strict && random.nextInt(10) == 0) {
            return mixed(scope, output, path);
        }
        if (!strict && !scope.isEmpty() && random.nextInt(3) == 0) {
            String a = opaque(scope, output, path);
            return switch (random.nextInt(4)) {
                case 0 -> a;
                case 1 -> "\"t${" + a + "}\"";
                case 2 -> "[" + a + ", " + typed(random.nextInt(BY_TYPE.length)) + "]";
                default -> "{w: " + a + "}";
            };
        }
        return typed(random.nextInt(BY_TYPE.length));
    }

    private String typed(int type) {
        String[] options = BY_TYPE[type];
        return options[random.nextInt(options.length)];
    }

    /** A random mix of types: what the validator must refuse, or the run must survive. */
    private String mixed(List<String> scope, boolean output, String path) {
        String a = atom(scope, output, path);
        return switch (random.nextInt(5)) {
            case 0 -> a + " " + BINARY[random.nextInt(BINARY.length)] + " " + atom(scope, output, path);
            case 1 -> a + " " + pick("/", "%") + " " + pick("2", "4");
            case 2 -> UNARY_FUNCTIONS[random.nextInt(UNARY_FUNCTIONS.length)] + "(" + a + ")";
            case 3 -> BINARY_FUNCTIONS[random.nextInt(BINARY_FUNCTIONS.length)] + "(" + a + ", "
                    + atom(scope, output, path) + ")";
            default -> "\"t${" + a + "}\"";
        };
    }

    private String condition(List<String> scope, String path) {
        return switch (strict ? 5 : random.nextInt(6)) {
            case 0 -> mixed(scope, false, path);
            case 1 -> scope.isEmpty() ? "input.flag" : opaque(scope, false, path) + " " + pick("==", "!=") + " "
                    + typed(random.nextInt(BY_TYPE.length));
            default -> typed(2);
        };
    }

    private String atom(List<String> scope, boolean output, String path) {
        if (!scope.isEmpty() && random.nextInt(3) == 0) {
            return opaque(scope, output, path);
        }
        return TYPED[random.nextInt(TYPED.length)];
    }

    private String opaque(List<String> scope, boolean output, String path) {
        if (output) {
            opaqueOutput = true;
        } else {
            opaquePaths.add(path);
        }
        return scope.get(random.nextInt(scope.size()));
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
