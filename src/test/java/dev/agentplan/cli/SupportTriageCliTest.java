package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.mcp.McpServers;
import dev.agentplan.mcp.TicketTracker;
import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.server.Connection;
import dev.agentplan.server.LocalStack;
import dev.agentplan.server.RepositoryResolver;
import dev.agentplan.server.RunClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code definitions/support_triage.agent} for real, as a user drives it through the CLI on the
 * embedded server: the worker starts the real server-filesystem from npm on a temporary inbox,
 * the ticket tool talks to a tracker on loopback, and the note is written only after
 * {@code approve}, once; a rejection writes nothing.
 */
class SupportTriageCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PLAN = Path.of("definitions/support_triage.agent");

    @TempDir
    Path dir;

    private Path inbox;
    private Path repo;
    private LocalStack stack;
    private Connection connection;
    private TicketTracker tracker;

    @BeforeEach
    void start() throws Exception {
        McpServers.script(McpServers.FILESYSTEM); // skipped (CI: failed) without the npm servers
        inbox = Files.createDirectory(dir.resolve("inbox")).toRealPath();
        tracker = new TicketTracker();
        repo = dir.resolve("repo");
        stack = LocalStack.start(0, null, true, new RepositoryResolver(FileDefinitionRepository.open(repo.toString())));
        connection = Connection.open(stack.address(), null);
    }

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (tracker != null) {
            tracker.close();
        }
    }

    private Cli.Result cli(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--address", stack.address())).toArray(String[]::new);
        return Cli.run(all);
    }

    /** {@code run}, with the test's own repository (its run index), never the user's ~/.agentplan. */
    private Cli.Result run(String runId, String file) {
        return cli("run", PLAN.toString(), "--detach", "--id", runId, "--input", inputs(file), "--repo", repo.toString());
    }

    private static Cli.Result ok(Cli.Result r) {
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    private String inputs(String file) {
        return JSON.createObjectNode().put("inbox", inbox.toString()).put("file", file).put("tracker", tracker.baseUrl())
                .put("fs_server", McpServers.script(McpServers.FILESYSTEM).toString()).toString();
    }

    private RunStatus awaitStatus(String runId, Predicate<RunStatus> until) throws InterruptedException {
        return StatusPolling.await(new RunClient(connection), runId, until, Duration.ofSeconds(30));
    }

    private List<String> inboxFiles() throws Exception {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static long calls(JsonNode trail, String tool) {
        long n = 0;
        for (JsonNode e : trail.path("events")) {
            if (e.path("type").asText().equals("tool") && e.path("tool").asText().equals(tool)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void theNoteIsWrittenOnceAfterApproveAndTheTicketIsCreatedOnce() throws Exception {
        Files.writeString(inbox.resolve("T-42.md"), "Checkout is down for every EU customer since 09:00\n");
        ok(Cli.run("validate", PLAN.toString()));

        String runId = ok(run("triage-42", "T-42.md")).out().strip();
        assertEquals("triage-42", runId);
        RunStatus waiting = awaitStatus(runId, s -> s.state() == RunState.WAITING_APPROVAL || s.state().isFinal());
        assertEquals(RunState.WAITING_APPROVAL, waiting.state(), String.valueOf(waiting.error()));

        // the ticket is in the tracker already; the note is not written while the run waits
        Cli.Result status = ok(cli("status", runId));
        assertTrue(status.out().contains("note_ok: Write the triage note for T-42.md (ticket SUP-1: urgent, queue on-call)?"),
                status.toString());
        assertTrue(status.out().contains("approvers: support-lead, support-oncall"), status.toString());
        assertEquals(1, tracker.requests("POST").size(), tracker.requests().toString());
        Thread.sleep(500);
        assertEquals(List.of("T-42.md"), inboxFiles(), "nothing is written before the decision");

        Cli.Result refused = cli("approve", runId, "note_ok", "--as", "mallory");
        assertEquals(ExitCode.FAILED, refused.exit(), refused.toString());
        assertEquals(List.of("T-42.md"), inboxFiles(), "a refused decision writes nothing");

        ok(cli("approve", runId, "note_ok", "--as", "support-lead", "--comment", "send it"));
        RunStatus done = awaitStatus(runId, s -> s.state().isFinal());
        assertEquals(RunState.COMPLETED, done.state(), String.valueOf(done.error()));

        Path note = inbox.resolve("T-42.md.triage.md");
        assertEquals(List.of("T-42.md", "T-42.md.triage.md"), inboxFiles());
        assertEquals("ticket: SUP-1\npriority: urgent\nqueue: on-call\napproved by: support-lead\n", Files.readString(note));
        JsonNode output = JSON.readTree(ok(cli("status", runId, "--json")).out()).at("/result/output");
        assertEquals("SUP-1", output.path("ticket").asText(), output.toString());
        assertEquals(note.toString(), output.path("note").asText(), output.toString());

        // one ticket, created once with the plan's key; the note written by one call
        List<TicketTracker.Request> posts = tracker.requests("POST");
        assertEquals(1, posts.size(), tracker.requests().toString());
        assertTrue(posts.get(0).idempotencyKey() != null && !posts.get(0).idempotencyKey().isBlank(), posts.toString());
        JsonNode ticket = tracker.tickets().get("SUP-1");
        assertEquals("urgent", ticket.path("priority").asText(), ticket.toString());
        assertEquals("T-42.md", ticket.path("source").asText(), ticket.toString());
        assertEquals(List.of(), tracker.requests("PATCH"));
        JsonNode trail = JSON.readTree(ok(cli("history", runId, "--json")).out());
        assertEquals(1, calls(trail, "fs.write_file"), trail.toString());
        assertEquals(1, calls(trail, "fs.read_text_file"), trail.toString());
        Cli.Result history = ok(cli("history", runId));
        assertTrue(history.out().contains("approval note_ok approved by support-lead: \"send it\""), history.toString());
    }

    @Test
    void aRejectedNoteIsNeverWrittenAndAnOpenTicketIsUpdatedNotDuplicated() throws Exception {
        Files.writeString(inbox.resolve("T-43.md"), "Please refund the second charge on my invoice\n");
        tracker.open("SUP-1", "T-43.md");

        String runId = ok(run("triage-43", "T-43.md")).out().strip();
        RunStatus waiting = awaitStatus(runId, s -> s.state() == RunState.WAITING_APPROVAL || s.state().isFinal());
        assertEquals(RunState.WAITING_APPROVAL, waiting.state(), String.valueOf(waiting.error()));
        assertEquals(List.of(), tracker.requests("POST"), "the open ticket is updated, not duplicated");
        assertEquals(1, tracker.requests("PATCH").size(), tracker.requests().toString());
        assertEquals("billing", tracker.tickets().get("SUP-1").path("queue").asText());

        ok(cli("reject", runId, "note_ok", "--as", "support-oncall", "--comment", "wrong queue"));
        RunStatus done = awaitStatus(runId, s -> s.state().isFinal());
        assertEquals(RunState.FAILED, done.state());
        assertEquals("ApprovalRejected", done.error().type(), done.error().toString());
        assertEquals(List.of("T-43.md"), inboxFiles(), "a rejected note is never written");
        JsonNode trail = JSON.readTree(ok(cli("history", runId, "--json")).out());
        assertEquals(0, calls(trail, "fs.write_file"), trail.toString());
        assertFalse(trail.toString().contains("T-43.md.triage.md\",\"content"), trail.toString());
    }

    /**
     * The example's calls agree with the real server: tool and argument names with its
     * inputSchema, its declared effects with the server's annotations (no AP233). Discovery starts
     * the server with the inputs' defaults, so the copy gives the inbox and the program defaults.
     */
    @Test
    void theExamplesCallsAndEffectsAgreeWithTheRealServersTools() throws Exception {
        String text = Files.readString(PLAN);
        String local = text.replace("  inbox: string \"", "  inbox: string = " + McpServers.quoted(inbox) + " \"")
                .replace("fs_server: string = \"mcp-server-filesystem\"",
                        "fs_server: string = " + McpServers.quoted(McpServers.script(McpServers.FILESYSTEM)));
        assertTrue(local.contains("inbox: string = ") && !local.contains("= \"mcp-server-filesystem\""), local);
        Path copy = dir.resolve("support_triage.agent");
        Files.writeString(copy, local);
        Cli.Result discovered = ok(Cli.run("validate", "--discover", copy.toString()));
        assertTrue(discovered.out().contains("1 file checked: 0 errors, 0 warnings"), discovered.toString());
        assertTrue(Files.exists(dir.resolve("support_triage.mcp-cache.json")), discovered.toString());

        Files.writeString(copy, local.replace("content: \"ticket:", "contents: \"ticket:"));
        Cli.Result misspelt = Cli.run("validate", copy.toString()); // offline, from the cache
        assertEquals(1, misspelt.exit(), misspelt.toString());
        assertTrue(misspelt.out().contains("error[AP142]: `fs.write_file` has no argument `contents` (did you mean `content`?)"),
                misspelt.toString());
    }

    @Test
    void aFileThatIsNotInTheInboxFailsWithTheReasonAndCallsNoTracker() throws Exception {
        String runId = ok(run("triage-missing", "T-9.md")).out().strip();
        RunStatus done = awaitStatus(runId, s -> s.state().isFinal());
        assertEquals(RunState.FAILED, done.state());
        assertEquals("PlanFailed", done.error().type(), done.error().toString());
        assertEquals("no ticket file T-9.md in " + inbox, done.error().message());
        assertEquals(List.of(), tracker.requests());
    }
}
