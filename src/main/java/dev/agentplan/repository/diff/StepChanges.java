package dev.agentplan.repository.diff;

import dev.agentplan.repository.diff.Change.Kind;
import dev.agentplan.repository.diff.Change.Subject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Step-level changes from a matching, in reading order: B's steps in order (moved, changed,
 * added), each removed step of A placed after the step it used to follow.
 */
final class StepChanges {

    private record Placed(double position, int sequence, Change change) {
    }

    private StepChanges() {
    }

    static List<Change> of(StepMatcher m) {
        List<Placed> placed = new ArrayList<>();
        for (StepTree.Node nb : m.b.preOrder) {
            String pathA = m.bToA.get(nb.path());
            String label = StepLabels.of(nb.step());
            if (pathA == null) {
                placed.add(new Placed(nb.order(), placed.size(), new Change(Kind.ADDED, Subject.STEP, label,
                        nb.path(), null, null, null, null, false)));
                continue;
            }
            if (m.moved(pathA)) {
                placed.add(new Placed(nb.order(), placed.size(), new Change(Kind.MOVED, Subject.STEP, label,
                        nb.path(), pathA, "moved", null, null, false)));
            }
            for (StepDetails.Detail d : StepDetails.compare(m.a.get(pathA).step(), nb.step())) {
                placed.add(new Placed(nb.order(), placed.size(), new Change(Kind.CHANGED, Subject.STEP, label,
                        nb.path(), pathA, d.what(), d.before(), d.after(), false)));
            }
        }
        double after = -1;
        for (StepTree.Node na : m.a.preOrder) {
            String pathB = m.aToB.get(na.path());
            if (pathB != null) {
                after = m.b.get(pathB).order();
            } else {
                placed.add(new Placed(after + 0.5, placed.size(), new Change(Kind.REMOVED, Subject.STEP,
                        StepLabels.of(na.step()), na.path(), null, null, null, null, false)));
            }
        }
        placed.sort(Comparator.comparingDouble(Placed::position).thenComparingInt(Placed::sequence));
        return placed.stream().map(Placed::change).toList();
    }
}
