package dev.agentplan.plantest;

import dev.agentplan.runtime.tools.ToolCallRequest;

/**
 * Chooses which scripted answer a tool call gets: a test file's {@code tools} entries (the first
 * that fits), or, for {@code agentplan regress}, the result a recorded run got for the same call.
 * Asked once per call (its first attempt); retries of the call get the same entry's later attempts.
 */
public interface ToolAnswers {

    /**
     * @param seq the call's 1-based number in the case's run (its child runs included)
     * @return the answer, or null when there is none (the call then fails as {@value ScriptedTools#UNSCRIPTED})
     */
    TestCase.ToolScript choose(ToolCallRequest request, int seq);

    /** Why the run should be stopped now (it has gone where no answer can follow), else null. */
    default String stopReason() {
        return null;
    }

    /** Whether a call no answer fits is a problem of the case (plan tests) or an expected end (regress). */
    default boolean unansweredIsProblem() {
        return true;
    }
}
