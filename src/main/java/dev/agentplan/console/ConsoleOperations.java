package dev.agentplan.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Expr;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.model.Step;
import dev.agentplan.repository.DeployedVersion;
import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.repository.RunRecord;
import dev.agentplan.repository.StoredDefinition;
import dev.agentplan.repository.diff.DiffReport;
import dev.agentplan.repository.diff.PlanDiff;
import dev.agentplan.repository.diff.StepVerdict;
import dev.agentplan.runtime.api.ActiveStep;
import dev.agentplan.runtime.api.PendingApproval;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.runtime.api.StepLogEntry;
import dev.agentplan.runtime.eval.Bindings;
import dev.agentplan.runtime.eval.Evaluator;
import dev.agentplan.runtime.tools.builtin.BuiltinTools;
import dev.agentplan.server.AuditTrail;
import dev.agentplan.server.Connection;
import dev.agentplan.server.HistoryReader;
import dev.agentplan.server.RunClient;
import dev.agentplan.server.RunDescription;
import dev.agentplan.server.RunNotFoundException;
import dev.agentplan.server.Visibility;
import dev.agentplan.syntax.ExpressionText;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.json.JsonPlanCodec;
import dev.agentplan.validate.flow.ControlFlowGraph;
import dev.agentplan.validate.flow.EdgeLabel;
import dev.agentplan.validate.flow.FlowEdge;
import dev.agentplan.validate.flow.FlowNode;
import dev.agentplan.validate.flow.NodeKind;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the console reads: runs, one run, pending approvals, definitions and diffs, built from the
 * same clients the CLI's {@code runs}, {@code status}, {@code history}, {@code show} and
 * {@code diff} use. Writes go through {@link RunOperations}.
 */
public final class ConsoleOperations {

    static final int RUNS_LIMIT = 100;

    private final Connection connection;
    private final FileDefinitionRepository repo;
    private final Function<AuditTrail, String> historyText;
    private final String webUi;
    /** Rows of ended runs never change: kept so the live list asks the server only about running ones. */
    private final Map<String, Views.RunRow> ended = new ConcurrentHashMap<>();

    /**
     * @param historyText how {@code agentplan history} prints a trail
     * @param webUi the Temporal Web UI's base address, or null when the server has none
     */
    public ConsoleOperations(Connection connection, FileDefinitionRepository repo, Function<AuditTrail, String> historyText,
                             String webUi) {
        this.connection = connection;
        this.repo = repo;
        this.historyText = historyText;
        this.webUi = webUi == null || webUi.isBlank() ? null : webUi.replaceAll("/+$", "");
    }

    public RunOperations writes() {
        return new RunOperations(connection);
    }

    public String namespace() {
        return connection.namespace();
    }

    // ---- runs ----

    /**
     * Runs, newest first: from Temporal's visibility on a real server, else from the run index
     * (the in-memory server cannot list), those on this console's server.
     *
     * @param state a plan state (running, waiting_approval, completed, failed, …) or null
     * @param text a part of the run id or agent name, or null
     */
    public List<Views.RunRow> runs(String agent, String state, String text) {
        RunClient client = new RunClient(connection);
        List<String> ids = new ArrayList<>();
        var listed = new Visibility(connection).list(agent, null, null, null, RUNS_LIMIT);
        if (listed.isPresent()) {
            listed.get().forEach(r -> ids.add(r.runId()));
        } else {
            for (RunRecord r : repo.runIndex().list(agent, null)) {
                if (r.address().equals(connection.address()) && ids.size() < RUNS_LIMIT) {
                    ids.add(r.runId());
                }
            }
        }
        List<Views.RunRow> rows = new ArrayList<>();
        for (String id : ids) {
            Views.RunRow row;
            try {
                row = row(client, id);
            } catch (RunNotFoundException gone) {
                continue; // indexed, but not on this server any more (an in-memory server restarted)
            }
            if (state != null && !state.isBlank() && !matchesState(row.state(), state)) {
                continue;
            }
            if (text != null && !text.isBlank() && !(row.runId().contains(text.strip())
                    || (row.agent() != null && row.agent().contains(text.strip())))) {
                continue;
            }
            rows.add(row);
        }
        rows.sort((a, b) -> String.valueOf(b.startedAt()).compareTo(String.valueOf(a.startedAt())));
        return rows;
    }

    private static boolean matchesState(String rowState, String wanted) {
        String w = wanted.strip().toLowerCase(Locale.ROOT);
        return w.equals(rowState) || (w.equals("running") && (rowState.equals("running") || rowState.startsWith("waiting")));
    }

    private Views.RunRow row(RunClient client, String runId) {
        Views.RunRow known = ended.get(runId);
        if (known != null) {
            return known;
        }
        RunDescription d = client.describe(runId);
        if (d.isRunning()) {
            RunStatus s = queryOrNull(client, runId);
            ActiveStep current = s == null || s.currentSteps().isEmpty() ? null : s.currentSteps().get(0);
            return new Views.RunRow(runId, d.agent(), d.version(), s == null ? "running" : lower(s.state().name()),
                    iso(d.startedAt()), null, current == null ? null : current.path(), current == null ? null : current.line(),
                    waitingFor(s));
        }
        String state = client.resultIfEnded(runId).map(r -> lower(r.status().name())).orElse(d.execution());
        Views.RunRow row = new Views.RunRow(runId, d.agent(), d.version(), state, iso(d.startedAt()), iso(d.closedAt()),
                null, null, null);
        ended.put(runId, row);
        return row;
    }

    private static String waitingFor(RunStatus s) {
        if (s == null) {
            return null;
        }
        List<String> w = new ArrayList<>();
        for (ActiveStep a : s.currentSteps()) {
            if (a.waitingFor() != null && !w.contains(a.waitingFor())) {
                w.add(a.waitingFor());
            }
        }
        return w.isEmpty() ? null : String.join(", ", w);
    }

    private static RunStatus queryOrNull(RunClient client, String runId) {
        try {
            return client.status(runId);
        } catch (RuntimeException noWorker) {
            return null; // shown as running without a step; the run page says why
        }
    }

    // ---- one run ----

    /** Everything the run page shows. */
    public Views.RunView run(String runId) {
        RunClient client = new RunClient(connection);
        RunDescription d = client.describe(runId);
        RunStatus s = d.isRunning() ? client.status(runId) : queryOrNull(client, runId);
        RunResult result = d.isRunning() ? null : client.resultIfEnded(runId).orElse(null);
        RunRequest start = client.startRequest(runId);
        PinnedDefinition pinned = start == null ? null : start.definition();
        AgentDefinition plan = planOf(pinned);
        List<String> source = sourceOf(pinned);
        AuditTrail trail = HistoryReader.read(runId, client.historyChain(runId));
        JsonNode inputs = withDefaults(plan, trail.inputs());

        List<Views.ApprovalView> pending = new ArrayList<>();
        if (s != null && d.isRunning()) {
            ControlFlowGraph graph = plan == null ? null : graph(plan);
            for (PendingApproval p : s.pendingApprovals()) {
                pending.add(approval(runId, d, p, graph, pinned, source, inputs));
            }
        }
        List<Views.StepLine> log = new ArrayList<>();
        if (s != null) {
            for (StepLogEntry e : s.stepLog()) {
                log.add(new Views.StepLine(e.path(), e.line(), lineText(source, e.line()), e.kind(), e.tool(), e.iteration(),
                        e.startedAt(), e.endedAt(), e.attempts(), e.outcome()));
            }
        }
        String state = result != null ? lower(result.status().name()) : s != null ? lower(s.state().name()) : d.execution();
        return new Views.RunView(runId, d.agent(), d.version(), d.sha256(), d.execution(), state, iso(d.startedAt()),
                iso(d.closedAt()), s == null ? List.of() : s.currentSteps(), pending, s == null ? List.of() : s.approvals(),
                log, s == null ? 0 : s.stepsLogged(), s == null ? List.of() : s.budget(), s == null ? null : s.lastToolCall(),
                result == null ? null : result.output(), result != null ? result.error() : s == null ? null : s.error(),
                signals(plan, s), GraphMarks.of(s, result, trail), historyText.apply(trail),
                webUi == null ? null : webUi + "/namespaces/" + enc(connection.namespace()) + "/workflows/" + enc(runId));
    }

    /** The run's plan drawn with its steps marked: the page's graph. */
    public String graphSvg(String runId, Views.RunView view) {
        PinnedDefinition pinned = new RunClient(connection).pinnedOf(runId);
        AgentDefinition plan = planOf(pinned);
        return plan == null ? "" : GraphSvg.render(graph(plan), view.graphMarks());
    }

    public AuditTrail trail(String runId) {
        return HistoryReader.read(runId, new RunClient(connection).historyChain(runId));
    }

    private List<Views.SignalView> signals(AgentDefinition plan, RunStatus s) {
        List<Views.SignalView> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (s != null && s.handlers() != null) {
            for (var h : s.handlers()) {
                if ("signal".equals(h.kind()) && seen.add(h.event())) {
                    out.add(new Views.SignalView(h.event(), "on signal", h.type(), h.variable(), h.active()));
                }
            }
        }
        if (plan != null) {
            for (IntentHandler h : plan.handlers()) {
                if (h.kind() == IntentHandler.Kind.SIGNAL && seen.add(h.event())) {
                    out.add(new Views.SignalView(h.event(), "on signal", h.type().keyword(), h.variable(), false));
                }
            }
            dev.agentplan.model.StepPaths.walk(plan.steps(), "", (path, step) -> {
                if (step instanceof Step.AwaitSignalStep a && seen.add(a.signal())) {
                    boolean waiting = s != null && s.awaitingSignals() != null && s.awaitingSignals().contains(a.signal());
                    out.add(new Views.SignalView(a.signal(), "await signal", "any", a.bind(), waiting));
                } else if (step instanceof Step.HandleStep h && h.handler().kind() == IntentHandler.Kind.SIGNAL
                        && seen.add(h.handler().event())) {
                    out.add(new Views.SignalView(h.handler().event(), "on signal (block)", h.handler().type().keyword(),
                            h.handler().variable(), false));
                }
            });
        }
        return out;
    }

    // ---- approvals ----

    /** Every pending approval of every running run, oldest gate first. */
    public List<Views.ApprovalView> approvals() {
        List<Views.ApprovalView> out = new ArrayList<>();
        for (Views.RunRow row : runs(null, "waiting_approval", null)) {
            try {
                out.addAll(run(row.runId()).pendingApprovals());
            } catch (RunNotFoundException gone) {
                // ended and forgotten between the two calls
            }
        }
        out.sort((a, b) -> String.valueOf(a.since()).compareTo(String.valueOf(b.since())));
        return out;
    }

    private Views.ApprovalView approval(String runId, RunDescription d, PendingApproval p, ControlFlowGraph graph,
                                        PinnedDefinition pinned, List<String> source, JsonNode inputs) {
        List<Views.ProposedCall> calls = new ArrayList<>();
        if (graph != null) {
            for (FlowNode n : callsAfterGate(graph, p.gate())) {
                Step.CallStep call = (Step.CallStep) n.step();
                String line = pinned == null ? null : pinned.sourceLines().get(n.path());
                Map<String, String> args = new LinkedHashMap<>();
                call.call().args().forEach((k, v) -> args.put(k, ExpressionText.print(v)));
                JsonNode preview = null;
                String note;
                try {
                    preview = preview(call.call().args(), inputs);
                    note = "evaluated from the run's inputs";
                } catch (RuntimeException needsRunValues) {
                    note = "depends on values computed during the run: shown as written in the plan";
                }
                var tool = graph.definition().tool(call.call().tool());
                calls.add(new Views.ProposedCall(call.call().tool(), tool == null ? null : tool.kind(),
                        n.effect() == null ? null : lower(n.effect().name()), n.needsApproval(), n.path(), line,
                        lineText(source, line), args, preview, note));
            }
        }
        return new Views.ApprovalView(runId, d.agent(), d.version(), p.gate(), p.prompt(), p.approvers(), p.since(),
                p.deadline(), p.stepPath(), p.line(), lineText(source, p.line()), calls);
    }

    /** The first calls reachable from the gate when it is approved (what "Approve" lets happen next). */
    static List<FlowNode> callsAfterGate(ControlFlowGraph graph, String gate) {
        String name = gate.contains("#") ? gate.substring(0, gate.indexOf('#')) : gate;
        List<FlowNode> out = new ArrayList<>();
        for (FlowNode gateNode : graph.nodes()) {
            if (gateNode.kind() != NodeKind.APPROVE || !(gateNode.step() instanceof Step.ApproveStep a) || !a.name().equals(name)) {
                continue;
            }
            Deque<FlowNode> todo = new ArrayDeque<>();
            Set<FlowNode> seen = new HashSet<>();
            for (FlowEdge e : graph.outgoing(gateNode)) {
                if (e.label() == EdgeLabel.APPROVED || (!e.abrupt() && e.label() == EdgeLabel.NEXT)) {
                    todo.add(e.to());
                }
            }
            while (!todo.isEmpty() && seen.size() < 200) {
                FlowNode n = todo.poll();
                if (!seen.add(n)) {
                    continue;
                }
                if (n.kind() == NodeKind.CALL && n.step() instanceof Step.CallStep) {
                    if (!out.contains(n)) {
                        out.add(n);
                    }
                    continue;
                }
                if (n.kind() == NodeKind.APPROVE || n.kind() == NodeKind.EXIT || n.kind() == NodeKind.FAILURE) {
                    continue;
                }
                for (FlowEdge e : graph.outgoing(n)) {
                    if (!e.abrupt() && e.label() != EdgeLabel.ERROR && !e.back()) {
                        todo.add(e.to());
                    }
                }
            }
        }
        return out;
    }

    /** The arguments evaluated from the run's inputs alone; throws when one needs a value the run computes. */
    private static JsonNode preview(Map<String, Expr> args, JsonNode inputs) {
        Bindings onlyInputs = new Bindings() {
            @Override
            public JsonNode input() {
                return inputs == null ? ConsoleJson.MAPPER.createObjectNode() : inputs;
            }

            @Override
            public JsonNode lookup(String name) {
                throw new IllegalStateException("needs " + name);
            }
        };
        Evaluator evaluator = new Evaluator(System::currentTimeMillis);
        var out = ConsoleJson.MAPPER.createObjectNode();
        args.forEach((k, v) -> out.set(k, evaluator.evaluate(v, onlyInputs)));
        return out;
    }

    /** The inputs as the run sees them: those given, and each missing one's default (as the run's input check fills them). */
    private static JsonNode withDefaults(AgentDefinition plan, JsonNode given) {
        var out = given != null && given.isObject() ? ((com.fasterxml.jackson.databind.node.ObjectNode) given).deepCopy()
                : ConsoleJson.MAPPER.createObjectNode();
        if (plan == null) {
            return out;
        }
        Evaluator evaluator = new Evaluator(System::currentTimeMillis);
        for (var decl : plan.inputs()) {
            if (!out.has(decl.name()) && decl.defaultValue() != null) {
                try {
                    out.set(decl.name(), evaluator.evaluate(decl.defaultValue(), Bindings.of(out, Map.of())));
                } catch (RuntimeException unknown) {
                    // left out: a preview that needs it says it depends on the run
                }
            }
        }
        return out;
    }

    // ---- definitions ----

    public List<Views.AgentSummary> definitions() {
        List<Views.AgentSummary> out = new ArrayList<>();
        for (String name : repo.agents()) {
            List<DeployedVersion> versions = repo.versions(name);
            Integer latest = versions.isEmpty() ? null : versions.get(versions.size() - 1).version();
            String description = null;
            if (latest != null) {
                try {
                    description = repo.get(name, latest).plan().description();
                } catch (RuntimeException unreadable) {
                    description = null;
                }
            }
            out.add(new Views.AgentSummary(name, versions.size(), latest, repo.tags(name), description));
        }
        return out;
    }

    /** One agent: its versions and tags, and the source of one version (the latest when null). */
    public Views.DefinitionView definition(String name, Integer version) {
        List<Views.VersionView> versions = new ArrayList<>();
        for (DeployedVersion v : repo.versions(name)) {
            versions.add(new Views.VersionView(v.version(), v.sha256(), iso(v.deployedAt()), v.author(), v.message()));
        }
        StoredDefinition stored = version == null ? repo.resolve(name) : repo.get(name, version);
        return new Views.DefinitionView(name, versions, repo.tags(name), stored.version().version(), stored.sourceFileName(),
                stored.sourceText() == null ? List.of() : List.of(stored.sourceText().split("\n", -1)));
    }

    public String definitionSvg(String name, int version) {
        return GraphSvg.render(graph(repo.get(name, version).plan()), Map.of());
    }

    /** The semantic diff of two deployed versions (refs: NAME@V or NAME@TAG), with what it means for running runs of A. */
    public Views.DiffView diff(String fromRef, String toRef) {
        StoredDefinition a = repo.resolve(fromRef);
        StoredDefinition b = repo.resolve(toRef);
        DiffReport report = new PlanDiff(BuiltinTools.withDiscoveredTools().kinds()).diff(a.plan(), b.plan())
                .withLabels(a.version().ref(), b.version().ref());
        List<String> risks = report.risks().stream().map(r -> r.kind() + " at " + r.path() + ": " + r.message()).toList();
        StepVerdict first = report.firstDivergence();
        String verdict = report.isEmpty() ? "no changes: every run of " + a.version().ref() + " can continue under " + b.version().ref()
                : first == null ? "runs of " + a.version().ref() + " paused at any step can continue under " + b.version().ref()
                : "runs of " + a.version().ref() + " paused at or after step " + first.path() + " cannot continue under "
                        + b.version().ref() + ": step " + first.divergesAt() + " differs (" + first.reason() + ")";
        List<Views.InFlight> inFlight = new ArrayList<>();
        for (Views.RunRow row : runs(a.name(), "running", null)) {
            if (row.version() != null && row.version() == a.version().version() && row.currentStep() != null) {
                StepVerdict v = report.compatibleAt(row.currentStep());
                inFlight.add(new Views.InFlight(row.runId(), row.currentStep(), v.compatible(),
                        v.compatible() ? "can continue" : "step " + v.divergesAt() + " differs (" + v.reason() + ")"));
            }
        }
        JsonNode json;
        try {
            json = ConsoleJson.MAPPER.readTree(report.toJson());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return new Views.DiffView(a.version().ref(), b.version().ref(), report.isEmpty(), report.isBreaking(), first == null,
                report.toText(false), json, risks, verdict, inFlight);
    }

    // ---- helpers ----

    static ControlFlowGraph graph(AgentDefinition plan) {
        return ControlFlowGraph.build(plan, BuiltinTools.withDiscoveredTools().kinds());
    }

    private static AgentDefinition planOf(PinnedDefinition pinned) {
        if (pinned == null || pinned.canonicalJson() == null) {
            return null;
        }
        try {
            ParseResult read = JsonPlanCodec.decode(pinned.name() + ".json", pinned.canonicalJson());
            return read.hasErrors() ? null : read.definition();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** The deployed source of the pinned version when the repository has the same content; else none. */
    private List<String> sourceOf(PinnedDefinition pinned) {
        if (pinned == null || pinned.version() <= 0) {
            return List.of();
        }
        try {
            StoredDefinition stored = repo.get(pinned.name(), pinned.version());
            if (stored.sha256().equals(pinned.sha256()) && stored.sourceText() != null) {
                return List.of(stored.sourceText().split("\n", -1));
            }
        } catch (RuntimeException notHere) {
            // deployed to another repository: lines are still named, without their text
        }
        return List.of();
    }

    /** The text of {@code file.agent:LINE}, or null. */
    static String lineText(List<String> source, String line) {
        if (line == null || source.isEmpty()) {
            return null;
        }
        int colon = line.lastIndexOf(':');
        try {
            int n = Integer.parseInt(line.substring(colon + 1));
            return n >= 1 && n <= source.size() ? source.get(n - 1).strip() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
