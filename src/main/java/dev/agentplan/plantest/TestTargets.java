package dev.agentplan.plantest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code agentplan test PATH…} runs: a test file itself, the test file beside a plan file,
 * or every test file in a directory (recursively); plans found without a test file are listed.
 */
public record TestTargets(List<Path> testFiles, List<Path> untestedPlans, List<Path> missing) {

    public static TestTargets of(List<Path> arguments) {
        List<Path> tests = new ArrayList<>();
        List<Path> untested = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        for (Path p : arguments) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                        String n = f.getFileName().toString();
                        if (n.endsWith(TestFileReader.SUFFIX)) {
                            tests.add(f);
                        } else if (n.endsWith(".agent") && !Files.exists(TestFileReader.testFileOf(f))) {
                            untested.add(f);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p, e);
                }
            } else if (!Files.exists(p)) {
                missing.add(p);
            } else if (p.getFileName().toString().endsWith(TestFileReader.SUFFIX)) {
                tests.add(p);
            } else {
                Path t = TestFileReader.testFileOf(p);
                if (Files.exists(t)) {
                    tests.add(t);
                } else {
                    untested.add(p);
                }
            }
        }
        return new TestTargets(List.copyOf(tests), List.copyOf(untested), List.copyOf(missing));
    }
}
