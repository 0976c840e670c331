package org.sgae.eval;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file written under a temporary name in its own folder and moved into place only when complete, so a reader never
 * sees half a dump or half a results JSON.
 */
final class AtomicFile implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final OutputStream out;
    private boolean committed;

    AtomicFile(Path target) {
        this.target = target.toAbsolutePath();
        try {
            Files.createDirectories(this.target.getParent());
            tmp = Files.createTempFile(this.target.getParent(), "." + this.target.getFileName(), ".tmp");
            readableByAll(tmp);
            out = Files.newOutputStream(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file beside " + target, e);
        }
    }

    /** createTempFile makes the file owner-only; results and dumps are meant to be shared (rw-r--r--). */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system: keep its default permissions
        }
    }

    OutputStream stream() {
        return out;
    }

    Path target() {
        return target;
    }

    /** Closes the stream (the caller has flushed and finished any wrapping stream) and moves the file into place. */
    void commit() {
        try {
            out.close();
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + tmp + " to " + target, e);
        }
    }

    /** Without a commit: drops the temporary file. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // the file is deleted anyway
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // best effort: a leftover hidden .tmp file is harmless
        }
    }

    /** Writes bytes to {@code target} atomically. */
    static void write(Path target, byte[] bytes) {
        try (AtomicFile f = new AtomicFile(target)) {
            f.stream().write(bytes);
            f.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
