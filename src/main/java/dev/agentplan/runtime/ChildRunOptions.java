package dev.agentplan.runtime;

import dev.agentplan.runtime.api.PinnedDefinition;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;

/**
 * A child run's options: its id, the memo every run carries ({@link RunMemo}), the search
 * attributes where the parent has them (a parent started with them proves the namespace has them
 * registered; setting unregistered ones would fail the start), and its summary for the Web UI.
 */
final class ChildRunOptions {

    private static final SearchAttributeKey<String> AGENT = SearchAttributeKey.forKeyword(RunMemo.AGENT_ATTRIBUTE);
    private static final SearchAttributeKey<Long> VERSION = SearchAttributeKey.forLong(RunMemo.VERSION_ATTRIBUTE);

    private ChildRunOptions() {
    }

    /** @param summary the step that starts it, e.g. {@code step 7 run billing@2 (shop.agent:30)} */
    static ChildWorkflowOptions of(String childId, PinnedDefinition child, String summary) {
        ChildWorkflowOptions.Builder options = ChildWorkflowOptions.newBuilder()
                .setWorkflowId(childId)
                .setMemo(RunMemo.of(child))
                .setStaticSummary(summary)
                .setStaticDetails(RunMemo.summary(child));
        SearchAttributes parent = Workflow.getTypedSearchAttributes();
        SearchAttributes.Builder attributes = SearchAttributes.newBuilder();
        boolean any = false;
        if (parent.containsKey(AGENT)) {
            attributes.set(AGENT, child.name());
            any = true;
        }
        if (parent.containsKey(VERSION)) {
            attributes.set(VERSION, (long) child.version());
            any = true;
        }
        if (any) {
            options.setTypedSearchAttributes(attributes.build());
        }
        return options.build();
    }
}
