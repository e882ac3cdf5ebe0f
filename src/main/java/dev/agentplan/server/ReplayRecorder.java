package dev.agentplan.server;

import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records, during a replay, what the interpreter computes: the input of every activity and child
 * run it asks for, the input it continues as new with, and its result. Temporal's replayer checks
 * that the commands match the history (their kinds and order), not what they carry; these
 * recordings let {@link ReplayComparison} check the payloads too.
 */
final class ReplayRecorder extends WorkerInterceptorBase {

    /** One thing the interpreter asked for, in the order it asked. */
    record Call(String activityType, String childWorkflowId, Payloads input) {
    }

    private final List<Call> calls = new ArrayList<>();
    private Payloads continuedWith;
    private Payloads result;

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized Payloads continuedWith() {
        return continuedWith;
    }

    synchronized Payloads result() {
        return result;
    }

    private synchronized void record(Call c) {
        calls.add(c);
    }

    private synchronized void continued(Payloads p) {
        continuedWith = p;
    }

    private synchronized void returned(Payloads p) {
        result = p;
    }

    private static Payloads encode(Object... values) {
        Optional<Payloads> p = DataConverter.getDefaultInstance().toPayloads(values);
        return p.orElse(Payloads.getDefaultInstance());
    }

    @Override
    public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
        return new WorkflowInboundCallsInterceptorBase(next) {
            @Override
            public void init(WorkflowOutboundCallsInterceptor outbound) {
                super.init(new Outbound(outbound));
            }

            @Override
            public WorkflowOutput execute(WorkflowInput input) {
                WorkflowOutput out = super.execute(input);
                returned(encode(out.getResult()));
                return out;
            }
        };
    }

    private final class Outbound extends WorkflowOutboundCallsInterceptorBase {

        Outbound(WorkflowOutboundCallsInterceptor next) {
            super(next);
        }

        @Override
        public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
            record(new Call(input.getActivityName(), null, encode(input.getArgs())));
            return super.executeActivity(input);
        }

        @Override
        public <R> ChildWorkflowOutput<R> executeChildWorkflow(ChildWorkflowInput<R> input) {
            record(new Call(null, input.getWorkflowId(), encode(input.getArgs())));
            return super.executeChildWorkflow(input);
        }

        @Override
        public void continueAsNew(ContinueAsNewInput input) {
            continued(encode(input.getArgs()));
            super.continueAsNew(input);
        }
    }
}
