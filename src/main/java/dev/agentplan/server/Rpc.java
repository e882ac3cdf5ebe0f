package dev.agentplan.server;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;
import java.util.function.Supplier;

/** Turns the SDK's and gRPC's exceptions into the few this package promises: unavailable, not found. */
final class Rpc {

    private Rpc() {
    }

    static <T> T call(Connection c, String runId, Supplier<T> call) {
        try {
            return call.get();
        } catch (RefusedException | RunNotFoundException | RunAlreadyExistsException | ServerUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(c, runId, e);
        }
    }

    static void run(Connection c, String runId, Runnable call) {
        call(c, runId, () -> {
            call.run();
            return null;
        });
    }

    static RuntimeException translate(Connection c, String runId, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WorkflowNotFoundException) {
                return notFound(c, runId);
            }
            if (t instanceof StatusRuntimeException s) {
                Status.Code code = s.getStatus().getCode();
                if (code == Status.Code.UNAVAILABLE) {
                    return ServerUnavailableException.at(c.address());
                }
                if (code == Status.Code.DEADLINE_EXCEEDED) {
                    return new ServerUnavailableException(c.address(), "the Temporal server at " + c.address()
                            + " did not answer in time", true);
                }
                if (code == Status.Code.NOT_FOUND) {
                    String message = s.getStatus().getDescription();
                    if (message != null && message.matches("(?is)^namespace\\b.*\\bnot (be )?found.*")
                            && !message.contains("WorkflowId")) {
                        return new RunNotFoundException("namespace " + c.namespace() + " does not exist on the server at "
                                + c.address());
                    }
                    return notFound(c, runId);
                }
            }
        }
        return e;
    }

    static RunNotFoundException notFound(Connection c, String runId) {
        return new RunNotFoundException("no run " + runId + " on the server at " + c.address()
                + " (namespace " + c.namespace() + ")");
    }
}
