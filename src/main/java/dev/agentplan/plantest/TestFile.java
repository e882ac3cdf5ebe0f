package dev.agentplan.plantest;

import java.nio.file.Path;
import java.util.List;

/** A test file and the plan it tests. */
public record TestFile(Path path, Path plan, List<TestCase> cases) {
}
