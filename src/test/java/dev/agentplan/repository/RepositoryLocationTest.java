package dev.agentplan.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryLocationTest {

    @TempDir
    Path tmp;

    @Test
    void optionWinsOverEnvironmentAndHome() {
        Path option = tmp.resolve("opt");
        Path resolved = RepositoryLocation.resolve(option.toString(),
                Map.of("AGENTPLAN_HOME", tmp.resolve("env").toString()), tmp.resolve("home").toString());
        assertEquals(option.toAbsolutePath().normalize(), resolved);
    }

    @Test
    void environmentWinsOverHome() {
        Path resolved = RepositoryLocation.resolve(null,
                Map.of("AGENTPLAN_HOME", tmp.resolve("env").toString()), tmp.resolve("home").toString());
        assertEquals(tmp.resolve("env"), resolved);
    }

    @Test
    void defaultIsDotAgentplanInHome() {
        Path resolved = RepositoryLocation.resolve("  ", Map.of("AGENTPLAN_HOME", ""), tmp.resolve("home").toString());
        assertEquals(tmp.resolve("home").resolve(".agentplan"), resolved);
    }

    @Test
    void realProcessDefaultFollowsUserHomeProperty() {
        Path resolved = RepositoryLocation.resolve(null, Map.of(), System.getProperty("user.home"));
        assertEquals(Path.of(System.getProperty("user.home")).toAbsolutePath().normalize().resolve(".agentplan"),
                resolved);
    }

    @Test
    void noHomeAtAllIsAClearError() {
        RepositoryException e = assertThrows(RepositoryException.class,
                () -> RepositoryLocation.resolve(null, Map.of(), null));
        assertEquals("cannot find the home directory for the repository; pass --repo <dir> or set AGENTPLAN_HOME",
                e.getMessage());
    }
}
