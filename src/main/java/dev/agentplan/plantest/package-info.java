/**
 * Plan tests ({@code agentplan test}): cases from {@code NAME.test.json} files run on the real
 * interpreter workflow, on an in-process Temporal test server whose clock skips ahead, with every
 * activity answered by a script ({@link dev.agentplan.plantest.ScriptedTools}); expectations are
 * compared ({@link dev.agentplan.plantest.Verdicts}) and plan coverage is measured by step and
 * branch outcome ({@link dev.agentplan.plantest.Coverage}).
 */
package dev.agentplan.plantest;
