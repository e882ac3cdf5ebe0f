package dev.agentplan.runtime;

/**
 * Where in the walk a body runs.
 *
 * @param iterations the enclosing loop iterations, {@code "3=2,3/body/1=0"} (loop step path = index)
 * @param safe true outside parallel work: only there may the run continue-as-new, and only
 *     there is the resume cursor kept
 */
record Frame(Scope scope, String iterations, boolean safe) {

    static Frame root(Scope scope) {
        return new Frame(scope, "", true);
    }

    Frame inIteration(String loopPath, int index) {
        String it = loopPath + "=" + index;
        return new Frame(scope, iterations.isEmpty() ? it : iterations + "," + it, safe);
    }

    /** A frame for concurrent work: its own scope, never a safe point. */
    Frame concurrent(Scope own) {
        return new Frame(own, iterations, false);
    }
}
