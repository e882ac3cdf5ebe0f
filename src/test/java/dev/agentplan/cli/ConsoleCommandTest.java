package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's options are checked before anything starts: loopback unless exposed, a readable users file. */
class ConsoleCommandTest {

    @TempDir
    Path dir;

    @Test
    void anotherAddressThanLoopbackNeedsToBeSaidTwice() {
        Cli.Result r = Cli.run("console", "--bind", "0.0.0.0", "--port", "0", "--address", "127.0.0.1:1", "--repo", dir.toString());
        assertEquals(ExitCode.USAGE, r.exit(), r.toString());
        assertTrue(r.err().contains("add --console-expose"), r.err());
        Cli.Result s = Cli.run("server", "--port", "0", "--console", "0", "--console-bind", "10.1.2.3", "--repo", dir.toString());
        assertEquals(ExitCode.USAGE, s.exit(), s.toString());
        assertTrue(s.err().contains("add --console-expose"), s.err());
    }

    @Test
    void consoleOptionsOfTheServerNeedTheConsole() {
        Cli.Result r = Cli.run("server", "--port", "0", "--console-users", "x", "--repo", dir.toString());
        assertEquals(ExitCode.USAGE, r.exit(), r.toString());
        assertTrue(r.err().contains("need --console PORT"), r.err());
    }

    @Test
    void aBrokenUsersFileIsOneLineWithItsLine() throws Exception {
        Path users = dir.resolve("users");
        Files.writeString(users, "carol token nope\n");
        Cli.Result r = Cli.run("console", "--users", users.toString(), "--port", "0", "--address", "127.0.0.1:1", "--repo", dir.toString());
        assertEquals(ExitCode.USAGE, r.exit(), r.toString());
        assertTrue(r.err().contains(users + ":1: not a user line"), r.err());
    }

    @Test
    void addUserWithATokenPrintsItOnceAndStoresItsHash() throws Exception {
        Path users = dir.resolve("sub/users");
        Cli.Result r = Cli.run("console", "add-user", "dana", "--users", users.toString(), "--token");
        assertEquals(ExitCode.OK, r.exit(), r.toString());
        String token = r.out().substring(r.out().lastIndexOf(": ") + 2).strip();
        String stored = Files.readString(users);
        assertTrue(stored.contains("dana token sha256:"), stored);
        assertFalse(stored.contains(token), stored);
        assertEquals(java.util.Optional.of("dana"), dev.agentplan.console.UserFile.read(users).bearer(token));
        Cli.Result bad = Cli.run("console", "add-user", "no spaces", "--users", users.toString(), "--token");
        assertEquals(ExitCode.USAGE, bad.exit(), bad.toString());
    }
}
