package dev.agentplan.cli;

import dev.agentplan.console.UserFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan console add-user NAME --users FILE [--token]}: adds a user to a users file, keeping only a hash. */
@Command(name = "add-user", mixinStandardHelpOptions = true,
        description = {"Add a console user (or replace their password or token) in a users file.",
            "The password is read from the terminal (or the first line of standard input); --token instead makes a random "
                + "token for API clients and prints it once. Only a hash is stored (PBKDF2-SHA256 for passwords).",
            "Exit status: 0 added, 2 bad usage."})
final class ConsoleAddUserCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The user name (letters, digits, . _ @ -), as decisions record it.")
    String name;

    @Option(names = "--users", paramLabel = "FILE", required = true, description = "The users file (created if missing).")
    Path users;

    @Option(names = "--token", description = "Make a token (printed once) instead of asking for a password.")
    boolean token;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!UserFile.validName(name)) {
            throw new CliException(ExitCode.USAGE, "'" + name + "' is not a user name: use letters, digits, . _ @ - (at most 64)");
        }
        String secret;
        UserFile.Entry entry;
        if (token) {
            secret = UserFile.newToken();
            entry = new UserFile.Entry(name, UserFile.Kind.token, UserFile.tokenHash(secret));
        } else {
            secret = readPassword();
            if (secret.length() < 8) {
                throw new CliException(ExitCode.USAGE, "a password needs at least 8 characters");
            }
            entry = new UserFile.Entry(name, UserFile.Kind.password, UserFile.passwordHash(secret));
        }
        String existing = Files.exists(users) ? Files.readString(users, StandardCharsets.UTF_8) : null;
        if (users.getParent() != null) {
            Files.createDirectories(users.getParent());
        }
        Files.writeString(users, UserFile.withEntry(existing, entry), StandardCharsets.UTF_8);
        var out = spec.commandLine().getOut();
        out.println("added " + name + " (" + entry.kind() + ") to " + users);
        if (token) {
            out.println("token (shown only now; send it as Authorization: Bearer TOKEN, or sign in with it): " + secret);
        }
        out.flush();
        return ExitCode.OK;
    }

    private static String readPassword() throws IOException {
        if (System.console() != null) {
            char[] p = System.console().readPassword("password for the console: ");
            return p == null ? "" : new String(p);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? "" : line.strip();
    }
}
