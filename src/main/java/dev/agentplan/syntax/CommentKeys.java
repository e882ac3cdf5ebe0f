package dev.agentplan.syntax;

import dev.agentplan.model.StepPaths;

/** The anchor keys of {@link PlanComments}, shared by the reader and the formatter. */
final class CommentKeys {

    static final String AGENT = "agent";
    static final String INPUT = "input";
    static final String TOOLS = "tools";
    static final String DEFAULTS = "tools/defaults";
    static final String BUDGET = "budget";
    static final String OUTPUT = "output";
    static final String END_FILE = "end:file";

    private CommentKeys() {
    }

    static String input(int i) {
        return "input/" + i;
    }

    static String tool(int i) {
        return "tools/" + i;
    }

    static String handler(int i) {
        return "on/" + i;
    }

    static String output(int i) {
        return "output/" + i;
    }

    static String end(String block) {
        return "end:" + block;
    }

    /** The key of the i-th (0-based) step of the body whose prefix is {@code body} ("" for the top level). */
    static String step(String body, int i) {
        return "step:" + StepPaths.child(body, i);
    }

    static String path(String stepKey) {
        return stepKey.substring("step:".length());
    }

    static String body(String stepKey, String bodyName) {
        return StepPaths.body(path(stepKey), bodyName);
    }

    static String lane(String stepKey, int i) {
        return stepKey + "/lane" + (i + 1);
    }
}
