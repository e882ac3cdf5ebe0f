/**
 * Tools as Temporal activities.
 *
 * <p>Every tool call is one activity whose type is the tool kind's name ({@code http},
 * {@code exec}, {@code llm.chat}, {@code echo}, {@code fail}, {@code sleep}, or a plugin's kind).
 * Its input is a {@link dev.agentplan.runtime.tools.ToolCallRequest} and its output a
 * {@link dev.agentplan.runtime.tools.ToolCallResult}; {@link dev.agentplan.runtime.tools.activity.ToolActivity}
 * is the one dynamic activity that runs them all, and
 * {@link dev.agentplan.runtime.tools.ToolActivityOptions} turns a tool's policy into activity options.
 *
 * <p>To add a tool kind: implement {@link dev.agentplan.runtime.tools.Tool}, list the class in
 * {@code META-INF/services/dev.agentplan.runtime.tools.Tool} of a jar, and put the jar on the
 * worker's classpath. Throw {@link dev.agentplan.runtime.tools.ToolFailure} for failures plans may
 * catch; read endpoints and secrets with {@link dev.agentplan.runtime.tools.ToolContext#config},
 * never from arguments. A tool that cuts its output at a cap says so with a top-level
 * {@code "truncated": true} in its result: the worker then fails the call with
 * {@code ResultTooLarge} unless the call passed {@code accept_truncated: true}
 * ({@link dev.agentplan.runtime.tools.JsonSizeCap}); results over 256 KiB are treated the same way.
 */
package dev.agentplan.runtime.tools;
