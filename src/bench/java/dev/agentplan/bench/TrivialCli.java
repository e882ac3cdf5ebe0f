package dev.agentplan.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The start-up baseline of {@code bench startup}: a picocli program that does nothing but print its
 * version. Whatever agentplan's own commands cost above this is agentplan's to shave.
 */
@Command(name = "trivial", mixinStandardHelpOptions = true, version = "trivial 1")
public final class TrivialCli implements Runnable {

    @Override
    public void run() {
        // nothing: the baseline measures the JVM, the jar and picocli only
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrivialCli()).execute(args));
    }
}
