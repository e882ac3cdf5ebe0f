package dev.agentplan.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Reaching a server, or saying in one line that it cannot be reached. */
class ConnectionTest {

    @Test
    void aPortNobodyListensOnIsUnavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ServerUnavailableException e = assertThrows(ServerUnavailableException.class,
                () -> Connection.open("127.0.0.1:" + port, null));
        assertEquals("cannot reach the Temporal server at 127.0.0.1:" + port + " (start one with: agentplan server)",
                e.getMessage());
    }

    @Test
    void aServerThatNeverAnswersIsUnavailableAfterTheConnectTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) { // accepts TCP, never speaks HTTP/2
            String address = "127.0.0.1:" + silent.getLocalPort();
            assertThrows(ServerUnavailableException.class, () -> Connection.open(address, null, java.time.Duration.ofSeconds(1)));
        }
    }

    @Test
    void aLocalServerIsReachableAndItsPortCannotBeTakenTwice() {
        try (LocalTemporal server = LocalTemporal.start(0);
             Connection c = Connection.open(server.address(), null)) {
            assertTrue(server.address().startsWith("127.0.0.1:"), server.address());
            assertEquals(Connection.DEFAULT_NAMESPACE, c.namespace());
            ServerStartException taken = assertThrows(ServerStartException.class, () -> LocalTemporal.start(server.port()));
            assertTrue(taken.getMessage().startsWith("cannot listen on 127.0.0.1:" + server.port()), taken.getMessage());
        }
    }
}
