package dev.agentplan.repository.diff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The semantic difference between plan A and plan B: changes in reading order, risks, and for
 * every step of A whether a run paused there could continue under B. Renders as text for people
 * ({@link #toText}) and as JSON for machines ({@link #toJson}).
 */
public final class DiffReport {

    private final String fromLabel;
    private final String toLabel;
    private final List<Change> changes;
    private final List<Risk> risks;
    private final Map<String, StepVerdict> verdicts;
    private final List<String> gatesAdded;
    private final List<String> gatesRemoved;
    private final BoundsDiff bounds;

    DiffReport(String fromLabel, String toLabel, List<Change> changes, List<Risk> risks,
               Map<String, StepVerdict> verdicts, List<String> gatesAdded, List<String> gatesRemoved,
               BoundsDiff bounds) {
        this.bounds = bounds;
        this.fromLabel = fromLabel;
        this.toLabel = toLabel;
        this.changes = List.copyOf(changes);
        this.risks = List.copyOf(risks);
        this.verdicts = Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
        this.gatesAdded = List.copyOf(gatesAdded);
        this.gatesRemoved = List.copyOf(gatesRemoved);
    }

    /** This report under other names for A and B, such as {@code triage@1} and {@code triage@2}. */
    public DiffReport withLabels(String from, String to) {
        return new DiffReport(from, to, changes, risks, verdicts, gatesAdded, gatesRemoved, bounds);
    }

    /** How the worst-case bounds of A and B differ. */
    public BoundsDiff bounds() {
        return bounds;
    }

    /** Names of approval gates B has and A has not. */
    public List<String> approvalGatesAdded() {
        return gatesAdded;
    }

    /** Names of approval gates A has and B has not. */
    public List<String> approvalGatesRemoved() {
        return gatesRemoved;
    }

    public String fromLabel() {
        return fromLabel;
    }

    public String toLabel() {
        return toLabel;
    }

    public List<Change> changes() {
        return changes;
    }

    public List<Risk> risks() {
        return risks;
    }

    /** No semantic difference at all (for exit codes). */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Some change breaks callers: a new required input, a removed input or output, an input type change. */
    public boolean isBreaking() {
        return changes.stream().anyMatch(Change::breaking);
    }

    public boolean hasRisks() {
        return !risks.isEmpty();
    }

    public List<Change> changes(Change.Subject subject) {
        return changes.stream().filter(c -> c.subject() == subject).toList();
    }

    /** Verdicts for every step path of A, in execution order. */
    public Map<String, StepVerdict> verdicts() {
        return verdicts;
    }

    /**
     * Whether a run of A paused at {@code stepPath} (an A step path, see
     * {@link dev.agentplan.model.StepPaths}) can continue under B.
     */
    public StepVerdict compatibleAt(String stepPath) {
        StepVerdict v = verdicts.get(stepPath);
        return v != null ? v : new StepVerdict(stepPath, false, null, "A has no step " + stepPath);
    }

    /** The first pause point of A (in execution order) from which runs cannot continue under B, or null. */
    public StepVerdict firstDivergence() {
        for (StepVerdict v : verdicts.values()) {
            if (!v.compatible()) {
                return v;
            }
        }
        return null;
    }

    /** Step paths of A at which a paused run can continue under B. */
    public List<String> compatiblePausePoints() {
        List<String> out = new ArrayList<>();
        verdicts.forEach((path, v) -> {
            if (v.compatible()) {
                out.add(path);
            }
        });
        return out;
    }

    /** Human text, one change per line; ANSI colours when {@code color}. */
    public String toText(boolean color) {
        return DiffText.render(this, color);
    }

    @Override
    public String toString() {
        return toText(false);
    }

    /** Machine JSON (stable field names, see {@link DiffJson}). */
    public String toJson() {
        return DiffJson.render(this);
    }
}
