package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thin 'bench' entry point: delegates to the bench classes, or says how to get them. */
class BenchCommandTest {

    @Test
    void delegatesEveryArgumentToTheBenchCommandOnTheClassPath() {
        Cli.Result help = Cli.run("bench", "--help");
        assertEquals(0, help.exit(), help.toString());
        assertTrue(help.out().startsWith("Usage: agentplan bench"), help.toString());
        for (String sub : new String[] {"runtime", "replay", "scale", "per-call", "startup"}) {
            assertTrue(help.out().contains("  " + sub + " "), sub + " missing: " + help);
        }
        Cli.Result bad = Cli.run("bench", "per-call", "--calls", "0");
        assertEquals(ExitCode.USAGE, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("--calls must be at least 1"), bad.toString());
    }

    @Test
    void usesTheOwnLoaderWhenItHasTheBenchClasses() {
        ClassLoader own = BenchCommandTest.class.getClassLoader();
        assertSame(own, BenchCommand.benchLoader(own, null));
    }

    @Test
    void withoutTheBenchClassesOrJarItSaysHowToBuildThem(@TempDir Path dir) throws Exception {
        try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
            CliException e = assertThrows(CliException.class,
                    () -> BenchCommand.benchLoader(bare, dir.resolve("agentplan.jar")));
            assertEquals(ExitCode.NOT_FOUND, e.exitCode());
            assertTrue(e.getMessage().contains("agentplan-bench.jar") && e.getMessage().contains("mvn -B -q package"),
                    e.getMessage());
        }
    }

    @Test
    void loadsTheBenchJarBesideTheProductJar(@TempDir Path dir) throws Exception {
        Path benchJar = Files.createFile(dir.resolve(BenchCommand.BENCH_JAR));
        try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
            ClassLoader loader = BenchCommand.benchLoader(bare, dir.resolve("agentplan.jar"));
            assertTrue(loader instanceof URLClassLoader u && u.getURLs()[0].toString().endsWith(benchJar.getFileName().toString()));
            assertSame(bare, loader.getParent());
        }
    }
}
