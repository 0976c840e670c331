package org.sgae.data.vg;

import io.jhdf.Superblock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.sgae.data.DataFormatException;

/**
 * Refuses an HDF5 file shorter than its superblock's end-of-file address, as the HDF5 library (and so
 * h5py) does. jhdf does not check: a file cut inside a dataset's data opens, and the missing bytes read as
 * zeros (the rest of the last mapped page), so a cut {@code split} made every image a train image.
 */
final class H5FileLength {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /** The superblock is at 0 or, after a user block, at 512, 1024, 2048, ... (HDF5 spec, "Superblock"). */
    private static final long FIRST_USER_BLOCK = 512;

    private H5FileLength() {
    }

    static void requireComplete(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long actual = ch.size();
            long at = superblockOffset(ch, actual);
            if (at < 0) {
                return; // no signature: jhdf's open reports it as not HDF5
            }
            // The stored end-of-file address is absolute (it includes any user block), as the library reads it.
            long expected = Superblock.readSuperblock(ch, at).getEndOfFileAddress();
            if (expected > 0 && actual < expected) { // an undefined address (all ones) reads as negative
                throw new DataFormatException(file, "truncated HDF5 file: its superblock gives the end of file"
                        + " as " + expected + " bytes, but the file has " + actual + " bytes (copy it again)");
            }
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(file, "not a readable HDF5 file (truncated or corrupt?): " + e, e);
        }
    }

    /** Where the superblock signature is, or −1 if nowhere. */
    private static long superblockOffset(FileChannel ch, long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(SIGNATURE.length);
        for (long at = 0; at + SIGNATURE.length <= size; at = at == 0 ? FIRST_USER_BLOCK : 2 * at) {
            b.clear();
            while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
                // read until full; FileChannel may return fewer bytes
            }
            if (!b.hasRemaining() && Arrays.equals(b.array(), SIGNATURE)) {
                return at;
            }
        }
        return -1;
    }
}
