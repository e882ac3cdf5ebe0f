package dev.agentplan.syntax;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Budget;
import dev.agentplan.model.Expr;
import dev.agentplan.model.InputDecl;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.model.Step;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolPolicy;
import dev.agentplan.model.ValueType;
import dev.agentplan.syntax.generated.AgentParser;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Builds the model of a whole plan from a parse tree without syntax errors, reporting what only
 * the text can get wrong (durations, whole numbers, plain strings, duplicates, type names).
 */
final class PlanBuilder {

    private final Spans spans;
    private final DiagnosticSink sink;
    private final ExprBuilder exprs;
    private final Values values;
    private final PolicyBuilder policies;
    private final CommentCollector comments;
    private final StepBuilder steps;
    private final McpBuilder mcp;

    PlanBuilder(TextParsing parsed) {
        this.spans = parsed.spans;
        this.sink = parsed.sink;
        this.exprs = new ExprBuilder(spans, sink);
        this.values = new Values(spans, sink, exprs);
        this.policies = new PolicyBuilder(spans, sink, values);
        this.comments = new CommentCollector(parsed.tokens);
        this.mcp = new McpBuilder(spans, sink, exprs, policies);
        this.steps = new StepBuilder(spans, sink, exprs, values, comments, mcp);
    }

    PlanComments comments() {
        return comments.finish();
    }

    AgentDefinition build(AgentParser.AgentFileContext file) {
        Token agentStart = file.AGENT().getSymbol();
        Token agentStop = file.description != null ? file.description.getStop() : file.name().getStop();
        comments.anchor(CommentKeys.AGENT, agentStart, agentStop);
        String description = file.description == null ? null : values.plain(file.description, "the description");

        List<InputDecl> inputs = List.of();
        ToolPolicy defaults = null;
        List<ToolDecl> tools = List.of();
        Budget budget = null;
        List<IntentHandler> handlers = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (AgentParser.HeaderContext h : file.header()) {
            if (h.handlerDecl() != null) { // handlers may be many: not a block given twice
                comments.anchor(CommentKeys.handler(handlers.size()), h.handlerDecl());
                handlers.add(steps.handler(h.handlerDecl()));
                continue;
            }
            ParserRuleContext block = h.getChild(ParserRuleContext.class, 0);
            if (!seen.add(block.getRuleIndex())) {
                String kind = block.getStart().getText();
                sink.error(SyntaxCodes.DUPLICATE_BLOCK, spans.of(block.getStart()),
                        "the `" + kind + "` block is given twice", "merge the two `" + kind + "` blocks into one");
                continue;
            }
            if (h.inputBlock() != null) {
                inputs = inputs(h.inputBlock());
            } else if (h.toolsBlock() != null) {
                List<ToolDecl> declared = new ArrayList<>();
                defaults = tools(h.toolsBlock(), declared);
                tools = declared;
            } else {
                budget = budget(h.budgetBlock());
            }
        }
        List<Step> body = steps.steps(file.statement(), "");
        Map<String, Expr> output = file.outputBlock() == null ? Map.of() : output(file.outputBlock());
        comments.end(CommentKeys.END_FILE, file.EOF().getSymbol());
        return new AgentDefinition(file.name().getText(), description, inputs, defaults, tools, budget, body, output,
                spans.of(agentStart, agentStop), handlers);
    }

    private List<InputDecl> inputs(AgentParser.InputBlockContext block) {
        comments.anchor(CommentKeys.INPUT, block);
        List<InputDecl> inputs = new ArrayList<>();
        for (int i = 0; i < block.inputDecl().size(); i++) {
            AgentParser.InputDeclContext d = block.inputDecl(i);
            comments.anchor(CommentKeys.input(i), d);
            String typeName = d.type.getText();
            ValueType type = ValueType.fromKeyword(typeName);
            if (type == null) {
                sink.error(SyntaxCodes.UNKNOWN_TYPE, spans.of(d.type), "unknown type `" + typeName + "`",
                        "the types are string, number, boolean, object, list and any");
                type = ValueType.ANY;
            }
            Expr defaultValue = d.defaultValue == null ? null : exprs.top(d.defaultValue);
            String description = d.description == null ? null : values.plain(d.description, "a description");
            inputs.add(new InputDecl(d.name(0).getText(), type, defaultValue, description, spans.of(d)));
        }
        comments.end(CommentKeys.end(CommentKeys.INPUT), block.RBRACE().getSymbol());
        return inputs;
    }

    private ToolPolicy tools(AgentParser.ToolsBlockContext block, List<ToolDecl> declared) {
        comments.anchor(CommentKeys.TOOLS, block);
        ToolPolicy defaults = null;
        for (int c = 0; c < block.getChildCount(); c++) {
            if (block.getChild(c) instanceof AgentParser.ToolDefaultsContext d) {
                comments.anchor(CommentKeys.DEFAULTS, d);
                if (defaults != null) {
                    sink.error(SyntaxCodes.DUPLICATE_BLOCK, spans.of(d), "the `defaults` block is given twice",
                            "merge the two `defaults` blocks into one");
                    continue;
                }
                mcp.rejectMcpOptions(d.toolOption(), "of the tool `defaults`");
                defaults = policies.policy(d.toolOption(), "in the tool `defaults`");
            } else if (block.getChild(c) instanceof AgentParser.ToolDeclContext t) {
                comments.anchor(CommentKeys.tool(declared.size()), t);
                String name = t.name().getText();
                ToolPolicy policy = policies.policy(t.toolOption(), "for tool `" + name + "`");
                String kind = t.toolKind().getText();
                if (McpBuilder.isMcpKind(kind)) {
                    declared.add(new ToolDecl(name, kind, policy, spans.of(t), mcp.server(t), null));
                } else {
                    mcp.rejectMcpOptions(t.toolOption(), "of kind `" + kind + "`");
                    declared.add(new ToolDecl(name, kind, policy, spans.of(t)));
                }
            }
        }
        comments.end(CommentKeys.end(CommentKeys.TOOLS), block.RBRACE().getSymbol());
        return defaults;
    }

    private Budget budget(AgentParser.BudgetBlockContext block) {
        comments.anchor(CommentKeys.BUDGET, block);
        OptionSet seen = new OptionSet("in the `budget` block", spans, sink);
        Integer toolCalls = null;
        Integer stepCount = null;
        Duration duration = null;
        BigDecimal cost = null;
        Map<String, Budget.ModelPrice> prices = new LinkedHashMap<>();
        for (AgentParser.BudgetOptionContext o : block.budgetOption()) {
            if (o instanceof AgentParser.PriceBudgetContext p) {
                price(p, prices);
                continue;
            }
            if (!seen.add(o)) {
                continue;
            }
            if (o instanceof AgentParser.ToolCallsBudgetContext t) {
                toolCalls = values.whole(t.NUMBER().getSymbol(), "`tool_calls`");
            } else if (o instanceof AgentParser.StepsBudgetContext s) {
                stepCount = values.whole(s.NUMBER().getSymbol(), "`steps`");
            } else if (o instanceof AgentParser.DurationBudgetContext d) {
                duration = values.duration(d.duration());
            } else if (o instanceof AgentParser.CostBudgetContext c) {
                cost = values.decimal(c.NUMBER().getSymbol());
            }
        }
        return new Budget(toolCalls, stepCount, duration, cost, spans.of(block), prices);
    }

    /** {@code price "model" { prompt 0.15  completion 0.6 }}: per million tokens. */
    private void price(AgentParser.PriceBudgetContext p, Map<String, Budget.ModelPrice> prices) {
        String model = values.plain(p.model, "a model name");
        BigDecimal prompt = null;
        BigDecimal completion = null;
        for (int i = 0; i < p.key().size(); i++) {
            String k = p.key(i).getText();
            BigDecimal v = values.decimal(p.NUMBER(i).getSymbol());
            if (k.equals("prompt") && prompt == null) {
                prompt = v;
            } else if (k.equals("completion") && completion == null) {
                completion = v;
            } else {
                sink.error(SyntaxCodes.UNKNOWN_OPTION, spans.of(p.key(i)), k.equals("prompt") || k.equals("completion")
                        ? "`" + k + "` is given twice in this price" : "unknown price option `" + k
                        + "`; expected one of prompt, completion", "a price is `price \"MODEL\" { prompt 0.15  "
                        + "completion 0.6 }`, per million tokens");
            }
        }
        if (model != null && prices.containsKey(model)) {
            sink.error(SyntaxCodes.DUPLICATE_OPTION, spans.of(p), "the price of `" + model + "` is given twice",
                    "keep only one `price \"" + model + "\"`");
        }
        if (model != null) {
            prices.put(model, new Budget.ModelPrice(prompt, completion, spans.of(p)));
        }
    }

    private Map<String, Expr> output(AgentParser.OutputBlockContext block) {
        comments.anchor(CommentKeys.OUTPUT, block);
        Map<String, Expr> output = new LinkedHashMap<>();
        for (int i = 0; i < block.outputField().size(); i++) {
            AgentParser.OutputFieldContext f = block.outputField(i);
            comments.anchor(CommentKeys.output(i), f);
            String key = keyOf(f.key(), f.string());
            if (output.containsKey(key)) {
                sink.error(SyntaxCodes.DUPLICATE_KEY, spans.of(f), "the output `" + key + "` is given twice",
                        "keep only one `" + key + "`");
            }
            output.put(key, exprs.top(f.expr()));
        }
        comments.end(CommentKeys.end(CommentKeys.OUTPUT), block.RBRACE().getSymbol());
        return output;
    }

    private String keyOf(AgentParser.KeyContext key, AgentParser.StringContext quoted) {
        return key != null ? key.getText() : values.plain(quoted, "an output name");
    }
}
