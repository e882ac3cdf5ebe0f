package dev.agentplan.runtime.tools.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.tools.Arguments;
import dev.agentplan.runtime.tools.Tool;
import dev.agentplan.runtime.tools.ToolConfigKeys;
import dev.agentplan.runtime.tools.ToolContext;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.ToolJson;
import dev.agentplan.runtime.tools.ToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * {@code llm.chat}: one OpenAI-compatible chat completion. Endpoint, model and key come only from
 * the worker's configuration, so a plan cannot redirect calls or read the key. The result is
 * {@code {content, json, tool_calls, usage, model, finish_reason}}; the cost is total tokens times
 * the configured price per 1000 tokens.
 */
public final class LlmChatTool implements Tool {

    public static final String LLM_ERROR = "LlmError";
    public static final String NOT_CONFIGURED = "LlmNotConfigured";

    /** Largest completion response read. */
    static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    /** Built on first use: validation and workers that never call this tool skip the TLS start-up. */
    private final Supplier<HttpClient> client;
    private final Clock clock;

    public LlmChatTool() {
        this(HttpSupport.lazyClient(), Clock.systemUTC());
    }

    LlmChatTool(HttpClient client, Clock clock) {
        this(() -> client, clock);
    }

    private LlmChatTool(Supplier<HttpClient> client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public ToolKind kind() {
        return BuiltinToolKinds.LLM_CHAT;
    }

    @Override
    public ToolResult invoke(JsonNode arguments, ToolContext context) throws ToolFailure, InterruptedException {
        Arguments args = new Arguments(kind().name(), arguments);
        String base = required(context, ToolConfigKeys.LLM_BASE_URL);
        String model = required(context, ToolConfigKeys.LLM_MODEL);
        BigDecimal pricePer1k = price(context);
        boolean jsonMode = args.bool("json", false);
        ObjectNode payload = payload(args, model, jsonMode);

        URI uri;
        try {
            uri = URI.create(base.replaceAll("/+$", "") + "/chat/completions");
        } catch (IllegalArgumentException e) {
            throw notConfigured(ToolConfigKeys.LLM_BASE_URL + " is not a valid URL: " + e.getMessage());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        String key = apiKey(args, context);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        context.attemptTimeout().ifPresent(request::timeout);
        try {
            request.POST(HttpRequest.BodyPublishers.ofByteArray(ToolJson.MAPPER.writeValueAsBytes(payload)));
        } catch (JsonProcessingException e) {
            throw args.invalid("the request cannot be written as JSON: " + e.getOriginalMessage());
        }

        String what = "llm.chat POST " + uri;
        HttpResponse<InputStream> response;
        BoundedBody body;
        try {
            response = client.get().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            body = BoundedBody.read(response.body(), MAX_RESPONSE_BYTES);
        } catch (IOException e) {
            throw HttpSupport.connectionFailure(LLM_ERROR, what, e);
        }
        if (response.statusCode() >= 400) {
            throw HttpSupport.statusFailure(LLM_ERROR, what, response.statusCode(), response.headers(), body, clock);
        }
        if (response.statusCode() >= 300) { // never followed: the key must not go where a redirect points
            throw ToolFailure.nonRetryable(LLM_ERROR, what + " answered with a redirect (HTTP " + response.statusCode()
                    + "); set " + ToolConfigKeys.LLM_BASE_URL + " to the final address");
        }
        JsonNode completion;
        try {
            completion = body.truncated() ? null : ToolJson.MAPPER.readTree(body.bytes());
        } catch (IOException notJson) {
            completion = null;
        }
        if (completion == null || !completion.path("choices").isArray() || completion.path("choices").isEmpty()) {
            throw ToolFailure.retryable(LLM_ERROR, what + " returned no completion (HTTP " + response.statusCode() + ")");
        }
        return result(completion, model, jsonMode, pricePer1k, what);
    }

    private static ObjectNode payload(Arguments args, String model, boolean jsonMode) throws ToolFailure {
        ObjectNode payload = ToolJson.object();
        payload.put("model", model);
        ArrayNode messages = payload.putArray("messages");
        String system = args.string("system", null);
        if (system != null) {
            messages.addObject().put("role", "system").put("content", system);
        }
        JsonNode given = args.list("messages");
        if (given == null || given.isEmpty()) {
            throw args.invalid("needs 'messages', a non-empty list of {role, content}");
        }
        for (JsonNode m : given) {
            if (m.isTextual()) {
                messages.addObject().put("role", "user").put("content", m.textValue());
            } else if (m.isObject() && m.path("role").isTextual()) {
                messages.add(m.deepCopy());
            } else {
                throw args.invalid("every message must be {role, content} (or a string, meaning a user message)");
            }
        }
        JsonNode temperature = args.number("temperature");
        if (temperature != null) {
            payload.set("temperature", temperature);
        }
        JsonNode maxTokens = args.number("max_tokens");
        if (maxTokens != null) {
            payload.put("max_tokens", maxTokens.asLong());
        }
        if (jsonMode) {
            payload.putObject("response_format").put("type", "json_object");
        }
        JsonNode tools = args.list("tools");
        if (tools != null && !tools.isEmpty()) {
            ArrayNode out = payload.putArray("tools");
            for (JsonNode t : tools) {
                if (!t.isObject()) {
                    throw args.invalid("every tool must be an object {name, description, parameters}");
                }
                if (t.has("function")) {
                    out.add(t.deepCopy());
                } else {
                    ObjectNode wrapped = out.addObject();
                    wrapped.put("type", "function");
                    wrapped.set("function", t.deepCopy());
                }
            }
        }
        return payload;
    }

    private static ToolResult result(JsonNode completion, String configuredModel, boolean jsonMode,
                                     BigDecimal pricePer1k, String what) throws ToolFailure {
        JsonNode choice = completion.path("choices").get(0);
        JsonNode message = choice.path("message");
        ObjectNode result = ToolJson.object();
        JsonNode content = message.get("content");
        String text = content == null || content.isNull() ? null : content.asText();
        result.put("content", text);
        if (jsonMode && text != null) {
            try {
                result.set("json", ToolJson.MAPPER.readTree(text));
            } catch (IOException e) {
                throw ToolFailure.retryable(LLM_ERROR, what + ": the model's answer is not valid JSON");
            }
        } else {
            result.putNull("json");
        }
        ArrayNode toolCalls = result.putArray("tool_calls");
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode c = toolCalls.addObject();
            c.put("id", call.path("id").asText(null));
            c.put("name", call.path("function").path("name").asText(null));
            c.set("arguments", parsedArguments(call.path("function").path("arguments")));
        }
        JsonNode usage = completion.path("usage");
        long prompt = usage.path("prompt_tokens").asLong(0);
        long completionTokens = usage.path("completion_tokens").asLong(0);
        long total = usage.has("total_tokens") ? usage.path("total_tokens").asLong(0) : prompt + completionTokens;
        ObjectNode u = result.putObject("usage");
        u.put("prompt_tokens", prompt);
        u.put("completion_tokens", completionTokens);
        u.put("total_tokens", total);
        result.put("model", completion.path("model").asText(configuredModel));
        result.put("finish_reason", choice.path("finish_reason").asText(null));
        BigDecimal cost = pricePer1k.multiply(BigDecimal.valueOf(total)).movePointLeft(3);
        return new ToolResult(result, cost);
    }

    /** Function-call arguments arrive as a JSON string; plans want the object. */
    private static JsonNode parsedArguments(JsonNode arguments) {
        if (arguments.isTextual()) {
            try {
                return ToolJson.MAPPER.readTree(arguments.textValue());
            } catch (IOException notJson) {
                return arguments;
            }
        }
        return arguments.isMissingNode() ? ToolJson.object() : arguments;
    }

    /**
     * The call's {@code api_key} argument (normally {@code secret("NAME")}), else the worker's
     * {@code AGENTPLAN_LLM_API_KEY} setting, else a secret of that name from the worker's secret
     * sources (a file, a vault); none for local servers that need no key.
     */
    private static String apiKey(Arguments args, ToolContext context) throws ToolFailure {
        String given = args.string("api_key", null);
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        var configured = context.config(ToolConfigKeys.LLM_API_KEY);
        if (configured.isPresent()) {
            return configured.get();
        }
        try {
            return context.secret(ToolConfigKeys.LLM_API_KEY);
        } catch (ToolFailure failure) {
            if (failure.retryable()) {
                throw failure; // a source failed: the key may exist
            }
            return null;
        }
    }

    /**
     * A worker setting, else a secret of that name from the worker's secret sources (so the
     * endpoint and model can come from the same vault or mounted files as the key).
     */
    private static String required(ToolContext context, String key) throws ToolFailure {
        var configured = context.config(key);
        if (configured.isPresent()) {
            return configured.get();
        }
        try {
            String secret = context.secret(key);
            if (secret != null && !secret.isBlank()) {
                return secret.trim();
            }
        } catch (ToolFailure failure) {
            if (failure.retryable()) {
                throw failure; // a source failed: the setting may exist
            }
        }
        return context.config(key).orElseThrow(() -> notConfigured(
                "llm.chat is not configured on this worker: set " + key
                        + " (also needed: " + ToolConfigKeys.LLM_BASE_URL + ", " + ToolConfigKeys.LLM_MODEL
                        + "; optional: " + ToolConfigKeys.LLM_API_KEY + ", " + ToolConfigKeys.LLM_PRICE_PER_1K_TOKENS + ")"));
    }

    private static BigDecimal price(ToolContext context) throws ToolFailure {
        String text = context.config(ToolConfigKeys.LLM_PRICE_PER_1K_TOKENS).orElse("0");
        try {
            BigDecimal price = new BigDecimal(text);
            if (price.signum() < 0) {
                throw notConfigured(ToolConfigKeys.LLM_PRICE_PER_1K_TOKENS + " must not be negative, got " + text);
            }
            return price;
        } catch (NumberFormatException e) {
            throw notConfigured(ToolConfigKeys.LLM_PRICE_PER_1K_TOKENS + " must be a number, got '" + text + "'");
        }
    }

    private static ToolFailure notConfigured(String message) {
        return ToolFailure.nonRetryable(NOT_CONFIGURED, message);
    }
}
