package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.server.ConnectionSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Options first, then agentplan's variables, then the Temporal CLI's; TLS on when anything TLS-ish is given. */
class ServerOptionsTest {

    private static ServerOptions parse(Map<String, String> env, String... args) {
        @CommandLine.Command(name = "x")
        class Holder {
            @CommandLine.Mixin
            ServerOptions server;
        }
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        h.server.env = env;
        return h.server;
    }

    @Test
    void optionsBeatAgentplanVariablesWhichBeatTemporalOnes() {
        Map<String, String> env = Map.of("TEMPORAL_ADDRESS", "t:1", "TEMPORAL_NAMESPACE", "tns", "AGENTPLAN_ADDRESS", "a:2");
        assertEquals("a:2", parse(env).address());
        assertEquals("tns", parse(env).namespace());
        assertEquals("o:3", parse(env, "--address", "o:3").address());
        assertEquals("t:1", parse(Map.of("TEMPORAL_ADDRESS", "t:1")).address());
        assertTrue(parse(Map.of("TEMPORAL_ADDRESS", "t:1")).addressGiven());
        assertFalse(parse(Map.of()).addressGiven());
        assertEquals("127.0.0.1:7233", parse(Map.of()).address());
        assertEquals("default", parse(Map.of()).namespace());
    }

    @Test
    void tlsIsOnWithAnyTlsSettingOrAnApiKeyUnlessTurnedOff() {
        assertFalse(parse(Map.of()).settings().usesTls());
        assertTrue(parse(Map.of(), "--tls").settings().usesTls());
        assertTrue(parse(Map.of(), "--tls-ca", "ca.pem").settings().usesTls());
        assertTrue(parse(Map.of("TEMPORAL_API_KEY", "k")).settings().usesTls());
        assertFalse(parse(Map.of("TEMPORAL_API_KEY", "k", "TEMPORAL_TLS", "false")).settings().usesTls());
        assertFalse(parse(Map.of("TEMPORAL_API_KEY", "k"), "--no-tls").settings().usesTls());
        ConnectionSettings s = parse(Map.of("TEMPORAL_TLS_CERT", "/c.pem", "TEMPORAL_TLS_KEY_DATA", "PEM"), "--api-key", "opt").settings();
        assertEquals(Path.of("/c.pem"), s.cert().path());
        assertEquals("$TEMPORAL_TLS_CERT", s.cert().what());
        assertEquals("PEM", s.key().data());
        assertNull(s.ca());
        assertEquals("opt", s.apiKey());
        CliException bad = assertThrows(CliException.class, () -> parse(Map.of("TEMPORAL_TLS", "maybe")).settings());
        assertEquals("$TEMPORAL_TLS=maybe: use true or false", bad.getMessage());
    }

    @Test
    void sinceTakesAnAgeOrATime() {
        Instant now = Instant.parse("2025-12-06T12:00:00Z");
        assertEquals(Instant.parse("2025-12-06T11:30:00Z"), RunsCommand.parseSince("30m", now));
        assertEquals(Instant.parse("2025-12-04T12:00:00Z"), RunsCommand.parseSince("2d", now));
        assertEquals(Instant.parse("2025-12-01T08:00:00Z"), RunsCommand.parseSince("2025-12-01T08:00:00Z", now));
        assertEquals(Instant.parse("2025-12-01T00:00:00Z"), RunsCommand.parseSince("2025-12-01", now));
        CliException bad = assertThrows(CliException.class, () -> RunsCommand.parseSince("yesterday", now));
        assertEquals(ExitCode.USAGE, bad.exitCode());
    }
}
