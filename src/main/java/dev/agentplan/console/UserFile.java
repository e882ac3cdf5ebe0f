package dev.agentplan.console;

import dev.agentplan.model.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The console's users: one line each, {@code NAME password pbkdf2-sha256:ITERATIONS:SALT:HASH} or
 * {@code NAME token sha256:HEX}. Passwords are stretched with PBKDF2 (people pick weak ones);
 * tokens are 32 random bytes, so one SHA-256 is enough and a bearer request stays cheap.
 * Nothing in the file lets anyone log in: only hashes are kept.
 */
public final class UserFile {

    public enum Kind { password, token }

    public record Entry(String name, Kind kind, String hash) {
    }

    static final int ITERATIONS = 210_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Entry> entries;

    private UserFile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static UserFile of(List<Entry> entries) {
        return new UserFile(entries);
    }

    /** Reads the file; a malformed line is an error naming file:line (never echoing its hash). */
    public static UserFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConsoleConfigException("cannot read the users file " + file + ": " + e.getMessage());
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            Kind kind = f.length == 3 && (f[1].equals("password") || f[1].equals("token")) ? Kind.valueOf(f[1]) : null;
            boolean hashOk = kind == Kind.password ? f[2].matches("pbkdf2-sha256:\\d+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+")
                    : kind == Kind.token && f[2].matches("sha256:[0-9a-f]{64}");
            if (kind == null || !NAME.matcher(f[0]).matches() || !hashOk) {
                throw new ConsoleConfigException(file + ":" + (i + 1) + ": not a user line; expected NAME password "
                        + "pbkdf2-sha256:… or NAME token sha256:… (add users with: agentplan console add-user NAME --users "
                        + file + ")");
            }
            out.add(new Entry(f[0], kind, f[2]));
        }
        return new UserFile(out);
    }

    public List<Entry> entries() {
        return entries;
    }

    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Who a login (name and password or token) is, if it matches. */
    public Optional<String> login(String name, String secret) {
        if (name == null || secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        boolean ok = false;
        for (Entry e : entries) {
            if (e.name().equals(name) && matches(e, secret)) {
                ok = true;
            }
        }
        return ok ? Optional.of(name) : Optional.empty();
    }

    /** Who a bearer token belongs to, if any. */
    public Optional<String> bearer(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String hash = tokenHash(token);
        String who = null;
        for (Entry e : entries) {
            if (e.kind() == Kind.token && MessageDigest.isEqual(e.hash().getBytes(StandardCharsets.UTF_8),
                    hash.getBytes(StandardCharsets.UTF_8))) {
                who = e.name();
            }
        }
        return Optional.ofNullable(who);
    }

    private static boolean matches(Entry e, String secret) {
        if (e.kind() == Kind.token) {
            return MessageDigest.isEqual(e.hash().getBytes(StandardCharsets.UTF_8),
                    tokenHash(secret).getBytes(StandardCharsets.UTF_8));
        }
        String[] p = e.hash().split(":");
        byte[] salt = Base64.getDecoder().decode(p[2]);
        byte[] expected = Base64.getDecoder().decode(p[3]);
        return MessageDigest.isEqual(expected, pbkdf2(secret, salt, Integer.parseInt(p[1]), expected.length * 8));
    }

    public static String passwordHash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, ITERATIONS, 256);
        return "pbkdf2-sha256:" + ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash);
    }

    public static String tokenHash(String token) {
        return "sha256:" + Sha256.of(token);
    }

    /** A new random token (URL-safe, 43 characters). */
    public static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations, int bits) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bits);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The file's text with {@code entry} added (replacing an entry of the same name and kind). */
    public static String withEntry(String existing, Entry entry) {
        StringBuilder out = new StringBuilder();
        if (existing == null || existing.isBlank()) {
            out.append("# agentplan console users: NAME password|token HASH (only hashes; add with 'agentplan console add-user')\n");
        } else {
            for (String line : existing.split("\n", -1)) {
                String[] f = line.strip().split("\\s+");
                if (f.length == 3 && f[0].equals(entry.name()) && f[1].equals(entry.kind().name())) {
                    continue;
                }
                if (!line.isEmpty()) {
                    out.append(line).append('\n');
                }
            }
        }
        out.append(entry.name()).append(' ').append(entry.kind().name()).append(' ').append(entry.hash()).append('\n');
        return out.toString();
    }
}
