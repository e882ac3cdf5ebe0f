// agentplan console: refreshes live views and posts decisions and signals with the page's CSRF token.
// Plain script, no build step and no library: the pages are rendered on the server.
"use strict";
(function () {
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrf = csrfMeta ? csrfMeta.content : "";
  const POLL_MS = 2000;

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
  }
  function time(iso) {
    return iso && iso.length >= 19 ? iso.substring(0, 10) + " " + iso.substring(11, 19) + " UTC" : (iso || "");
  }
  function ref(agent, version) {
    if (!agent) return "?";
    return version == null || version <= 0 ? agent : agent + "@" + version;
  }
  async function post(url, body) {
    const r = await fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify(body)
    });
    let data = {};
    try { data = await r.json(); } catch (e) { data = {message: "HTTP " + r.status}; }
    return {ok: r.ok, status: r.status, data: data};
  }

  // ---- the runs list, live ----
  const runs = document.getElementById("runs");
  if (runs) {
    const live = document.getElementById("live");
    const params = new URLSearchParams(window.location.search);
    async function refresh() {
      try {
        const r = await fetch("/api/runs?" + params.toString(), {credentials: "same-origin"});
        if (!r.ok) { live.textContent = "offline (HTTP " + r.status + ")"; return; }
        const data = await r.json();
        const body = runs.querySelector("tbody");
        body.innerHTML = data.runs.map(row =>
          '<tr data-run="' + esc(row.runId) + '"><td><a href="/runs/' + encodeURIComponent(row.runId) + '">' + esc(row.runId) +
          '</a></td><td><span class="state ' + esc(row.state) + '">' + esc(String(row.state).replace(/_/g, " ")) + "</span></td><td>" +
          esc(ref(row.agent, row.version)) + "</td><td>" + esc(time(row.startedAt)) + "</td><td>" +
          esc(row.currentStep ? row.currentStep + (row.currentLine ? " (" + row.currentLine + ")" : "") : "") + "</td><td>" +
          esc(row.waitingFor) + "</td></tr>").join("");
        const empty = document.getElementById("no-runs");
        if (empty) empty.hidden = data.runs.length > 0;
        live.textContent = "live · " + new Date().toLocaleTimeString();
      } catch (e) {
        live.textContent = "offline";
      }
    }
    setInterval(refresh, POLL_MS);
  }

  // ---- one run: reload when it moves on ----
  const run = document.getElementById("run");
  function fingerprint(v) {
    let f = v.state;
    (v.currentSteps || []).forEach(s => { f += "|" + s.path + (s.waitingFor == null ? "null" : s.waitingFor); });
    (v.pendingApprovals || []).forEach(a => { f += "|gate " + a.gate; });
    return f + "|" + (v.stepsLogged || 0);
  }
  if (run) {
    const id = run.dataset.run;
    const shown = run.dataset.fingerprint;
    async function check() {
      try {
        const r = await fetch("/api/runs/" + encodeURIComponent(id), {credentials: "same-origin"});
        if (!r.ok) return;
        const v = await r.json();
        const typing = Array.from(document.querySelectorAll("textarea")).some(t => t === document.activeElement);
        if (fingerprint(v) !== shown && !typing) window.location.reload();
      } catch (e) { /* the next poll tries again */ }
    }
    setInterval(check, POLL_MS);
  }

  // ---- approvals page: reload when the set of pending gates changes ----
  const approvals = document.getElementById("approvals");
  if (approvals) {
    setInterval(async () => {
      try {
        const r = await fetch("/api/approvals", {credentials: "same-origin"});
        if (!r.ok) return;
        const data = await r.json();
        const typing = Array.from(document.querySelectorAll("textarea")).some(t => t === document.activeElement);
        if (String(data.approvals.length) !== approvals.dataset.liveCount && !typing) window.location.reload();
      } catch (e) { /* next time */ }
    }, POLL_MS);
  }

  // ---- Approve / Reject ----
  document.querySelectorAll("form.decide").forEach(form => {
    form.addEventListener("submit", async ev => {
      ev.preventDefault();
      const decision = ev.submitter ? ev.submitter.value : "approve";
      const answer = form.querySelector(".answer");
      form.querySelectorAll("button").forEach(b => { b.disabled = true; });
      answer.className = "answer";
      answer.textContent = "sending…";
      const res = await post(form.dataset.action, {decision: decision, comment: form.comment.value});
      if (res.ok) {
        answer.classList.add("ok");
        answer.textContent = res.data.answer + " as " + res.data.by;
      } else {
        answer.classList.add("refused");
        answer.textContent = (res.status === 409 ? "refused by the run: " : "not sent: ") + (res.data.message || res.data.error);
        form.querySelectorAll("button").forEach(b => { b.disabled = false; });
      }
    });
  });

  // ---- signals ----
  const signal = document.getElementById("signal-form");
  if (signal) {
    signal.addEventListener("submit", async ev => {
      ev.preventDefault();
      const answer = signal.querySelector(".answer");
      answer.className = "answer";
      let payload;
      try {
        payload = JSON.parse(signal.payload.value);
      } catch (e) {
        answer.classList.add("refused");
        answer.textContent = "the payload is not valid JSON: " + e.message;
        return;
      }
      const res = await post(signal.dataset.action + encodeURIComponent(signal.name.value), {payload: payload});
      answer.classList.add(res.ok ? "ok" : "refused");
      answer.textContent = res.ok ? res.data.answer : "not sent: " + (res.data.message || res.data.error);
    });
  }
})();
