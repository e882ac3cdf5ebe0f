package dev.agentplan.syntax;

import static dev.agentplan.syntax.generated.AgentParser.*;

import dev.agentplan.syntax.generated.AgentParser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * The innermost bracket that is open where the parser stopped, with a name for what it opened
 * ("the `tools` block", "the arguments of `logs(`"), for messages like "expected `}` to close …".
 */
record Unclosed(Token opener, String closer, String what) {

    static Unclosed find(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            Token opener = openerIn(c);
            if (opener != null) {
                return new Unclosed(opener, closerOf(opener.getType()), what(c, opener));
            }
        }
        return null;
    }

    private static Token openerIn(ParserRuleContext c) {
        if (c.children == null) {
            return null;
        }
        int closers = 0;
        for (int i = c.children.size() - 1; i >= 0; i--) {
            ParseTree child = c.children.get(i);
            if (!(child instanceof TerminalNode node) || node.getSymbol().getTokenIndex() < 0) {
                continue;
            }
            int t = node.getSymbol().getType();
            if (t == RBRACE || t == RPAREN || t == RBRACK) {
                closers++;
            } else if (t == LBRACE || t == LPAREN || t == LBRACK || t == INTERP_OPEN) {
                if (closers == 0) {
                    return node.getSymbol();
                }
                closers--;
            }
        }
        return null;
    }

    private static String closerOf(int opener) {
        return switch (opener) {
            case LPAREN -> ")";
            case LBRACK -> "]";
            default -> "}";
        };
    }

    private static String what(ParserRuleContext c, Token opener) {
        if (c instanceof AgentParser.InputBlockContext) {
            return "the `input` block";
        } else if (c instanceof AgentParser.ToolsBlockContext) {
            return "the `tools` block";
        } else if (c instanceof AgentParser.ToolDefaultsContext) {
            return "the `defaults` block";
        } else if (c instanceof AgentParser.ToolDeclContext d) {
            return "the options of tool `" + d.name().getText() + "`";
        } else if (c instanceof AgentParser.RetryBlockContext) {
            return "the `retry` block";
        } else if (c instanceof AgentParser.BudgetBlockContext) {
            return "the `budget` block";
        } else if (c instanceof AgentParser.OutputBlockContext) {
            return "the `output` block";
        } else if (c instanceof AgentParser.BlockContext) {
            return blockName(c, opener);
        } else if (c instanceof AgentParser.ParallelStatementContext) {
            return "the `parallel` block";
        } else if (c instanceof AgentParser.AwaitStatementContext) {
            return "the options of `await signal`";
        } else if (c instanceof AgentParser.ApproveStatementContext a) {
            return "approval `" + a.name().getText() + "`";
        } else if (c instanceof AgentParser.ToolCallContext t) {
            return "the arguments of `" + t.name().getText() + "(`";
        } else if (c instanceof AgentParser.RunStatementContext r) {
            return "the inputs of `run " + r.agent.getText() + "(`";
        } else if (c instanceof AgentParser.FunctionCallExprContext f) {
            return "the call `" + f.IDENT().getText() + "(`";
        } else if (c instanceof AgentParser.ObjectExprContext) {
            return "the object";
        } else if (c instanceof AgentParser.IndexSegmentContext) {
            return "the index";
        } else if (c instanceof AgentParser.InterpolationPartContext) {
            return "the `${` interpolation";
        } else if (opener.getType() == LBRACK) {
            return "the list";
        } else if (opener.getType() == LPAREN) {
            return "the parenthesis";
        }
        return "the block";
    }

    private static String blockName(ParserRuleContext block, Token opener) {
        ParserRuleContext parent = block.getParent();
        Token before = previousSibling(parent, block);
        if (parent instanceof AgentParser.BranchContext branch) {
            AgentParser.IfStatementContext ifs = (AgentParser.IfStatementContext) branch.getParent();
            return ifs.branch().indexOf(branch) == 0 ? "the `if` block" : "the `else if` block";
        } else if (parent instanceof AgentParser.IfStatementContext) {
            return "the `else` block";
        } else if (parent instanceof AgentParser.ForEachStatementContext) {
            return "the `for each` loop";
        } else if (parent instanceof AgentParser.WhileStatementContext) {
            return "the `while` loop";
        } else if (parent instanceof AgentParser.LaneContext l) {
            return "lane `" + l.name().getText() + "`";
        } else if (parent instanceof AgentParser.TryStatementContext) {
            return before != null && before.getType() == FINALLY ? "the `finally` block" : "the `try` block";
        } else if (parent instanceof AgentParser.CatchClauseContext) {
            return "the `catch` block";
        }
        return "the block";
    }

    private static int indexOf(ParserRuleContext parent, ParseTree child) {
        return parent.children == null ? -1 : parent.children.indexOf(child);
    }

    private static Token previousSibling(ParserRuleContext parent, ParseTree child) {
        int i = indexOf(parent, child);
        if (i > 0 && parent.getChild(i - 1) instanceof TerminalNode t) {
            return t.getSymbol();
        }
        return null;
    }
}
