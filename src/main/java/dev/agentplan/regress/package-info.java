/**
 * {@code agentplan regress}: a candidate plan re-run against recorded runs of a deployed version.
 * Each recording ({@link dev.agentplan.server.RecordedRun}) gives the inputs, the decisions and
 * signals (with their place among the calls) and the answer of every tool call; the candidate runs
 * on the plan-test machinery (the real interpreter on a time-skipping test server, tools answered
 * by {@link dev.agentplan.regress.RecordingAnswers}) and each run gets a {@link dev.agentplan.regress.RunVerdict}.
 */
package dev.agentplan.regress;
