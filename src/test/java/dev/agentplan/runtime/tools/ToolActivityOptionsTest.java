package dev.agentplan.runtime.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.agentplan.model.ApprovalRequirement;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.Effect;
import dev.agentplan.model.RetryPolicy;
import dev.agentplan.model.ToolPolicy;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolActivityOptionsTest {

    @Test
    void defaultsAreBounded() {
        ActivityOptions options = ToolActivityOptions.from(BuiltinToolKinds.HTTP, ToolPolicy.EMPTY);
        assertEquals(Duration.ofMinutes(1), options.getStartToCloseTimeout());
        assertEquals(3, options.getRetryOptions().getMaximumAttempts());
        assertNull(options.getScheduleToCloseTimeout());
        assertNull(options.getHeartbeatTimeout());
        assertNull(options.getTaskQueue());
        assertEquals(options.getRetryOptions().getMaximumAttempts(),
                ToolActivityOptions.from(BuiltinToolKinds.HTTP, null).getRetryOptions().getMaximumAttempts());
    }

    @Test
    void policyFieldsAreMapped() {
        ToolPolicy policy = new ToolPolicy(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofSeconds(5),
                new RetryPolicy(5, Duration.ofSeconds(2), 3.0, Duration.ofMinutes(1), List.of("NotFound", "Fatal")),
                Effect.WRITE, true, ApprovalRequirement.NONE, "ops");
        ActivityOptions options = ToolActivityOptions.from(BuiltinToolKinds.EXEC, policy);
        assertEquals(Duration.ofSeconds(30), options.getStartToCloseTimeout());
        assertEquals(Duration.ofMinutes(10), options.getScheduleToCloseTimeout());
        assertEquals(Duration.ofSeconds(5), options.getHeartbeatTimeout());
        assertEquals("ops", options.getTaskQueue());
        RetryOptions retry = options.getRetryOptions();
        assertEquals(5, retry.getMaximumAttempts());
        assertEquals(Duration.ofSeconds(2), retry.getInitialInterval());
        assertEquals(3.0, retry.getBackoffCoefficient());
        assertEquals(Duration.ofMinutes(1), retry.getMaximumInterval());
        assertArrayEquals(new String[] {"NotFound", "Fatal"}, retry.getDoNotRetry());
    }

    @Test
    void retriesAreNeverUnlimited() {
        // Temporal reads 0 maximum attempts as "forever".
        ToolPolicy policy = new ToolPolicy(null, null, null, new RetryPolicy(0, null, null, null, List.of()),
                null, null, null, null);
        assertEquals(1, ToolActivityOptions.from(BuiltinToolKinds.HTTP, policy).getRetryOptions().getMaximumAttempts());
    }

    @Test
    void inconsistentIntervalsAreMadeValid() {
        ToolPolicy policy = new ToolPolicy(null, null, null,
                new RetryPolicy(null, Duration.ofSeconds(10), 0.5, Duration.ofSeconds(1), List.of()),
                null, null, null, null);
        RetryOptions retry = ToolActivityOptions.from(BuiltinToolKinds.HTTP, policy).getRetryOptions();
        assertEquals(Duration.ofSeconds(10), retry.getMaximumInterval());
        assertEquals(1.0, retry.getBackoffCoefficient());
        retry.toBuilder().validateBuildWithDefaults();
    }

    @Test
    void backoffFieldsThePlanLeftUnsetStayUnsetInTheCommand() {
        // Temporal's server defaults equal ResolvedToolPolicy's; recorded histories keep their commands.
        RetryOptions retry = ToolActivityOptions.from(BuiltinToolKinds.HTTP, ToolPolicy.EMPTY).getRetryOptions();
        assertNull(retry.getInitialInterval());
        assertNull(retry.getMaximumInterval());
        assertEquals(0.0, retry.getBackoffCoefficient());
    }
}
