package dev.agentplan.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Lower-case hex SHA-256 digests: the repository's content addresses and checksums, pinned
 * definitions, secret-reference tags, payload key ids, session keys. The one place that names
 * the algorithm.
 */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    /** The hex digest of the UTF-8 bytes of {@code text}. */
    public static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The first {@code bytes} bytes of the digest in hex: a short id, not a checksum. */
    public static String prefix(byte[] input, int bytes) {
        return HexFormat.of().formatHex(digest(input), 0, bytes);
    }

    public static boolean isDigest(String value) {
        return value != null && value.matches("[0-9a-f]{64}");
    }
}
