package dev.agentplan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code mvn package} puts beside the jar: it runs commands with the build's class-data
 * archive, and a jar that no longer matches its archive still starts, with nothing about the archive
 * on the command's output.
 */
class LauncherIT {

    @TempDir
    Path dir;

    private static Path jar() {
        return Path.of(System.getProperty("agentplan.jar"));
    }

    private record Result(int exit, String output) {
    }

    private static Result launch(Path launcher, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("sh", launcher.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the launcher returned");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void theBuildMadeALauncherAndAnArchiveBesideTheJar() throws Exception {
        Path launcher = jar().resolveSibling("agentplan");
        assertTrue(Files.isExecutable(launcher), "mvn package made " + launcher);
        assertTrue(Files.size(jar().resolveSibling("agentplan.jsa")) > 1_000_000, "the training run wrote an archive");
        Result r = launch(launcher, "validate", "definitions/local_health_check.agent");
        assertEquals(0, r.exit(), r.output());
        assertEquals("1 file checked: 0 errors, 0 warnings", r.output().strip());
    }

    @Test
    void aJarThatNoLongerMatchesItsArchiveStillStartsQuietly() throws Exception {
        Files.copy(jar(), dir.resolve("agentplan.jar"));
        Files.copy(jar().resolveSibling("agentplan"), dir.resolve("agentplan"));
        Files.copy(jar().resolveSibling("agentplan.jsa"), dir.resolve("agentplan.jsa"), StandardCopyOption.COPY_ATTRIBUTES);
        // The copy is a different file to the JVM (another path and time): the archive cannot be used.
        Files.setLastModifiedTime(dir.resolve("agentplan.jsa"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        Result r = launch(dir.resolve("agentplan"), "validate", "definitions/local_health_check.agent");
        assertEquals(0, r.exit(), r.output());
        assertFalse(r.output().contains("cds"), "nothing about the archive reaches the user: " + r.output());
        assertEquals("1 file checked: 0 errors, 0 warnings", r.output().strip());
    }

    @Test
    void withoutAJarTheLauncherSaysHowToBuildOne() throws Exception {
        Files.copy(jar().resolveSibling("agentplan"), dir.resolve("agentplan"));
        Result r = launch(dir.resolve("agentplan"), "--version");
        assertEquals(3, r.exit(), r.output());
        assertTrue(r.output().contains("mvn -B -q package -DskipTests"), r.output());
    }
}
