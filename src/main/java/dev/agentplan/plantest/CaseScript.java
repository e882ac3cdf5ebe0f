package dev.agentplan.plantest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.tools.ToolCallRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scripted tools of one running case: picks the answer of each call (first matching entry),
 * and records every call, every unscripted call and the attempts that are waiting out a delay.
 */
final class CaseScript {

    private final TestCase testCase;
    private final List<RecordedCall> calls = new ArrayList<>();
    private final Map<String, Integer> callIndex = new HashMap<>();
    private final Map<Integer, Integer> entryCounts = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    /** Attempts being answered right now. */
    final AtomicInteger busy = new AtomicInteger();
    volatile boolean finished;

    CaseScript(TestCase testCase) {
        this.testCase = testCase;
    }

    record Answer(TestCase.ToolScript entry, TestCase.Attempt attempt) {
    }

    /** The answer for this attempt of a call; null when no entry fits (recorded as a problem). */
    synchronized Answer answer(String callId, int attempt, ToolCallRequest request, String workflowId) {
        Integer known = callIndex.get(callId);
        if (known != null) {
            RecordedCall c = calls.get(known);
            calls.set(known, c.withAttempts(Math.max(c.attempts(), attempt)));
            return c.scriptEntry() == 0 ? null : answerOf(testCase.tools().get(c.scriptEntry() - 1), attempt);
        }
        TestCase.ToolScript chosen = null;
        int seq = calls.size() + 1;
        for (TestCase.ToolScript entry : testCase.tools()) {
            if (!fits(entry, request)) {
                continue;
            }
            // counts every call the entry's other matchers fit, whichever entry answers it
            int n = entryCounts.merge(entry.index(), 1, Integer::sum);
            if (chosen == null && (entry.call() == null || entry.call() == n)) {
                chosen = entry;
            }
        }
        RecordedCall call = new RecordedCall(seq, workflowId, request.tool(), request.kind(), callArguments(request),
                request.stepPath(), request.sourceLine(), attempt, chosen == null ? 0 : chosen.index());
        callIndex.put(callId, calls.size());
        calls.add(call);
        if (chosen == null) {
            problems.add("no scripted answer for call " + seq + ": " + call.describe());
            return null;
        }
        return answerOf(chosen, attempt);
    }

    private static Answer answerOf(TestCase.ToolScript entry, int attempt) {
        List<TestCase.Attempt> attempts = entry.attempts();
        return new Answer(entry, attempts.get(Math.min(attempt, attempts.size()) - 1));
    }

    /** The arguments the plan passed: for an MCP tool, those inside the call (not the server's transport). */
    private static JsonNode callArguments(ToolCallRequest request) {
        if (dev.agentplan.model.ToolDecl.MCP_KIND.equals(request.kind()) && request.arguments() != null
                && request.arguments().has("arguments")) {
            return request.arguments().get("arguments");
        }
        return request.arguments();
    }

    private static boolean fits(TestCase.ToolScript entry, ToolCallRequest request) {
        if (entry.tool() != null && !entry.tool().equals(request.tool())) {
            return false;
        }
        if (entry.step() != null && !entry.step().equals(request.stepPath())) {
            return false;
        }
        if (entry.line() != null && entry.line() != Lines.number(request.sourceLine())) {
            return false;
        }
        JsonNode args = entry.args();
        return args == null || Matchers.difference(args, callArguments(request), "args") == null;
    }

    synchronized List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    TestCase testCase() {
        return testCase;
    }
}
