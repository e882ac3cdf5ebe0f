package dev.agentplan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.agentplan.model.Sha256;
import dev.agentplan.repository.RunIndex;
import dev.agentplan.repository.RunRecord;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.server.RunClient;
import dev.agentplan.server.RunNotFoundException;
import java.util.Optional;

/**
 * Run ids are never reused. When the run index knows the id, a new start is refused, also when
 * the server has forgotten the run: an in-memory server that was restarted loses its runs, and a
 * fresh start would repeat every call under new idempotency keys. With {@code --restart-lost} a
 * lost run starts again from the beginning under its old key seed, so every call sends the
 * Idempotency-Key it sent before.
 */
final class RunIdReuse {

    private static final ObjectMapper SORTED = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private RunIdReuse() {
    }

    /** The sha256 of the inputs as given, keys sorted, so the same inputs hash alike however they were written. */
    static String inputsSha256(JsonNode inputs) {
        try {
            return Sha256.of(SORTED.writeValueAsString(SORTED.treeToValue(inputs, Object.class)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot hash the inputs", e);
        }
    }

    /**
     * Refuses a reused id, or allows the restart of a lost run.
     *
     * @param ref how the user named the agent (for the commands the messages suggest)
     * @return the key seed the start must use: null for an id the index does not know
     */
    static String check(RunIndex index, String runId, RunClient client, PinnedDefinition pinned, String inputsSha256,
                        boolean restartLost, String ref) {
        Optional<RunRecord> recorded = index.get(runId);
        String address = client.connection().address();
        if (recorded.isEmpty() && index.listed(runId) && !existsOn(client, runId)) {
            throw new CliException(ExitCode.ALREADY_EXISTS, "run id " + runId + " is taken: the run index lists it, "
                    + "but its file is missing or the index head is damaged (see agentplan repo check), so whether its "
                    + "run was lost cannot be told; run ids are never reused: choose another --id (or restore the "
                    + "run's file from a backup; then --restart-lost can restart a lost run with its keys)");
        }
        if (recorded.isEmpty()) {
            if (restartLost) {
                throw new CliException(ExitCode.NOT_FOUND, "--restart-lost: the run index has no run " + runId
                        + ", so there is no lost run to start again; leave out --restart-lost to start a new run");
            }
            return null;
        }
        RunRecord run = recorded.get();
        String what = run.agent() + "@" + run.version() + ", started " + HumanTime.dateTime(run.startedAt())
                + " on " + run.address();
        if (existsOn(client, runId)) {
            throw new CliException(ExitCode.ALREADY_EXISTS, "a run with id " + runId + " already exists on the server at "
                    + address + " (" + what + "); run ids are never reused: choose another --id"
                    + (restartLost ? " (--restart-lost only restarts a run the server has lost)" : ""));
        }
        if (!run.address().equals(address)) {
            throw new CliException(ExitCode.ALREADY_EXISTS, "run id " + runId + " is taken: the run index records a run "
                    + "with it (" + what + ", another server than " + address + "); run ids are never reused: "
                    + "choose another --id");
        }
        if (run.ended()) {
            throw new CliException(ExitCode.ALREADY_EXISTS, "run id " + runId + " is taken: the run index records a run "
                    + "with it that ended " + run.status() + " (" + what + "); the server no longer has it, but run ids "
                    + "are never reused: choose another --id");
        }
        String lost = "run " + runId + " was lost: the run index records it as " + run.status() + " (" + what
                + "), but the server at " + address + " has no such workflow (an in-memory server was restarted, so "
                + "the run and its progress are gone; the calls it had made may have taken effect)";
        if (!restartLost) {
            throw new CliException(ExitCode.ALREADY_EXISTS, lost + ". Run ids are never reused. To start it again from "
                    + "the beginning, sending the same Idempotency-Key values as its first start so a service that "
                    + "honours them applies each write once: agentplan run " + run.agent() + "@" + run.version()
                    + " --id " + runId + " --restart-lost (with the same --input); or choose another --id for a new run "
                    + "(new keys: its writes are made again)");
        }
        if (run.keySeed() == null) {
            throw new CliException(ExitCode.ALREADY_EXISTS, lost + "; it was recorded by an older agentplan without "
                    + "its idempotency key seed, so a restart cannot send the keys it sent: choose another --id");
        }
        if (!run.sha256().equals(pinned.sha256())) {
            throw new CliException(ExitCode.USAGE, "--restart-lost: run " + runId + " ran " + run.agent() + "@"
                    + run.version() + " (sha256 " + run.sha256().substring(0, 12) + "), but " + ref + " is "
                    + pinned.name() + "@" + pinned.version() + " (sha256 " + pinned.sha256().substring(0, 12)
                    + "); restart the same version: agentplan run " + run.agent() + "@" + run.version() + " --id "
                    + runId + " --restart-lost");
        }
        if (run.inputsSha256() != null && !run.inputsSha256().equals(inputsSha256)) {
            throw new CliException(ExitCode.USAGE, "--restart-lost: the inputs differ from those run " + runId
                    + " started with; under the same idempotency keys a service would answer the new calls with the "
                    + "old results. Give the same --input, or choose another --id for a new run");
        }
        return run.keySeed();
    }

    private static boolean existsOn(RunClient client, String runId) {
        try {
            client.describe(runId);
            return true;
        } catch (RunNotFoundException e) {
            return false;
        }
    }
}
