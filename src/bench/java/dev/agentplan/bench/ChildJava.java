package dev.agentplan.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** The java binary of this JVM, for child processes. */
final class ChildJava {

    private ChildJava() {
    }

    static String javaBinary() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }
}
