package dev.agentplan.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is refused before a dev server starts, and TLS settings that cannot work; no server needed. */
class DevServerTest {

    @TempDir
    Path dir;

    @Test
    void aCorruptDatabaseADirectoryAndAMissingDirectoryAreRefused() throws Exception {
        Path bad = dir.resolve("bad.db");
        Files.writeString(bad, "garbage");
        assertTrue(assertThrows(ServerStartException.class, () -> DevServer.checkDatabase(bad)).getMessage()
                .contains("is corrupt: not an SQLite file"));
        assertTrue(assertThrows(ServerStartException.class, () -> DevServer.checkDatabase(dir)).getMessage()
                .contains("is a directory"));
        Path nowhere = dir.resolve("no").resolve("x.db");
        assertEquals("cannot create the database " + nowhere + ": no such directory " + nowhere.getParent(),
                assertThrows(ServerStartException.class, () -> DevServer.checkDatabase(nowhere)).getMessage());
        Path fresh = dir.resolve("new.db");
        DevServer.checkDatabase(fresh); // a file to be created is fine
        Files.write(dir.resolve("empty.db"), new byte[0]);
        DevServer.checkDatabase(dir.resolve("empty.db"));
        Files.write(dir.resolve("real.db"), "SQLite format 3\0 and pages".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        DevServer.checkDatabase(dir.resolve("real.db"));
    }

    @Test
    void aMissingCliSaysHowToInstallIt() {
        ServerStartException e = assertThrows(ServerStartException.class, () -> DevServer.findCli(dir.resolve("temporal").toString()));
        assertTrue(e.getMessage().contains("no such executable; install it with: python3 -m venv"), e.getMessage());
    }

    @Test
    void tlsFilesThatCannotBeUsedAreOneLineBeforeAnyConnection() throws Exception {
        ConnectionSettings missing = new ConnectionSettings("127.0.0.1:1", null, null,
                new ConnectionSettings.Pem("--tls-cert", dir.resolve("c.pem"), null),
                new ConnectionSettings.Pem("--tls-key", dir.resolve("k.pem"), null), null, null, false, null);
        assertEquals("--tls-cert " + dir.resolve("c.pem") + ": no such file",
                assertThrows(ConnectionConfigException.class, () -> Connection.open(missing)).getMessage());
        ConnectionSettings certOnly = new ConnectionSettings("127.0.0.1:1", null, null,
                new ConnectionSettings.Pem("--tls-cert", dir.resolve("c.pem"), null), null, null, null, false, null);
        assertEquals("--tls-cert is given without its private key (--tls-key)",
                assertThrows(ConnectionConfigException.class, () -> Connection.open(certOnly)).getMessage());
        Path notPem = dir.resolve("ca.pem");
        Files.writeString(notPem, "hello");
        ConnectionSettings badCa = new ConnectionSettings("127.0.0.1:1", null, null, null, null,
                new ConnectionSettings.Pem("--tls-ca", notPem, null), null, false, null);
        assertTrue(assertThrows(ConnectionConfigException.class, () -> Connection.open(badCa)).getMessage()
                .startsWith("--tls-ca is not a PEM CA certificate"));
    }

    @Test
    void tlsToAPlainTextServerSaysTlsIsOn() {
        try (LocalTemporal server = LocalTemporal.start(0)) {
            ConnectionSettings tls = new ConnectionSettings(server.address(), null, true, null, null, null, null, false, null);
            ServerUnavailableException e = assertThrows(ServerUnavailableException.class,
                    () -> Connection.open(tls));
            assertTrue(e.getMessage().contains("over TLS"), e.getMessage());
            try (Connection plain = Connection.open(ConnectionSettings.plain(server.address(), null))) {
                assertEquals(Connection.DEFAULT_NAMESPACE, plain.namespace());
            }
        }
    }
}
