package dev.agentplan.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build). */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"agentplan " + (v == null ? "(development build)" : v),
            "Java " + System.getProperty("java.version")};
    }
}
