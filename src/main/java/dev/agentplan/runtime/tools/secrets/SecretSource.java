package dev.agentplan.runtime.tools.secrets;

import dev.agentplan.runtime.tools.WorkerConfig;
import java.util.Optional;

/**
 * Where a worker finds the value of a secret a plan names with {@code secret("NAME")}: the SPI
 * that Vault and the like plug into. Implementations are found with {@link java.util.ServiceLoader}
 * (list the class in {@code META-INF/services/dev.agentplan.runtime.tools.secrets.SecretSource})
 * and are asked after the built-in sources (environment, then files), in class-path order; the
 * first that has the name wins. Values are read on the worker, inside the activity, and never
 * travel through the workflow or its history.
 */
public interface SecretSource {

    /** Where this source looks for {@code name}, for the message of a secret nobody has (never a value). */
    String describe(String name, WorkerConfig config);

    /**
     * The value of {@code name}, or empty when this source does not have it. Throw when the
     * source itself failed (unreachable, denied): the call is retried.
     */
    Optional<String> lookup(String name, WorkerConfig config) throws Exception;
}
