/**
 * The worker side of a tool call: {@link dev.agentplan.runtime.tools.activity.ToolActivity} runs a
 * {@link dev.agentplan.runtime.tools.Tool} as a Temporal activity, with secrets resolved and
 * redacted. It sits above the tool SPI ({@code runtime.tools}), the secret sources
 * ({@code tools.secrets}) and the built-ins ({@code tools.builtin}, {@code tools.mcp}); none of
 * them depends on it, so the tool packages have no cycle ({@code PackageCyclesTest}).
 */
package dev.agentplan.runtime.tools.activity;
