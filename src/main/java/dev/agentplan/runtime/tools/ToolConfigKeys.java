package dev.agentplan.runtime.tools;

/** The names of the worker configuration values the built-in tools read (env vars or -D properties). */
public final class ToolConfigKeys {

    /** Comma-separated environment variable names an {@code exec} call may pass to its program. */
    public static final String EXEC_ENV_ALLOW = "AGENTPLAN_EXEC_ENV_ALLOW";

    /** Base URL of an OpenAI-compatible API, e.g. {@code https://api.openai.com/v1}. */
    public static final String LLM_BASE_URL = "AGENTPLAN_LLM_BASE_URL";

    public static final String LLM_MODEL = "AGENTPLAN_LLM_MODEL";

    /** Sent as a bearer token; optional for local servers that need none. */
    public static final String LLM_API_KEY = "AGENTPLAN_LLM_API_KEY";

    /** Price of 1000 tokens (prompt plus completion), charged to the run's cost budget; default 0. */
    public static final String LLM_PRICE_PER_1K_TOKENS = "AGENTPLAN_LLM_PRICE_PER_1K_TOKENS";

    /**
     * Whether a worker configuration value is a credential, redacted from everything a call hands
     * back: {@code AGENTPLAN_SECRET_*} and {@code AGENTPLAN_*_KEY}, {@code _TOKEN}, {@code _SECRET},
     * {@code _PASSWORD}.
     */
    public static boolean isCredential(String key) {
        return key.startsWith("AGENTPLAN_") && (key.startsWith("AGENTPLAN_SECRET_") || key.endsWith("_KEY")
                || key.endsWith("_TOKEN") || key.endsWith("_SECRET") || key.endsWith("_PASSWORD"));
    }

    private ToolConfigKeys() {
    }
}
