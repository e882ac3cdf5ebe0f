package dev.agentplan.plantest;

import dev.agentplan.runtime.tools.ToolCallRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scripted tools of one running case: picks the answer of each call ({@link ToolAnswers}),
 * and records every call, every unscripted call and the attempts that are waiting out a delay.
 */
final class CaseScript {

    private final TestCase testCase;
    private final ToolAnswers answers;
    private final List<RecordedCall> calls = new ArrayList<>();
    private final Map<String, Integer> callIndex = new HashMap<>();
    private final Map<String, TestCase.ToolScript> chosen = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    /** Attempts being answered right now. */
    final AtomicInteger busy = new AtomicInteger();
    volatile boolean finished;

    CaseScript(TestCase testCase) {
        this(testCase, new EntryAnswers(testCase.tools()));
    }

    CaseScript(TestCase testCase, ToolAnswers answers) {
        this.testCase = testCase;
        this.answers = answers;
    }

    record Answer(TestCase.ToolScript entry, TestCase.Attempt attempt) {
    }

    /** The answer for this attempt of a call; null when no entry fits (recorded as a problem). */
    synchronized Answer answer(String callId, int attempt, ToolCallRequest request, String workflowId) {
        Integer known = callIndex.get(callId);
        if (known != null) {
            RecordedCall c = calls.get(known);
            calls.set(known, c.withAttempts(Math.max(c.attempts(), attempt)));
            TestCase.ToolScript entry = chosen.get(callId);
            return entry == null ? null : answerOf(entry, attempt);
        }
        int seq = calls.size() + 1;
        TestCase.ToolScript entry = answers.choose(request, seq);
        RecordedCall call = new RecordedCall(seq, workflowId, request.tool(), request.kind(), callArguments(request),
                request.stepPath(), request.sourceLine(), attempt, entry == null ? 0 : entry.index());
        callIndex.put(callId, calls.size());
        calls.add(call);
        if (entry == null) {
            if (answers.unansweredIsProblem()) {
                problems.add("no scripted answer for call " + seq + ": " + call.describe());
            }
            return null;
        }
        chosen.put(callId, entry);
        return answerOf(entry, attempt);
    }

    private static Answer answerOf(TestCase.ToolScript entry, int attempt) {
        List<TestCase.Attempt> attempts = entry.attempts();
        return new Answer(entry, attempts.get(Math.min(attempt, attempts.size()) - 1));
    }

    /** The arguments the plan passed: for an MCP tool, those inside the call (not the server's transport). */
    static com.fasterxml.jackson.databind.JsonNode callArguments(ToolCallRequest request) {
        if (dev.agentplan.model.ToolDecl.MCP_KIND.equals(request.kind()) && request.arguments() != null
                && request.arguments().has("arguments")) {
            return request.arguments().get("arguments");
        }
        return request.arguments();
    }

    synchronized int callCount() {
        return calls.size();
    }

    String stopReason() {
        return answers.stopReason();
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
