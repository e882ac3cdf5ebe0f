package dev.agentplan.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.server.LocalStack;
import dev.agentplan.server.Pins;
import dev.agentplan.server.RunClient;
import dev.agentplan.syntax.PlanText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-call cost of a long loop of {@code echo} calls on the stack {@code agentplan server}
 * runs (the Java test server and its in-process worker, over loopback gRPC), with the worker
 * non-sticky (every workflow task replays the whole segment: the cost grows with the segment) and
 * sticky (the run stays cached on the worker). The real interpreter, the real tool activity.
 */
public final class PerCallBenchmark {

    static final String PLAN = """
            agent per_call "a loop of echo calls"
            input { n: number }
            tools { say = echo { timeout 10s } }
            set i = 0
            while i < input.n max 1000000 {
              r = say(text: "call ${i}")
              set i = i + 1
            }
            output { count: i }
            """;

    /** @param worker {@code non-sticky} or {@code sticky} */
    public record Result(String worker, int calls, double seconds, int segments) {

        public double millisPerCall() {
            return seconds * 1000 / calls;
        }
    }

    private PerCallBenchmark() {
    }

    public static Result run(boolean nonSticky, int calls, PrintWriter progress) {
        AgentDefinition plan = PlanText.parse("per_call.agent", PLAN).definition();
        PinnedDefinition pinned = Pins.ofFile("per_call.agent", plan);
        String worker = nonSticky ? "non-sticky" : "sticky";
        try (LocalStack stack = LocalStack.start(0, "bench-per-call", nonSticky, (agent, ref) -> null)) {
            RunClient client = new RunClient(stack.connection());
            String runId = "per-call-" + worker + "-" + System.nanoTime();
            long t0 = System.nanoTime();
            client.start(pinned, new ObjectMapper().createObjectNode().put("n", calls), runId, stack.taskQueue());
            RunResult result = client.resultAsync(runId).join();
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (result.status() != RunState.COMPLETED) {
                throw new IllegalStateException("the benchmark run ended " + result.status() + ": " + result.error());
            }
            Result r = new Result(worker, calls, seconds, result.counts().segments());
            progress.println(String.format(Locale.ROOT, "per-call %s worker: %d calls in %.1f s = %.1f ms a call, %d segments",
                    worker, calls, seconds, r.millisPerCall(), r.segments()));
            progress.flush();
            return r;
        }
    }

    public static void write(Path file, Map<String, String> facts, List<Result> results) {
        CsvFile csv = new CsvFile("worker", "calls", "seconds", "ms_per_call", "segments")
                .note("a loop of echo calls on the agentplan server stack (Java test server + in-process worker, loopback gRPC)")
                .note("non-sticky: how agentplan server ran its worker before; sticky: how it runs it now");
        for (Result r : results) {
            csv.row(r.worker(), r.calls(), r.seconds(), r.millisPerCall(), r.segments());
        }
        csv.write(file, facts);
    }
}
