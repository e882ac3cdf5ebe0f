package dev.agentplan.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file: only hashes are stored, and they check what people type. */
class UserFileTest {

    @TempDir
    Path dir;

    @Test
    void passwordsAndTokensCheckAndTheFileHoldsNeither() throws Exception {
        String token = UserFile.newToken();
        String text = UserFile.withEntry(null, new UserFile.Entry("carol", UserFile.Kind.password, UserFile.passwordHash("s3cret-pass")));
        text = UserFile.withEntry(text, new UserFile.Entry("bot", UserFile.Kind.token, UserFile.tokenHash(token)));
        Path file = dir.resolve("users");
        Files.writeString(file, text);
        assertFalse(text.contains("s3cret-pass") || text.contains(token), text);

        UserFile users = UserFile.read(file);
        assertEquals(Optional.of("carol"), users.login("carol", "s3cret-pass"));
        assertEquals(Optional.empty(), users.login("carol", "s3cret-pasS"));
        assertEquals(Optional.empty(), users.login("mallory", "s3cret-pass"));
        assertEquals(Optional.empty(), users.login("carol", ""));
        assertEquals(Optional.of("bot"), users.bearer(token));
        assertEquals(Optional.of("bot"), users.login("bot", token));
        assertEquals(Optional.empty(), users.bearer(UserFile.newToken()));
        assertEquals(Optional.empty(), users.bearer("s3cret-pass"), "a password is not a bearer token");
    }

    @Test
    void twoHashesOfOnePasswordDifferByTheirSalt() {
        assertFalse(UserFile.passwordHash("same").equals(UserFile.passwordHash("same")));
    }

    @Test
    void replacingAUsersPasswordKeepsTheOthers() {
        String text = UserFile.withEntry(null, new UserFile.Entry("a", UserFile.Kind.password, UserFile.passwordHash("one-one-1")));
        text = UserFile.withEntry(text, new UserFile.Entry("b", UserFile.Kind.password, UserFile.passwordHash("two-two-2")));
        text = UserFile.withEntry(text, new UserFile.Entry("a", UserFile.Kind.password, UserFile.passwordHash("three-3-3")));
        UserFile users = UserFile.of(List.of());
        assertEquals(3, text.lines().count(), text); // the comment, b, the new a
        assertTrue(text.contains("\nb password ") && text.contains("\na password "), text);
        assertTrue(users.entries().isEmpty());
    }

    @Test
    void aMalformedLineIsNamedByFileAndLineWithoutEchoingIt() throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "# users\ncarol password plain-text-password\n");
        ConsoleConfigException e = assertThrows(ConsoleConfigException.class, () -> UserFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ":2: not a user line"), e.getMessage());
        assertFalse(e.getMessage().contains("plain-text-password"), e.getMessage());
        assertTrue(e.getMessage().contains("agentplan console add-user"), e.getMessage());
    }
}
