package dev.agentplan.repository;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Crash-safe file writes: content goes to a hidden temp file in the target's directory, is
 * forced to disk, then renamed over the target in one atomic step, so a reader sees the old file
 * or the new one and never a torn one. Hidden names ({@code .tmp-…}) are ignored by readers and
 * swept by the next writer holding the repository lock. The CLI rewrites users' plan files
 * ({@code fmt --write}, {@code convert -o}) the same way.
 */
public final class AtomicFiles {

    static final String TEMP_PREFIX = ".tmp-";

    private AtomicFiles() {
    }

    /** Replaces (or creates) {@code target} with {@code content} atomically. */
    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
        try {
            writeDurably(temp, content);
            move(temp, target);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Creates a new file and forces its bytes to disk before returning. */
    static void writeDurably(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
    }

    /** A new hidden staging directory next to where the final directory will be published. */
    static Path stagingDirectory(Path parent) throws IOException {
        Files.createDirectories(parent);
        return Files.createDirectory(parent.resolve(TEMP_PREFIX + UUID.randomUUID()));
    }

    /** Publishes a fully written staging directory under its final name with one atomic rename. */
    static void publishDirectory(Path staging, Path target) throws IOException {
        syncDirectory(staging);
        move(staging, target);
        syncDirectory(target.getParent());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to.getParent() + " cannot rename atomically", e);
        }
    }

    /** Makes a rename durable. Some platforms cannot open directories; there the rename is all we get. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort (for example on Windows); the atomic rename still protects readers.
        }
    }

    /** Deletes leftovers of writers that crashed; call only while holding the repository lock. */
    static void sweepTemps(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path entry : entries) {
                deleteTree(entry);
            }
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
                for (Path child : children) {
                    deleteTree(child);
                }
            }
        }
        Files.deleteIfExists(path);
    }
}
