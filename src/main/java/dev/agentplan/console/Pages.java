package dev.agentplan.console;

import static dev.agentplan.console.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.api.ActiveStep;
import dev.agentplan.runtime.api.ApprovalRecord;
import dev.agentplan.runtime.api.BudgetUse;
import dev.agentplan.runtime.api.ToolCallSummary;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The console's pages, rendered on the server from the API's views (the page script only refreshes and posts). */
final class Pages {

    private Pages() {
    }

    static String login(String message, String next) {
        StringBuilder b = new StringBuilder("<section class=\"login\"><h1>Sign in</h1>");
        if (message != null) {
            b.append("<p class=\"error\" id=\"login-error\">").append(esc(message)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/login\">")
                .append("<input type=\"hidden\" name=\"next\" value=\"").append(esc(next == null ? "/runs" : next)).append("\">")
                .append("<label>User <input name=\"user\" id=\"user\" autocomplete=\"username\" required></label>")
                .append("<label>Password or token <input name=\"password\" id=\"password\" type=\"password\" "
                        + "autocomplete=\"current-password\" required></label>")
                .append("<button type=\"submit\" id=\"login\">Sign in</button></form></section>");
        return Html.page("Sign in", "", null, null, b.toString());
    }

    // ---- runs ----

    static String runs(List<Views.RunRow> rows, String agent, String state, String text) {
        StringBuilder b = new StringBuilder("<h1>Runs</h1>");
        b.append("<form class=\"filters\" id=\"run-filters\" method=\"get\" action=\"/runs\">")
                .append("<input name=\"q\" placeholder=\"run id or agent\" value=\"").append(esc(text)).append("\">")
                .append("<input name=\"agent\" placeholder=\"agent\" value=\"").append(esc(agent)).append("\">")
                .append("<select name=\"state\">");
        for (String s : new String[] {"", "running", "waiting_approval", "waiting_signal", "waiting_timer", "completed",
            "failed", "cancelled", "terminated", "timed_out"}) {
            b.append("<option value=\"").append(s).append("\"").append(s.equals(state == null ? "" : state) ? " selected" : "")
                    .append(">").append(s.isEmpty() ? "any state" : s).append("</option>");
        }
        b.append("</select><button type=\"submit\">Filter</button><span class=\"live\" id=\"live\">live</span></form>");
        b.append("<table class=\"runs\" id=\"runs\" data-live=\"/api/runs\"><thead><tr><th>run</th><th>state</th>"
                + "<th>agent@version</th><th>started</th><th>current step</th><th>waiting for</th></tr></thead><tbody>");
        for (Views.RunRow r : rows) {
            b.append(runRow(r));
        }
        b.append("</tbody></table>");
        if (rows.isEmpty()) {
            b.append("<p class=\"empty\" id=\"no-runs\">No runs yet: <code>agentplan run NAME --detach</code></p>");
        }
        return b.toString();
    }

    static String runRow(Views.RunRow r) {
        return "<tr data-run=\"" + esc(r.runId()) + "\"><td><a href=\"/runs/" + path(r.runId()) + "\">" + esc(r.runId())
                + "</a></td><td>" + badge(r.state()) + "</td><td>" + esc(ref(r.agent(), r.version())) + "</td><td>"
                + esc(time(r.startedAt())) + "</td><td>" + esc(r.currentStep() == null ? "" : r.currentStep()
                + (r.currentLine() == null ? "" : " (" + r.currentLine() + ")")) + "</td><td>" + esc(r.waitingFor()) + "</td></tr>";
    }

    // ---- one run ----

    static String run(Views.RunView v, String svg, String me) {
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"run\" id=\"run\" data-run=\"").append(esc(v.runId())).append("\" data-fingerprint=\"")
                .append(esc(fingerprint(v))).append("\">");
        b.append("<h1>run ").append(esc(v.runId())).append(" ").append(badge(v.state())).append("</h1>");
        b.append("<p class=\"meta\">").append(v.agent() == null ? "" : "<a href=\"/definitions/" + path(v.agent())
                + (v.version() == null || v.version() <= 0 ? "" : "?version=" + v.version()) + "\">" + esc(ref(v.agent(), v.version())) + "</a>")
                .append(" · started ").append(esc(time(v.startedAt())))
                .append(v.closedAt() == null ? "" : " · ended " + esc(time(v.closedAt())))
                .append(v.sha256() == null ? "" : " · sha256 " + esc(v.sha256().substring(0, Math.min(12, v.sha256().length()))));
        if (v.temporalWebUi() != null) {
            b.append(" · <a id=\"web-ui\" href=\"").append(esc(v.temporalWebUi())).append("\">open in Temporal Web UI</a>");
        }
        b.append("</p>");
        for (Views.ApprovalView a : v.pendingApprovals()) {
            b.append(approval(a, me, false));
        }
        b.append("<div class=\"columns\"><section class=\"graph\"><h2>Plan</h2><p class=\"legend\"><span class=\"key done\">done</span>"
                + "<span class=\"key current\">current</span><span class=\"key failed\">failed</span></p><div id=\"graph\">")
                .append(svg).append("</div></section><section class=\"side\">");
        if (!v.currentSteps().isEmpty()) {
            b.append("<h2>Now</h2><ul class=\"now\" id=\"current-steps\">");
            for (ActiveStep s : v.currentSteps()) {
                b.append("<li><strong>").append(esc(s.path())).append("</strong> ").append(esc(s.kind()))
                        .append(s.line() == null ? "" : " at " + esc(s.line()))
                        .append(s.waitingFor() == null ? "" : " · waiting for " + esc(s.waitingFor())).append("</li>");
            }
            b.append("</ul>");
        }
        if (v.output() != null) {
            b.append("<h2>Output</h2><pre class=\"json\" id=\"output\">").append(esc(pretty(v.output()))).append("</pre>");
        }
        if (v.error() != null) {
            b.append("<h2>Error</h2><p class=\"error\" id=\"run-error\">").append(esc(v.error().type())).append(": ")
                    .append(esc(v.error().message())).append(v.error().line() == null ? "" : " (step " + esc(v.error().step())
                    + " at " + esc(v.error().line()) + ")").append("</p>");
        }
        if (!v.budget().isEmpty()) {
            b.append("<h2>Budget</h2><table class=\"budget\">");
            for (BudgetUse u : v.budget()) {
                b.append("<tr><th>").append(esc(u.name())).append("</th><td>");
                if (u.limit() != null && u.limit().signum() > 0) {
                    b.append("<meter min=\"0\" max=\"").append(plain(u.limit())).append("\" value=\"").append(plain(u.used()))
                            .append("\" high=\"").append(plain(u.limit().multiply(new BigDecimal("0.8")))).append("\"></meter>");
                }
                b.append("</td><td>").append(plain(u.used())).append(u.limit() == null ? " (no limit)" : " of " + plain(u.limit()))
                        .append("</td></tr>");
            }
            b.append("</table>");
        }
        ToolCallSummary t = v.lastToolCall();
        if (t != null) {
            b.append("<h2>Last tool call</h2><dl class=\"call\" id=\"last-call\"><dt>tool</dt><dd>").append(esc(t.tool()))
                    .append(" (").append(esc(t.kind())).append(")</dd><dt>at</dt><dd>").append(esc(t.stepPath()))
                    .append(t.line() == null ? "" : " · " + esc(t.line())).append("</dd><dt>arguments</dt><dd><code>")
                    .append(esc(t.arguments())).append("</code></dd><dt>outcome</dt><dd>").append(esc(t.outcome()))
                    .append(t.attempts() > 1 ? " after " + t.attempts() + " attempts" : "").append("</dd>")
                    .append(t.result() == null ? "" : "<dt>result</dt><dd><code>" + esc(t.result()) + "</code></dd>").append("</dl>");
        }
        if (!v.decided().isEmpty()) {
            b.append("<h2>Decisions</h2><ul class=\"decisions\">");
            for (ApprovalRecord r : v.decided()) {
                b.append("<li>").append(esc(r.gate())).append(" ").append(r.approved() ? "approved" : "rejected")
                        .append(r.byTimeout() ? " by its timeout" : " by " + esc(r.approver()))
                        .append(r.comment() == null || r.comment().isBlank() ? "" : ": “" + esc(r.comment()) + "”")
                        .append(" · ").append(esc(time(r.at()))).append("</li>");
            }
            b.append("</ul>");
        }
        if (!v.signals().isEmpty() && "running".equals(v.execution())) {
            b.append(signalForm(v));
        }
        b.append("</section></div>");
        b.append("<h2>Step log</h2><table class=\"steps\" id=\"step-log\"><thead><tr><th>step</th><th>.agent line</th><th>kind</th>"
                + "<th>outcome</th><th>ended</th></tr></thead><tbody>");
        for (Views.StepLine s : v.stepLog()) {
            b.append("<tr><td>").append(esc(s.path())).append(s.iteration() == null || s.iteration().isEmpty() ? ""
                    : " <span class=\"dim\">[" + esc(s.iteration()) + "]</span>").append("</td><td><code>").append(esc(s.line()))
                    .append("</code>").append(s.sourceLine() == null ? "" : " <code class=\"src\">" + esc(s.sourceLine()) + "</code>")
                    .append("</td><td>").append(esc(s.kind())).append(s.tool() == null ? "" : " " + esc(s.tool()))
                    .append("</td><td>").append(esc(s.outcome())).append("</td><td>").append(esc(time(s.endedAt())))
                    .append("</td></tr>");
        }
        b.append("</tbody></table>");
        if (v.stepsLogged() > v.stepLog().size()) {
            b.append("<p class=\"dim\">the last ").append(v.stepLog().size()).append(" of ").append(v.stepsLogged())
                    .append(" steps; the history below has every call</p>");
        }
        b.append("<h2>Audit history</h2><p class=\"dim\">what <code>agentplan history ").append(esc(v.runId()))
                .append("</code> prints</p><pre class=\"history\" id=\"history\">").append(esc(v.history())).append("</pre>");
        b.append("</div>");
        return b.toString();
    }

    /** What changes when the run moves on: the page reloads itself when it differs. */
    static String fingerprint(Views.RunView v) {
        StringBuilder f = new StringBuilder(v.state());
        v.currentSteps().forEach(s -> f.append('|').append(s.path()).append(s.waitingFor()));
        v.pendingApprovals().forEach(a -> f.append("|gate ").append(a.gate()));
        f.append('|').append(v.stepsLogged());
        return f.toString();
    }

    static String approval(Views.ApprovalView a, String me, boolean withRun) {
        StringBuilder b = new StringBuilder("<section class=\"approval\" data-run=\"").append(esc(a.runId()))
                .append("\" data-gate=\"").append(esc(a.gate())).append("\">");
        b.append("<h2>Approval <code>").append(esc(a.gate())).append("</code>");
        if (withRun) {
            b.append(" on run <a href=\"/runs/").append(path(a.runId())).append("\">").append(esc(a.runId())).append("</a> ")
                    .append(esc(ref(a.agent(), a.version())));
        }
        b.append("</h2><p class=\"prompt\">").append(esc(a.prompt())).append("</p>");
        b.append("<p class=\"meta\">gate at step ").append(esc(a.path())).append(a.line() == null ? "" : " · " + esc(a.line()))
                .append(a.sourceLine() == null ? "" : " <code class=\"src\">" + esc(a.sourceLine()) + "</code>")
                .append(" · opened ").append(esc(time(a.since()))).append(" · deadline <strong class=\"deadline\">")
                .append(esc(a.deadline() == null ? "none" : time(a.deadline()))).append("</strong></p>");
        boolean anyone = a.approvers() == null || a.approvers().isEmpty();
        boolean allowed = anyone || a.approvers().contains(me);
        b.append("<p class=\"approvers\">who may decide: <strong>").append(anyone ? "anyone signed in"
                : esc(String.join(", ", a.approvers()))).append("</strong>");
        if (!allowed) {
            b.append(" <span class=\"warn\">(you, ").append(esc(me)).append(", are not on the list: the run will refuse your decision)</span>");
        }
        b.append("</p>");
        b.append("<h3>If approved, the run calls</h3>");
        if (a.proposedCalls().isEmpty()) {
            b.append("<p class=\"dim\">no tool call follows this gate directly</p>");
        }
        for (Views.ProposedCall c : a.proposedCalls()) {
            b.append("<div class=\"proposed\"><p><strong class=\"tool\">").append(esc(c.tool())).append("</strong> (")
                    .append(esc(c.kind())).append(") · effect <strong class=\"effect\">").append(esc(c.effect() == null ? "?" : c.effect()))
                    .append("</strong>").append(c.approvalRequired() ? " · <span class=\"warn\">needs approval</span>" : "")
                    .append(" · step ").append(esc(c.path())).append(c.line() == null ? "" : " · <code>" + esc(c.line()) + "</code>")
                    .append("</p>");
            if (c.sourceLine() != null) {
                b.append("<pre class=\"src-line\">").append(esc(c.sourceLine())).append("</pre>");
            }
            b.append("<table class=\"args\"><thead><tr><th>argument</th><th>as written</th>")
                    .append(c.preview() == null ? "" : "<th>value</th>").append("</tr></thead><tbody>");
            for (Map.Entry<String, String> arg : c.arguments().entrySet()) {
                b.append("<tr><th>").append(esc(arg.getKey())).append("</th><td><code>").append(esc(arg.getValue())).append("</code></td>");
                if (c.preview() != null) {
                    JsonNode value = c.preview().get(arg.getKey());
                    b.append("<td><code class=\"arg-value\">").append(esc(value == null ? "" : value.toString())).append("</code></td>");
                }
                b.append("</tr>");
            }
            b.append("</tbody></table><p class=\"dim\">").append(esc(c.previewNote())).append("</p></div>");
        }
        b.append("<form class=\"decide\" data-action=\"/api/runs/").append(path(a.runId())).append("/approvals/")
                .append(path(a.gate())).append("\"><label>Comment <textarea name=\"comment\" rows=\"2\"></textarea></label>")
                .append("<button type=\"submit\" name=\"decision\" value=\"approve\" class=\"approve\">Approve</button>")
                .append("<button type=\"submit\" name=\"decision\" value=\"reject\" class=\"reject\">Reject</button>")
                .append("<p class=\"answer\" role=\"status\"></p></form></section>");
        return b.toString();
    }

    private static String signalForm(Views.RunView v) {
        StringBuilder b = new StringBuilder("<h2>Send a signal</h2><form class=\"signal\" id=\"signal-form\" data-action=\"/api/runs/")
                .append(path(v.runId())).append("/signals/\"><label>Signal <select name=\"name\">");
        for (Views.SignalView s : v.signals()) {
            b.append("<option value=\"").append(esc(s.name())).append("\">").append(esc(s.name())).append(" — ")
                    .append(esc(s.via())).append(s.variable() == null ? "" : " as " + esc(s.variable())).append(": ")
                    .append(esc(s.type())).append(s.active() ? " (active)" : "").append("</option>");
        }
        b.append("</select></label><label>Payload (JSON) <textarea name=\"payload\" rows=\"3\">null</textarea></label>")
                .append("<button type=\"submit\">Send</button><p class=\"answer\" role=\"status\"></p></form>");
        return b.toString();
    }

    // ---- approvals ----

    static String approvals(List<Views.ApprovalView> list, String me) {
        StringBuilder b = new StringBuilder("<h1>Pending approvals</h1><div id=\"approvals\" data-live-count=\"")
                .append(list.size()).append("\">");
        if (list.isEmpty()) {
            b.append("<p class=\"empty\">Nothing waits for a decision.</p>");
        }
        for (Views.ApprovalView a : list) {
            b.append(approval(a, me, true));
        }
        return b.append("</div>").toString();
    }

    // ---- definitions ----

    static String definitions(List<Views.AgentSummary> agents) {
        StringBuilder b = new StringBuilder("<h1>Definitions</h1><table class=\"defs\" id=\"definitions\"><thead><tr><th>agent</th>"
                + "<th>versions</th><th>latest</th><th>tags</th><th>description</th></tr></thead><tbody>");
        for (Views.AgentSummary a : agents) {
            b.append("<tr><td><a href=\"/definitions/").append(path(a.name())).append("\">").append(esc(a.name()))
                    .append("</a></td><td>").append(a.versions()).append("</td><td>").append(a.latest() == null ? "" : a.latest())
                    .append("</td><td>").append(tags(a.tags())).append("</td><td>").append(esc(a.description())).append("</td></tr>");
        }
        b.append("</tbody></table>");
        if (agents.isEmpty()) {
            b.append("<p class=\"empty\">Nothing deployed: <code>agentplan deploy FILE</code></p>");
        }
        return b.toString();
    }

    static String definition(Views.DefinitionView d, String svg) {
        StringBuilder b = new StringBuilder("<h1>").append(esc(d.name())).append("@").append(d.version()).append("</h1>");
        b.append("<p class=\"meta\">tags ").append(tags(d.tags())).append(d.sourceFile() == null ? "" : " · from " + esc(d.sourceFile()))
                .append("</p>");
        b.append("<table class=\"versions\"><thead><tr><th>version</th><th>deployed</th><th>by</th><th>message</th><th>sha256</th></tr>"
                + "</thead><tbody>");
        for (Views.VersionView v : d.versions()) {
            b.append("<tr").append(v.version() == d.version() ? " class=\"selected\"" : "").append("><td><a href=\"/definitions/")
                    .append(path(d.name())).append("?version=").append(v.version()).append("\">").append(v.version()).append("</a></td><td>")
                    .append(esc(time(v.deployedAt()))).append("</td><td>").append(esc(v.author())).append("</td><td>")
                    .append(esc(v.message())).append("</td><td><code>").append(esc(v.sha256().substring(0, 12))).append("</code></td></tr>");
        }
        b.append("</tbody></table>");
        if (d.versions().size() > 1) {
            b.append("<form class=\"diff-form\" method=\"get\" action=\"/definitions/").append(path(d.name()))
                    .append("/diff\">Compare <select name=\"from\">");
            for (Views.VersionView v : d.versions()) {
                b.append("<option value=\"").append(v.version()).append("\"").append(v.version() == d.versions().get(d.versions().size() - 2).version()
                        ? " selected" : "").append(">").append(v.version()).append("</option>");
            }
            b.append("</select> with <select name=\"to\">");
            for (Views.VersionView v : d.versions()) {
                b.append("<option value=\"").append(v.version()).append("\"").append(v.version() == d.version() ? " selected" : "")
                        .append(">").append(v.version()).append("</option>");
            }
            b.append("</select> <button type=\"submit\">Diff</button></form>");
        }
        b.append("<div class=\"columns\"><section><h2>Source</h2><table class=\"source\" id=\"source\"><tbody>");
        for (int i = 0; i < d.sourceLines().size(); i++) {
            b.append("<tr id=\"L").append(i + 1).append("\"><td class=\"ln\">").append(i + 1).append("</td><td><code>")
                    .append(esc(d.sourceLines().get(i))).append("</code></td></tr>");
        }
        b.append("</tbody></table></section><section class=\"graph\"><h2>Flow</h2>").append(svg).append("</section></div>");
        return b.toString();
    }

    static String diff(String name, Views.DiffView d) {
        StringBuilder b = new StringBuilder("<h1>").append(esc(d.from())).append(" → ").append(esc(d.to())).append("</h1>");
        b.append("<p class=\"verdict ").append(d.pausedRunsMove() ? "ok" : "bad").append("\" id=\"verdict\">").append(esc(d.verdict())).append("</p>");
        b.append("<h2>Risks</h2>");
        if (d.risks().isEmpty()) {
            b.append("<p class=\"dim\">none flagged</p>");
        } else {
            b.append("<ul class=\"risks\" id=\"risks\">");
            d.risks().forEach(r -> b.append("<li>").append(esc(r)).append("</li>"));
            b.append("</ul>");
        }
        b.append("<h2>Runs in flight on ").append(esc(d.from())).append("</h2>");
        if (d.inFlight().isEmpty()) {
            b.append("<p class=\"dim\">none running</p>");
        } else {
            b.append("<table><thead><tr><th>run</th><th>at step</th><th>under ").append(esc(d.to())).append("</th></tr></thead><tbody>");
            for (Views.InFlight f : d.inFlight()) {
                b.append("<tr><td><a href=\"/runs/").append(path(f.runId())).append("\">").append(esc(f.runId())).append("</a></td><td>")
                        .append(esc(f.step())).append("</td><td class=\"").append(f.compatible() ? "ok" : "bad").append("\">")
                        .append(esc(f.reason())).append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        b.append("<h2>Changes</h2><pre class=\"diff\" id=\"diff\">").append(esc(d.text())).append("</pre>");
        b.append("<p><a href=\"/definitions/").append(path(name)).append("\">back to ").append(esc(name)).append("</a></p>");
        return b.toString();
    }

    static String error(String message) {
        return "<h1>Not available</h1><p class=\"error\" id=\"page-error\">" + esc(message) + "</p>";
    }

    // ---- small parts ----

    static String badge(String state) {
        String s = state == null ? "unknown" : state;
        return "<span class=\"state " + esc(s) + "\">" + esc(s.replace('_', ' ')) + "</span>";
    }

    private static String tags(Map<String, Integer> tags) {
        StringBuilder b = new StringBuilder();
        tags.forEach((t, v) -> b.append("<span class=\"tag\">").append(esc(t)).append("→").append(v).append("</span> "));
        return b.toString();
    }

    static String ref(String agent, Integer version) {
        if (agent == null) {
            return "?";
        }
        return version == null || version <= 0 ? agent : agent + "@" + version;
    }

    static String time(String iso) {
        if (iso == null) {
            return "";
        }
        return iso.length() >= 19 ? iso.substring(0, 10) + " " + iso.substring(11, 19) + " UTC" : iso;
    }

    private static String plain(BigDecimal d) {
        return d == null ? "0" : d.stripTrailingZeros().toPlainString();
    }

    static String pretty(JsonNode node) {
        try {
            return ConsoleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(node);
        }
    }

    static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
