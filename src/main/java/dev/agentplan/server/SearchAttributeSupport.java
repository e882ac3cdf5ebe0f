package dev.agentplan.server;

import dev.agentplan.runtime.api.PinnedDefinition;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs carry the search attributes {@value #AGENT} (Keyword) and {@value #VERSION} (Int) when the
 * namespace has them registered (on a cluster: {@code temporal operator search-attribute create
 * --name AgentplanAgent --type Keyword}, and the same for AgentplanVersion with type Int), so a
 * cluster's UI can list runs by agent. Elsewhere (the test server, a namespace without them) runs
 * are started without: the memo always has agent, version and sha256.
 */
final class SearchAttributeSupport {

    static final String AGENT = dev.agentplan.runtime.RunMemo.AGENT_ATTRIBUTE;
    static final String VERSION = dev.agentplan.runtime.RunMemo.VERSION_ATTRIBUTE;

    private final boolean agent;
    private final boolean version;

    private SearchAttributeSupport(boolean agent, boolean version) {
        this.agent = agent;
        this.version = version;
    }

    static SearchAttributeSupport of(Connection c) {
        try {
            Map<String, IndexedValueType> custom = OperatorServiceGrpc.newBlockingStub(c.stubs().getRawChannel())
                    .withDeadlineAfter(2, TimeUnit.SECONDS)
                    .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(c.namespace()).build())
                    .getCustomAttributesMap();
            return new SearchAttributeSupport(custom.get(AGENT) == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                    custom.get(VERSION) == IndexedValueType.INDEXED_VALUE_TYPE_INT);
        } catch (RuntimeException unsupported) {
            return new SearchAttributeSupport(false, false);
        }
    }

    /** True when both attributes are registered (what {@link DevServer} waits for). */
    boolean registered() {
        return agent && version;
    }

    void apply(WorkflowOptions.Builder options, PinnedDefinition pinned) {
        if (!agent && !version) {
            return;
        }
        SearchAttributes.Builder attributes = SearchAttributes.newBuilder();
        if (agent) {
            attributes.set(SearchAttributeKey.forKeyword(AGENT), pinned.name());
        }
        if (version) {
            attributes.set(SearchAttributeKey.forLong(VERSION), (long) pinned.version());
        }
        options.setTypedSearchAttributes(attributes.build());
    }
}
