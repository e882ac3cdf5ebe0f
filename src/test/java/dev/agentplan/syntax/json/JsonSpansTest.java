package dev.agentplan.syntax.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Expr;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.model.Step;
import dev.agentplan.syntax.ParseResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every node decoded from JSON knows its file, line:col and JSON pointer. */
class JsonSpansTest {

    private static final String JSON = String.join("\n",
            "{",                                                                     // 1
            "  \"agent\": \"spans\",",                                               // 2
            "  \"inputs\": {\"svc\": {\"type\": \"string\", \"default\": \"web\"}},", // 3
            "  \"tools\": {\"logs\": {\"kind\": \"http\"}},",                        // 4
            "  \"budget\": {\"tool_calls\": 3},",                                    // 5
            "  \"steps\": [",                                                        // 6
            "    {\"call\": \"logs\", \"args\": {\"url\": \"u/${input.svc}\"}},",   // 7
            "    {\"if\": \"a == \\\"x\\\" && b\", \"then\": [",                     // 8
            "      {\"wait\": \"1s\"}",                                              // 9
            "    ], \"else_if\": [{\"if\": \"c\", \"then\": []}]},",                 // 10
            "    {\"parallel\": \"all\", \"lanes\": {\"one\": [{\"fail\": \"no\"}]}},", // 11
            "    {\"try\": [], \"catch\": [{\"do\": []}]}",                          // 12
            "  ],",                                                                  // 13
            "  \"output\": {\"r\": [1, \"${b}\"]}",                                  // 14
            "}");

    private static AgentDefinition plan() {
        ParseResult result = JsonPlanCodec.decode("dir/spans.json", JSON);
        assertEquals(List.of(), result.diagnostics());
        return result.definition();
    }

    private static void assertSpan(SourceSpan span, String pointer, int line, int column) {
        assertEquals("dir/spans.json", span.file());
        assertEquals(pointer, span.pointer(), span.toString());
        assertEquals(line, span.line(), pointer);
        assertEquals(column, span.column(), pointer);
    }

    @Test
    void declarationsHaveSpans() {
        AgentDefinition plan = plan();
        assertSpan(plan.span(), "", 1, 1);
        assertEquals(15, plan.span().endLine());
        assertSpan(plan.inputs().get(0).span(), "/inputs/svc", 3, 21);
        assertSpan(plan.inputs().get(0).defaultValue().span(), "/inputs/svc/default", 3, 51);
        assertSpan(plan.tools().get(0).span(), "/tools/logs", 4, 21);
        assertSpan(plan.budget().span(), "/budget", 5, 13);
    }

    @Test
    void stepsAndTheirPartsHaveSpans() {
        AgentDefinition plan = plan();
        Step.CallStep call = (Step.CallStep) plan.steps().get(0);
        assertSpan(call.span(), "/steps/0", 7, 5);
        Expr.TemplateExpr url = (Expr.TemplateExpr) call.call().args().get("url");
        assertSpan(url.span(), "/steps/0/args/url", 7, 38);
        // the interpolated path starts after `"u/${`
        assertSpan(url.parts().get(1).span(), "/steps/0/args/url", 7, 43);

        Step.IfStep ifStep = (Step.IfStep) plan.steps().get(1);
        assertSpan(ifStep.span(), "/steps/1", 8, 5);
        assertSpan(ifStep.branches().get(0).condition().span(), "/steps/1/if", 8, 12);
        assertEquals(29, ifStep.branches().get(0).condition().span().endColumn());
        Expr.BinaryExpr and = (Expr.BinaryExpr) ifStep.branches().get(0).condition();
        // `b` comes after the escaped quotes: a == \"x\" && b
        assertSpan(and.right().span(), "/steps/1/if", 8, 27);
        assertSpan(ifStep.branches().get(0).body().get(0).span(), "/steps/1/then/0", 9, 7);
        assertSpan(ifStep.branches().get(1).span(), "/steps/1/else_if/0", 10, 20);

        Step.ParallelStep parallel = (Step.ParallelStep) plan.steps().get(2);
        assertSpan(parallel.lanes().get(0).span(), "/steps/2/lanes/one", 11, 42);
        assertSpan(parallel.lanes().get(0).body().get(0).span(), "/steps/2/lanes/one/0", 11, 43);

        Step.TryStep tryStep = (Step.TryStep) plan.steps().get(3);
        assertSpan(tryStep.catches().get(0).span(), "/steps/3/catch/0", 12, 27);
    }

    @Test
    void valuesHaveSpans() {
        Expr.ListExpr r = (Expr.ListExpr) plan().output().get("r");
        assertSpan(r.span(), "/output/r", 14, 19);
        assertSpan(r.items().get(0).span(), "/output/r/0", 14, 20);
        assertSpan(r.items().get(1).span(), "/output/r/1", 14, 23);
    }
}
