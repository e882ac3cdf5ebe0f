package dev.agentplan.runtime;

import dev.agentplan.runtime.api.PinnedDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every run carries for Temporal's own tools (its Web UI, {@code temporal workflow list}):
 * the memo names the agent, version, definition hash and source file; the search attributes
 * {@value #AGENT_ATTRIBUTE} (Keyword) and {@value #VERSION_ATTRIBUTE} (Int), where the namespace
 * has them, make runs listable by agent.
 */
public final class RunMemo {

    public static final String AGENT = "agent";
    public static final String VERSION = "version";
    public static final String SHA256 = "sha256";
    public static final String SOURCE = "source";

    public static final String AGENT_ATTRIBUTE = "AgentplanAgent";
    public static final String VERSION_ATTRIBUTE = "AgentplanVersion";

    private RunMemo() {
    }

    public static Map<String, Object> of(PinnedDefinition pinned) {
        Map<String, Object> memo = new LinkedHashMap<>();
        memo.put(AGENT, pinned.name());
        memo.put(VERSION, pinned.version());
        memo.put(SHA256, pinned.sha256());
        memo.put(SOURCE, pinned.sourceFile());
        return memo;
    }

    /** What the Web UI shows as a run's summary: {@code incident_triage@3 (incident_triage.agent)}. */
    public static String summary(PinnedDefinition pinned) {
        String head = pinned.name() + "@" + pinned.version();
        return pinned.sourceFile() == null || pinned.sourceFile().isBlank() ? head : head + " (" + pinned.sourceFile() + ")";
    }
}
