package dev.agentplan.runtime.tools.secrets;

import dev.agentplan.runtime.tools.WorkerConfig;
import java.util.Map;
import java.util.Optional;

/** A secret source plugin for tests (what a Vault client would be): names starting with PLUGIN_. */
public final class MapSecretSource implements SecretSource {

    static final Map<String, String> VALUES = Map.of("PLUGIN_TOKEN", "from-the-plugin", "SHARED", "plugin-shared");

    @Override
    public String describe(String name, WorkerConfig config) {
        return "the test plugin";
    }

    @Override
    public Optional<String> lookup(String name, WorkerConfig config) {
        return Optional.ofNullable(VALUES.get(name));
    }
}
