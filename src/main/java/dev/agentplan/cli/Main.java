package dev.agentplan.cli;

/** Placeholder entry point until the CLI lands. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("agentplan");
    }
}
