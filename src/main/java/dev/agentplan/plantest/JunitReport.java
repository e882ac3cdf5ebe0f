package dev.agentplan.plantest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes results as JUnit XML (one testsuite per test file, one testcase per case), as CI systems read it. */
public final class JunitReport {

    private JunitReport() {
    }

    public static void write(Path file, List<PlanResult> results) throws IOException {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"agentplan test\">\n");
        for (PlanResult r : results) {
            String suite = r.planName().isEmpty() ? r.testFile().getFileName().toString() : r.planName();
            long failures = r.failedCases() + (r.problem() == null ? 0 : 1);
            long tests = r.cases().size() + (r.problem() == null ? 0 : 1);
            double seconds = r.cases().stream().mapToLong(CaseVerdict::realMillis).sum() / 1000.0;
            x.append("  <testsuite name=\"").append(esc(suite)).append("\" tests=\"").append(tests)
                    .append("\" failures=\"").append(failures).append("\" errors=\"0\" time=\"")
                    .append(String.format(java.util.Locale.ROOT, "%.3f", seconds)).append("\" file=\"")
                    .append(esc(r.testFile().toString())).append("\">\n");
            if (r.problem() != null) {
                x.append("    <testcase classname=\"").append(esc(suite)).append("\" name=\"(test file)\">\n")
                        .append("      <failure message=\"").append(esc(firstLine(r.problem()))).append("\">")
                        .append(esc(r.problem())).append("</failure>\n    </testcase>\n");
            }
            for (CaseVerdict c : r.cases()) {
                x.append("    <testcase classname=\"").append(esc(suite)).append("\" name=\"").append(esc(c.name()))
                        .append("\" time=\"").append(String.format(java.util.Locale.ROOT, "%.3f", c.realMillis() / 1000.0))
                        .append("\"");
                if (c.passed()) {
                    x.append("/>\n");
                } else {
                    String message = c.difference() + (c.where().isEmpty() ? "" : " " + c.where());
                    x.append(">\n      <failure message=\"").append(esc(message)).append("\">").append(esc(message))
                            .append("</failure>\n    </testcase>\n");
                }
            }
            if (r.coverage() != null) {
                x.append("    <system-out>").append(esc(String.format(java.util.Locale.ROOT, "coverage %.1f%% (%d of %d steps and branch outcomes)",
                        r.coverage().percent(), r.coverage().covered(), r.coverage().total()))).append("</system-out>\n");
            }
            x.append("  </testsuite>\n");
        }
        x.append("</testsuites>\n");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, x.toString(), StandardCharsets.UTF_8);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\n' -> b.append("&#10;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
