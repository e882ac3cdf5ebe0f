package dev.agentplan.repository.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.validate.bounds.BoundsText;
import java.util.Locale;

/**
 * The JSON form of a diff report:
 * <pre>
 * {"from": "a@1", "to": "a@2", "empty": false, "breaking": true,
 *  "changes": [{"kind": "changed", "subject": "step", "name": "issue = ticket(...)", "path": "3/then/1",
 *               "fromPath": "3/then/1", "detail": "argument body changed", "before": "…", "after": "…",
 *               "breaking": false, "text": "~ step 3/then/1 …"}],
 *  "risks": [{"kind": "approval_gate_removed", "path": "3/then/2", "message": "…"}],
 * *  "approvalGates": {"added": ["promote"], "removed": ["restart_ok"]},
 *  "bounds": {"from": {…validate --bounds --json…}, "to": {…}, "changed": [{"figure": "tool calls", "before": "3", "after": "5"}]},
 *  "compatibility": {"firstDivergence": {"path": "3", "divergesAt": "3/then/1", "reason": "…"},
 *                    "steps": [{"path": "1", "compatible": true}, …]}}
 * </pre>
 * Absent values are JSON null; enum values are lower-case.
 */
final class DiffJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DiffJson() {
    }

    static String render(DiffReport report) {
        try {
            return MAPPER.writeValueAsString(tree(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a diff report as JSON", e);
        }
    }

    static ObjectNode tree(DiffReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("from", report.fromLabel());
        root.put("to", report.toLabel());
        root.put("empty", report.isEmpty());
        root.put("breaking", report.isBreaking());
        ArrayNode changes = root.putArray("changes");
        for (Change c : report.changes()) {
            ObjectNode n = changes.addObject();
            n.put("kind", lower(c.kind()));
            n.put("subject", lower(c.subject()));
            n.put("name", c.name());
            n.put("path", c.path());
            n.put("fromPath", c.fromPath());
            n.put("detail", c.detail());
            n.put("before", c.before());
            n.put("after", c.after());
            n.put("breaking", c.breaking());
            n.put("text", DiffText.line(c));
        }
        ArrayNode risks = root.putArray("risks");
        for (Risk r : report.risks()) {
            ObjectNode n = risks.addObject();
            n.put("kind", lower(r.kind()));
            n.put("path", r.path());
            n.put("message", r.message());
        }
        ObjectNode gates = root.putObject("approvalGates");
        report.approvalGatesAdded().forEach(gates.putArray("added")::add);
        report.approvalGatesRemoved().forEach(gates.putArray("removed")::add);
        ObjectNode bounds = root.putObject("bounds");
        bounds.set("from", BoundsText.json(report.bounds().from()));
        bounds.set("to", BoundsText.json(report.bounds().to()));
        ArrayNode changedBounds = bounds.putArray("changed");
        for (BoundsDiff.Entry e : report.bounds().changed()) {
            changedBounds.addObject().put("figure", e.figure()).put("before", e.before()).put("after", e.after());
        }
        ObjectNode compatibility = root.putObject("compatibility");
        StepVerdict first = report.firstDivergence();
        if (first == null) {
            compatibility.putNull("firstDivergence");
        } else {
            verdict(compatibility.putObject("firstDivergence"), first);
        }
        ArrayNode steps = compatibility.putArray("steps");
        report.verdicts().values().forEach(v -> verdict(steps.addObject(), v));
        return root;
    }

    private static void verdict(ObjectNode n, StepVerdict v) {
        n.put("path", v.path());
        n.put("compatible", v.compatible());
        if (!v.compatible()) {
            n.put("divergesAt", v.divergesAt());
            n.put("reason", v.reason());
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
