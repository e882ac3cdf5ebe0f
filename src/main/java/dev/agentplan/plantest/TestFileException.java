package dev.agentplan.plantest;

/** A test file that cannot be read or does not follow the schema: the message names the file and the place. */
public final class TestFileException extends RuntimeException {

    public TestFileException(String message) {
        super(message);
    }
}
