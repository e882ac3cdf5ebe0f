package dev.agentplan.plantest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.tools.ToolCallRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A test case's {@code tools} entries: the first entry whose matchers (tool, step, line, args, call) fit answers. */
final class EntryAnswers implements ToolAnswers {

    private final List<TestCase.ToolScript> entries;
    /** Per entry: how many calls its matchers other than {@code call} fitted so far. */
    private final Map<Integer, Integer> entryCounts = new HashMap<>();

    EntryAnswers(List<TestCase.ToolScript> entries) {
        this.entries = entries;
    }

    @Override
    public TestCase.ToolScript choose(ToolCallRequest request, int seq) {
        TestCase.ToolScript chosen = null;
        for (TestCase.ToolScript entry : entries) {
            if (!fits(entry, request)) {
                continue;
            }
            // counts every call the entry's other matchers fit, whichever entry answers it
            int n = entryCounts.merge(entry.index(), 1, Integer::sum);
            if (chosen == null && (entry.call() == null || entry.call() == n)) {
                chosen = entry;
            }
        }
        return chosen;
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
        return args == null || Matchers.difference(args, CaseScript.callArguments(request), "args") == null;
    }
}
