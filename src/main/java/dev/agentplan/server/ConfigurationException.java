package dev.agentplan.server;

/** A setting of this process is wrong (a malformed key, say); the message is one line saying which and how to fix it. */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }
}
