package dev.agentplan.plantest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code agentplan test definitions/} passes, as CI runs it: every plan in definitions/ (its
 * subdirectories included) has a NAME.test.json, and every case of them passes on the real
 * interpreter; the report gives each plan's coverage.
 */
class DefinitionsPlanTestsTest {

    private static List<Path> plans() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("definitions"))) {
            return files.filter(p -> p.toString().endsWith(".agent")).sorted().toList();
        }
    }

    @Test
    void everyPlanInDefinitionsHasATestFile() throws IOException {
        List<Path> plans = plans();
        assertTrue(plans.size() >= 10, "the definitions are found: " + plans);
        List<Path> untested = plans.stream().filter(p -> !Files.isRegularFile(TestFileReader.testFileOf(p))).toList();
        assertEquals(List.of(), untested, "plans without a test file (NAME.test.json beside NAME.agent)");
    }

    @Test
    void everyPlanTestInDefinitionsPassesAndReportsItsCoverage() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "test", "definitions");
        String report = out + "\n" + err;
        System.out.println(report);
        assertEquals(0, exit, report);
        assertFalse(report.contains("✖"), report);
        assertFalse(report.contains("plans without a test file"), report);
        List<Path> plans = plans();
        for (Path plan : plans) {
            String header = plan + "  (" + TestFileReader.testFileOf(plan) + ")";
            int at = report.indexOf(header);
            assertTrue(at >= 0, "no report for " + plan + ":\n" + report);
            // the plan's own block ends with its coverage line, before the next plan's header
            Matcher m = Pattern.compile("\n  coverage (\\d+)%: steps (\\d+)/(\\d+), branch outcomes (\\d+)/(\\d+)")
                    .matcher(report);
            assertTrue(m.find(at), "no coverage line for " + plan + ":\n" + report);
            int nextHeader = report.indexOf("  (definitions/", at + header.length());
            assertTrue(nextHeader < 0 || m.start() < nextHeader, "the coverage of " + plan + " is not in its block");
            assertTrue(Integer.parseInt(m.group(2)) > 0 && Integer.parseInt(m.group(2)) <= Integer.parseInt(m.group(3)),
                    plan + ": " + m.group());
        }
        Matcher summary = Pattern.compile("(\\d+) test files, (\\d+) cases: (\\d+) passed, 0 failed; coverage \\d+% ")
                .matcher(report);
        assertTrue(summary.find(), report);
        assertEquals(plans.size(), Integer.parseInt(summary.group(1)), report);
        assertEquals(summary.group(2), summary.group(3), report);
    }
}
