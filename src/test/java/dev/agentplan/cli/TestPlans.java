package dev.agentplan.cli;

/** Small plans with the echo tool, for the run command tests (and their line numbers). */
public final class TestPlans {

    /** Echo, an approval gate (skipped when {@code ask} is false), echo. Version {@code n} says so after the gate. */
    public static String gated(int n) {
        return """
                agent gated "Echo, ask a human, echo"
                input { who: string = "world"  ask: boolean = true }
                tools { defaults { timeout 10s }  say = echo }
                budget { tool_calls 10  steps 50 }
                first = say(text: "hello ${input.who}")
                if input.ask {
                  approve proceed { ask "Go on for ${input.who}?"  approvers ["alice", "bob"]  timeout 1h }
                }
                second = say(text: "v%d after the gate")
                output { first: first.text, second: second.text, version: %d }
                """.formatted(n, n);
    }

    static final int GATED_FIRST_LINE = 5;
    static final int GATED_GATE_LINE = 7;
    static final int GATED_SECOND_LINE = 9;

    /** Waits for the signal {@code ci_finished}, then echoes its payload. */
    static final String WAITER = """
            agent waiter "Waits for CI"
            tools { defaults { timeout 10s }  say = echo }
            ci = await signal "ci_finished" { timeout 1h  on_timeout fail }
            r = say(text: "ci said ${ci.result}")
            output { text: r.text }
            """;

    /** The same first step as {@link #gated} would need a timer instead of a tool call: replaying gated under it diverges. */
    static final String GATED_WITH_A_WAIT_FIRST = """
            agent gated "Echo, ask a human, echo"
            input { who: string = "world"  ask: boolean = true }
            tools { defaults { timeout 10s }  say = echo }
            wait 1s
            second = say(text: "changed")
            output { second: second.text }
            """;

    private TestPlans() {
    }
}
