package dev.agentplan.runtime.tools.secrets;

import dev.agentplan.runtime.tools.WorkerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Secrets from files: {@code secret("GITHUB_TOKEN")} reads the file {@code GITHUB_TOKEN} in the
 * directory {@code AGENTPLAN_SECRETS_DIR} (a Kubernetes or Docker secrets mount, for example).
 * One trailing line break is dropped. Secret names cannot contain path separators, so nothing
 * outside the directory is read.
 */
public final class FileSecrets implements SecretSource {

    public static final String DIR = "AGENTPLAN_SECRETS_DIR";

    @Override
    public String describe(String name, WorkerConfig config) {
        return config.get(DIR).map(dir -> "the file " + Path.of(dir).resolve(name))
                .orElse("a file in " + DIR + " (not set)");
    }

    @Override
    public Optional<String> lookup(String name, WorkerConfig config) throws IOException {
        Optional<String> dir = config.get(DIR);
        if (dir.isEmpty() || !SecretNames.isValid(name)) {
            return Optional.empty();
        }
        Path file = Path.of(dir.get()).resolve(name);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        }
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1));
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
