package dev.agentplan.runtime.tools.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.runtime.tools.JsonSizeCap;
import dev.agentplan.runtime.tools.RetryJitter;
import dev.agentplan.runtime.tools.Tool;
import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.runtime.tools.ToolCallResult;
import dev.agentplan.runtime.tools.ToolContext;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.ToolRegistry;
import dev.agentplan.runtime.tools.ToolResult;
import dev.agentplan.runtime.tools.WorkerConfig;
import dev.agentplan.runtime.tools.builtin.BuiltinTools;
import dev.agentplan.runtime.tools.secrets.CallSecrets;
import dev.agentplan.runtime.tools.secrets.Redactor;
import dev.agentplan.runtime.tools.secrets.SecretResolver;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.DynamicActivity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;

/**
 * Runs every tool call as a Temporal activity whose type is the tool kind's name ({@code http},
 * {@code exec}, {@code llm.chat}, …). Register one instance per worker with
 * {@code worker.registerActivitiesImplementations(new ToolActivity())}; the workflow calls
 * {@code Workflow.newUntypedActivityStub(options).execute(kind, ToolCallResult.class, request)}.
 *
 * <p>Failures reach the workflow as {@link ApplicationFailure}s: a {@link ToolFailure} keeps its
 * type, retryability, details and Retry-After; any other exception is a retryable
 * {@code ToolError}; a kind this worker does not have is a non-retryable {@code UnknownTool}; an
 * input that is not a {@link ToolCallRequest} is a non-retryable {@code InvalidArguments}. A result
 * over the size cap or marked {@code truncated} is a non-retryable {@code ResultTooLarge} unless the
 * call passes {@code accept_truncated: true} ({@link JsonSizeCap#checkResult}).
 *
 * <p>Secrets: the run's secret references in the arguments are replaced by their values just
 * before the tool runs (an unknown name is a non-retryable {@code SecretNotFound}), and every
 * value resolved for the call, plus the worker's own credentials, is redacted from the result,
 * failure messages, failure details and heartbeats before they leave the activity.
 */
public final class ToolActivity implements DynamicActivity {

    private final ToolRegistry registry;
    private final WorkerConfig config;
    private final SecretResolver secrets;

    /** Built-in and discovered tools, configured from system properties and environment variables. */
    public ToolActivity() {
        this(BuiltinTools.withDiscoveredTools(), WorkerConfig.fromEnvironment());
    }

    /** These tools, with the built-in secret sources and the plugins on the class path. */
    public ToolActivity(ToolRegistry registry, WorkerConfig config) {
        this(registry, config, SecretResolver.discover(config));
    }

    public ToolActivity(ToolRegistry registry, WorkerConfig config, SecretResolver secrets) {
        this.registry = registry;
        this.config = config;
        this.secrets = secrets;
    }

    public ToolRegistry registry() {
        return registry;
    }

    @Override
    public Object execute(EncodedValues args) {
        ActivityExecutionContext execution = Activity.getExecutionContext();
        String kind = execution.getInfo().getActivityType();
        ToolCallRequest request;
        try {
            request = args.getSize() > 0 ? args.get(0, ToolCallRequest.class) : null;
        } catch (DataConverterException e) {
            request = null;
        }
        if (request == null) {
            throw ToolFailures.invalidRequest("activity '" + kind + "' needs one ToolCallRequest as its input");
        }
        try {
            return call(kind, request, new ActivityToolContext(execution, request, config));
        } catch (ApplicationFailure failure) {
            jitter(failure, request, execution);
            throw failure;
        }
    }

    /** Sets a jittered next-retry delay on a retryable failure that has none (a Retry-After wins). */
    private static void jitter(ApplicationFailure failure, ToolCallRequest request, ActivityExecutionContext execution) {
        RetryJitter.Backoff backoff = request.retryJitter();
        if (backoff == null || failure.isNonRetryable() || failure.getNextRetryDelay() != null) {
            return;
        }
        failure.setNextRetryDelay(RetryJitter.delay(backoff.options(), execution.getInfo().getAttempt(),
                backoff.percent(), request.idempotencyKey()));
    }

    /** One attempt of a call, outside of Temporal's activity plumbing. */
    ToolCallResult call(String kind, ToolCallRequest request, ToolContext outer) {
        CallSecrets callSecrets = new CallSecrets(secrets, request.secretTag(), request.secretNames());
        ToolContext context = new SecretsToolContext(outer, callSecrets);
        if (request.kind() != null && !request.kind().equals(kind)) {
            throw ToolFailures.unknownTool("activity type '" + kind + "' does not match the request's kind '"
                    + request.kind() + "'");
        }
        Tool tool = registry.get(kind);
        if (tool == null) {
            throw ToolFailures.unknownTool("this worker has no tool kind '" + kind + "'");
        }
        Redactor redactor = callSecrets.redactor();
        JsonNode arguments = request.arguments();
        boolean acceptTruncated = false;
        if (arguments instanceof ObjectNode given && given.has(JsonSizeCap.ACCEPT_TRUNCATED)) {
            JsonNode flag = given.get(JsonSizeCap.ACCEPT_TRUNCATED);
            if (!flag.isBoolean()) {
                throw ToolFailures.invalidRequest(kind + ": argument '" + JsonSizeCap.ACCEPT_TRUNCATED
                        + "' must be true or false");
            }
            acceptTruncated = flag.booleanValue();
            ObjectNode rest = given.deepCopy();
            rest.remove(JsonSizeCap.ACCEPT_TRUNCATED); // the worker's option, not the tool's
            arguments = rest;
        }
        ToolResult result;
        try {
            arguments = callSecrets.resolveArguments(arguments);
            result = tool.invoke(arguments, context);
        } catch (ToolFailure failure) {
            throw ToolFailures.toApplicationFailure(redactor.redact(failure));
        } catch (ActivityCompletionException cancelledOrTimedOut) {
            throw cancelledOrTimedOut;
        } catch (ApplicationFailure alreadyTyped) {
            throw ToolFailures.redacted(alreadyTyped, redactor);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ToolFailures.redacted(ToolFailures.unexpected(kind, e), redactor);
        } catch (Exception e) {
            throw ToolFailures.redacted(ToolFailures.unexpected(kind, e), redactor);
        }
        JsonNode value = result == null || result.value() == null ? NullNode.getInstance()
                : redactor.redact(result.value());
        BigDecimal cost = result == null ? BigDecimal.ZERO : result.cost();
        try {
            value = JsonSizeCap.checkResult(request.tool() == null ? kind : request.tool(), kind, value, acceptTruncated);
        } catch (ToolFailure tooLarge) {
            throw ToolFailures.toApplicationFailure(tooLarge);
        }
        return new ToolCallResult(value, cost, context.attempt());
    }
}
