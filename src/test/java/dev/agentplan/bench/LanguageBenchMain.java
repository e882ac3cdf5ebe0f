package dev.agentplan.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link LanguageBenchmark} with JMH and writes bench/results/language.csv. Arguments:
 * {@code [--quick] [--out DIR]}. From the repository root:
 * <pre>
 * mvn -o -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.agentplan.bench.LanguageBenchMain
 * </pre>
 */
public final class LanguageBenchMain {

    private LanguageBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int out = List.of(args).indexOf("--out");
        Path dir = Path.of(out >= 0 ? args[out + 1] : "bench/results");
        var facts = MachineFacts.now();
        OptionsBuilder builder = new OptionsBuilder();
        builder.include(LanguageBenchmark.class.getName() + "\\.");
        if (quick) {
            builder.warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1));
        }
        Options options = builder.build();
        Collection<RunResult> results = new Runner(options).run();
        write(dir.resolve("language.csv"), facts, results, quick);
    }

    static void write(Path file, Map<String, String> facts, Collection<RunResult> results, boolean quick) {
        Map<String, LanguageWork.Plan> plans = new HashMap<>();
        Map<String, Double> ms = new HashMap<>();
        List<String[]> keys = new ArrayList<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            String steps = r.getParams().getParam("steps");
            ms.put(method + "@" + steps, r.getPrimaryResult().getScore());
            keys.add(new String[] {method, steps, Double.toString(r.getPrimaryResult().getScoreError())});
        }
        CsvFile csv = new CsvFile("benchmark", "requested_steps", "steps", "agent_lines", "json_chars", "ms_per_plan",
                "ms_error_99_9", "plans_per_s", "lines_per_s", "ratio_time_10000_over_1000");
        csv.note("JMH average time, " + (quick ? "quick: 2x1 s warm-up, 3x1 s measured" : "3x2 s warm-up, 5x2 s measured")
                + ", 1 fork; lines = lines of the .agent form of the same plan (for JSON too)");
        csv.note("agentParseValidate = PlanText.parse + PlanValidator.validate; jsonParseValidate = JsonPlanCodec.decode "
                + "(schema + mapping) + PlanValidator.validate; jacksonTreeFloor = ObjectMapper.readTree of the same JSON");
        for (String[] k : keys) {
            String method = k[0];
            int steps = Integer.parseInt(k[1]);
            LanguageWork.Plan plan = plans.computeIfAbsent(k[1], s -> LanguageWork.plan(steps));
            double t = ms.get(method + "@" + steps);
            Double t1k = ms.get(method + "@1000");
            Double t10k = ms.get(method + "@10000");
            csv.row(method, steps, plan.steps(), plan.lines(), plan.json().length(), t, Double.parseDouble(k[2]),
                    1000.0 / t, plan.lines() * 1000.0 / t,
                    steps == 10000 && t1k != null && t10k != null ? t10k / t1k : null);
            System.out.println(String.format(Locale.ROOT, "%-20s %6d steps %6d lines  %10.3f ms  %10.1f plans/s  %12.0f lines/s",
                    method, plan.steps(), plan.lines(), t, 1000.0 / t, plan.lines() * 1000.0 / t));
        }
        csv.write(file, facts);
    }
}
