package dev.agentplan.plantest;

import java.nio.file.Path;
import java.util.List;

/**
 * The cases of one test file and the coverage they reached.
 *
 * @param problem why the file's cases could not run (bad test file, plan with errors), else null
 */
public record PlanResult(Path testFile, Path plan, String planName, List<CaseVerdict> cases, Coverage coverage,
                         String problem) {

    public boolean passed() {
        return problem == null && cases.stream().allMatch(CaseVerdict::passed);
    }

    public long failedCases() {
        return cases.stream().filter(c -> !c.passed()).count();
    }
}
