package dev.agentplan.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Comments are not in the model, but formatting keeps them where they were. */
class PlanCommentsTest {

    private static String fmt(String text) {
        ParseResult r = PlanText.parse("c.agent", text);
        assertTrue(!r.hasErrors(), () -> Plans.headlines(r));
        return PlanFormatter.format(r);
    }

    @Test
    void commentsSurviveFormattingAtEveryKindOfAnchor() {
        String formatted = fmt(Plans.resource("commented.agent"));
        assertEquals("""
                # Header comment
                # second line
                agent demo "A demo"  # trailing on agent

                input {
                  # the id
                  id: string  # trailing id
                  # before end of input
                }

                # tools header
                tools {
                  # defaults doc
                  defaults { timeout 30s }

                  # the logger
                  # inside options
                  logs = http { timeout 1h30m }
                  # end of tools
                }

                budget { steps 10 }  # budget trailing

                # first statement
                x = logs(url: "a")  # trailing x
                if x.ok {
                  # after brace
                  # in then
                  y = logs(url: "b")
                  # end of then
                } else {
                  # else end
                }

                # blank above, keep
                # inside args
                z = logs(url: "c")
                results = parallel {
                  # before lane a
                  lane a {
                    r = logs(url: "a")
                  }  # after lane a
                  # end of lanes
                }

                # before output
                output {
                  # field a
                  a: x  # trailing a
                }

                # end of file
                """, formatted);
        assertEquals(formatted, fmt(formatted));
    }

    @Test
    void commentsDoNotChangeTheModel() {
        String commented = Plans.resource("commented.agent");
        String bare = PlanFormatter.format(Plans.parse(commented));
        assertTrue(!bare.contains("#"));
        assertEquals(Plans.parse(commented), Plans.parse(bare));
    }

    @Test
    void nestedBlockEndsAndTryBodies() {
        String text = """
                agent t
                try {
                  # first in try
                  a = f()
                  # end of try
                } catch E as e {
                  # end of catch
                } finally {
                  # only a comment in finally
                }
                while x max 2 {
                  for each i in xs {
                    # deep
                    wait 1s  # after wait
                  }
                }
                """;
        String once = fmt(text);
        assertEquals("""
                agent t

                try {
                  # first in try
                  a = f()
                  # end of try
                } catch E as e {
                  # end of catch
                } finally {
                  # only a comment in finally
                }
                while x max 2 {
                  for each i in xs {
                    # deep
                    wait 1s  # after wait
                  }
                }
                """, once);
        assertEquals(once, fmt(once));
    }

    @Test
    void blankLinesBetweenStatementsAreKeptButNotMultiplied() {
        String once = fmt("agent t\nx = f()\n\n\n\ny = f()\nz = f()\nif c {\n\n  a = f()\n\n  b = f()\n}\n");
        assertEquals("agent t\n\nx = f()\n\ny = f()\nz = f()\nif c {\n  a = f()\n\n  b = f()\n}\n", once);
        assertEquals(once, fmt(once));
    }

    @Test
    void theSideTableNamesAnchorsByStructure() {
        ParseResult r = PlanText.parse("c.agent", "agent t # a\ninput { # i\n x: string }\n"
                + "if c {\n  # t\n  wait 1s\n} else {\n  wait 2s # w\n}\n# e\n");
        PlanComments c = r.comments();
        assertEquals("# a", c.after("agent"));
        assertEquals(List.of("# i"), c.before("input/0"));
        assertEquals(List.of("# t"), c.before("step:1/then/1"));
        assertEquals("# w", c.after("step:1/else/1"));
        assertEquals(List.of("# e"), c.before("end:file"));
        assertTrue(PlanText.parse("n.agent", "agent t").comments().isEmpty());
    }
}
