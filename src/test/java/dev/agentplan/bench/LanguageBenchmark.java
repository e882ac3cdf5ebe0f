package dev.agentplan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.validate.PlanValidator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + validate throughput of generated plans, {@code .agent} and JSON, next to plain Jackson
 * parsing of the same JSON (the floor). Run with {@link LanguageBenchMain}; see bench/results/SUMMARY.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LanguageBenchmark {

    @Param({"10", "100", "1000", "10000"})
    public int steps;

    private LanguageWork.Plan plan;
    private PlanValidator validator;

    @Setup
    public void generate() {
        plan = LanguageWork.plan(steps);
        validator = PlanValidator.withBuiltinTools();
    }

    @Benchmark
    public AgentDefinition agentParseValidate() {
        return LanguageWork.parseAgent(plan.agentText(), validator);
    }

    @Benchmark
    public AgentDefinition jsonParseValidate() {
        return LanguageWork.parseJson(plan.json(), validator);
    }

    @Benchmark
    public JsonNode jacksonTreeFloor() {
        return LanguageWork.jackson(plan.json());
    }
}
