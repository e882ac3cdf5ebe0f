/**
 * The wire contract of a run: the records that cross the worker boundary as Temporal payloads
 * (the interpreter workflow's result, status query, update and signal arguments, and what they
 * contain) and that clients (cli, server, console, regress, plantest) read. Their JSON field names
 * are what recorded histories hold, so renaming a component is a wire change. Plain data: this
 * package depends on no other agentplan package. {@code RunRequest} stays in {@code runtime}
 * because it carries the interpreter's own {@code InterpreterState} for continue-as-new.
 */
package dev.agentplan.runtime.api;
