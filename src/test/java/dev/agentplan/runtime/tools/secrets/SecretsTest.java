package dev.agentplan.runtime.tools.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.WorkerConfig;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution order, typed failures, references that cannot be forged, and redaction. */
class SecretsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAG = SecretPlaceholders.tagOf("first-run-id");

    @TempDir
    Path dir;

    private SecretResolver withPlugin(Map<String, String> config) throws Exception {
        Path services = dir.resolve("classes/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(SecretSource.class.getName()), MapSecretSource.class.getName() + "\n");
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()},
                getClass().getClassLoader());
        return SecretResolver.discover(WorkerConfig.of(config), loader);
    }

    @Test
    void environmentThenFilesThenPlugins() throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("FILE_ONLY"), "from-the-file\n");
        Files.writeString(secrets.resolve("SHARED"), "file-shared");
        SecretResolver resolver = withPlugin(Map.of(
                "AGENTPLAN_SECRET_SHARED", "env-shared",
                "AGENTPLAN_SECRET_ENV_ONLY", "from-the-env",
                FileSecrets.DIR, secrets.toString()));
        assertEquals("env-shared", resolver.resolve("SHARED"), "the environment wins");
        assertEquals("from-the-env", resolver.resolve("ENV_ONLY"));
        assertEquals("from-the-file", resolver.resolve("FILE_ONLY"), "one trailing line break is dropped");
        assertEquals("from-the-plugin", resolver.resolve("PLUGIN_TOKEN"));

        SecretResolver noEnv = withPlugin(Map.of(FileSecrets.DIR, secrets.toString()));
        assertEquals("file-shared", noEnv.resolve("SHARED"), "files before plugins");
        assertEquals("plugin-shared", withPlugin(Map.of()).resolve("SHARED"));
    }

    @Test
    void anUnknownSecretIsANonRetryableFailureNamingItAndWhereItWasLookedFor() throws Exception {
        SecretResolver resolver = withPlugin(Map.of("AGENTPLAN_SECRET_OTHER", "v"));
        ToolFailure f = assertThrows(ToolFailure.class, () -> resolver.resolve("MISSING_TOKEN"));
        assertEquals(SecretResolver.NOT_FOUND, f.type());
        assertFalse(f.retryable());
        assertTrue(f.getMessage().contains("'MISSING_TOKEN'"), f.getMessage());
        assertTrue(f.getMessage().contains("AGENTPLAN_SECRET_MISSING_TOKEN"), f.getMessage());
        assertTrue(f.getMessage().contains("the test plugin"), f.getMessage());
    }

    @Test
    void namesCannotLeaveTheSecretsDirectoryOrReadOtherVariables() throws Exception {
        Files.writeString(dir.resolve("outside"), "not a secret");
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        SecretResolver resolver = new SecretResolver(java.util.List.of(new EnvironmentSecrets(), new FileSecrets()),
                WorkerConfig.of(Map.of(FileSecrets.DIR, secrets.toString(), "HOME_TOKEN", "worker-only")));
        assertEquals(SecretResolver.NOT_FOUND, assertThrows(ToolFailure.class, () -> resolver.resolve("../outside")).type());
        assertEquals(SecretResolver.NOT_FOUND, assertThrows(ToolFailure.class, () -> resolver.resolve("HOME_TOKEN")).type(),
                "only AGENTPLAN_SECRET_* variables are secrets");
    }

    @Test
    void referencesResolveOnlyWithTheRunsTagAndEncodeForUrls() throws Exception {
        SecretResolver resolver = new SecretResolver(java.util.List.of(new EnvironmentSecrets()),
                WorkerConfig.of(Map.of("AGENTPLAN_SECRET_TOKEN", "a b/c?d")));
        CallSecrets call = new CallSecrets(resolver, TAG);
        String mine = SecretPlaceholders.of(TAG, "TOKEN");
        String forged = SecretPlaceholders.of(SecretPlaceholders.tagOf("another-run"), "TOKEN");
        JsonNode args = JSON.createObjectNode()
                .put("header", "Bearer " + mine)
                .put("url", "http://h/x/" + SecretPlaceholders.forUrl(mine))
                .put("forged", forged);
        JsonNode resolved = call.resolveArguments(args);
        assertEquals("Bearer a b/c?d", resolved.get("header").asText());
        assertEquals("http://h/x/a%20b%2Fc%3Fd", resolved.get("url").asText());
        assertEquals(forged, resolved.get("forged").asText(), "a reference with another run's tag stays text");
        assertTrue(args.get("header").asText().contains("{{secret:"), "the request itself is not changed");
        assertTrue(call.redactor().reveals("x a b/c?d"));
    }

    @Test
    void redactionCoversEchoedFormsAndWorkerCredentials() throws Exception {
        SecretResolver resolver = new SecretResolver(java.util.List.of(new EnvironmentSecrets()), WorkerConfig.of(Map.of(
                "AGENTPLAN_SECRET_TOKEN", "s3cr3t \"x\"/+",
                "AGENTPLAN_LLM_API_KEY", "sk-llm-999",
                "AGENTPLAN_OTHER_TOKEN", "tok-other",
                "AGENTPLAN_LLM_MODEL", "gpt-test")));
        CallSecrets call = new CallSecrets(resolver, TAG);
        call.value("TOKEN");
        Redactor r = call.redactor();
        JsonNode echoed = JSON.readTree("""
                {"raw": "got s3cr3t \\"x\\"/+ here", "url": "/p?t=s3cr3t%20%22x%22%2F%2B",
                 "form": "t=s3cr3t+%22x%22%2F%2B", "json": "{\\"t\\":\\"s3cr3t \\\\\\"x\\\\\\"/+\\"}",
                 "llm": ["Authorization: Bearer sk-llm-999"], "sk-llm-999": "a key as a key",
                 "other": "tok-other", "model": "gpt-test"}
                """);
        String clean = JSON.writeValueAsString(r.redact(echoed));
        for (String leak : new String[] {"s3cr3t", "sk-llm-999", "tok-other"}) {
            assertFalse(clean.contains(leak), leak + " in " + clean);
        }
        assertTrue(clean.contains("[REDACTED:TOKEN]"), clean);
        assertTrue(clean.contains("Bearer [REDACTED:AGENTPLAN_LLM_API_KEY]"), clean);
        assertTrue(clean.contains("gpt-test"), "what is not a credential stays: " + clean);
        assertEquals("preview cut at [REDACTED:TOKEN]", r.redact("preview cut at s3cr3t \"x"),
                "a text cut short does not keep the first part of a value");
        assertEquals("ends in s3c", r.redact("ends in s3c"), "three characters say nothing");
        ToolFailure f = r.redact(new ToolFailure("HttpError", "echo: s3cr3t \"x\"/+", true, null,
                Map.of("body", "sk-llm-999")));
        assertEquals("echo: [REDACTED:TOKEN]", f.getMessage());
        assertEquals("{\"body\":\"[REDACTED:AGENTPLAN_LLM_API_KEY]\"}", f.details().toString());
    }
}
