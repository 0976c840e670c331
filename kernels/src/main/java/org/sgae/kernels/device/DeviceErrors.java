package org.sgae.kernels.device;

/**
 * The deferred error flag of one device runtime: a persistent int[4] block {op code, bound, offending value, 0}
 * that indexed kernels set with a compare-and-swap (portable.h {@code sgae_report}) instead of the host reading a
 * flag back after every launch. Launchers launch through {@link #launch}; {@link DeviceBackend} calls
 * {@link #check} at every natural synchronisation point (device → host copies and {@code synchronize()}), which is
 * where an out-of-range index now throws. The first failure since the last check wins; the flag is reset when it
 * is reported. A check with no flagged launch since the previous one reads nothing (one flag read per training
 * step, not one per host copy).
 *
 * <p>Thread safety: the runtimes have one in-order queue, so a check sees every launch enqueued before it; check
 * and reset are synchronised so two threads cannot both report (or lose) the same failure.
 */
public final class DeviceErrors {
    /** Op codes the kernels receive (index 0 = no error). Names are what the message reports. */
    public enum Op {
        NONE("", ""),
        INDEX_SELECT("index_select", "index"),
        INDEX_ADD("index_add", "index"),
        GATHER("gather", "index"),
        SCATTER_ADD("scatter_add", "index"),
        LAYOUT_WARP("layout_warp", "objToImg value"),
        LAYOUT_WARP_BACKWARD("layout_warp backward", "objToImg value"),
        BOX_CROP("box_crop", "imageIndex value"),
        BOX_CROP_BACKWARD("box_crop backward", "imageIndex value"),
        /** Offsets that are not a CSR of the rows: bound = rows, value = the first bad segment (own message). */
        SEGMENT_SOFTMAX("segment_softmax", null),
        SEGMENT_SOFTMAX_BACKWARD("segment_softmax backward", null);

        final String op;
        /** What the value is, for "value out of range [0, bound)"; null: a CSR offsets failure. */
        final String what;

        Op(String op, String what) {
            this.op = op;
            this.what = what;
        }

        String message(int bound, int value) {
            if (what == null) {
                return op + ": offsets are not a CSR of the " + bound + " rows (0 = offsets[0] <= ... <= offsets[S] = "
                        + bound + "), first bad segment " + value;
            }
            return op + ": " + what + " " + value + " out of range [0, " + bound + ")";
        }

        public int code() {
            return ordinal();
        }
    }

    private static final int SLOTS = 4;
    private static final long BYTES = SLOTS * Integer.BYTES;
    private final DeviceRuntime rt;
    private final Block block;
    /** Whether a flagged launch was enqueued since the last check: reads with none in between skip the flag. */
    private volatile boolean armed;

    /** Takes the block from the runtime's allocator (held for the runtime's lifetime) and zeroes it. */
    public DeviceErrors(DeviceRuntime rt) {
        this.rt = rt;
        this.block = rt.allocator().take(BYTES);
        rt.write(new int[SLOTS], 0, block, 0, BYTES);
    }

    /**
     * Launches {@code k} with the flag buffer (pointer, offset 0) and the op code appended as its last three
     * parameters, and arms the next {@link #check}. Nothing is read back.
     */
    public void launch(KernelFunction k, Grid grid, KernelArgs args, Op op) {
        k.launch(grid, args.block(block).i32(op.code()));
        armed = true; // after the enqueue: a check that misses this store still sees the launch next time
    }

    /**
     * Reads the flag (waits for queued work, so call it only where the host waits anyway) and throws
     * IndexOutOfBoundsException naming the first failing op since the last check; the flag is reset first.
     */
    public synchronized void check() {
        if (!armed) {
            return;
        }
        armed = false;
        int[] s = new int[SLOTS];
        rt.read(block, 0, s, 0, BYTES);
        if (s[0] == 0) {
            return;
        }
        rt.write(new int[SLOTS], 0, block, 0, BYTES);
        Op[] ops = Op.values();
        String message = s[0] > 0 && s[0] < ops.length ? ops[s[0]].message(s[1], s[2])
                : "op code " + s[0] + ": index " + s[2] + " out of range [0, " + s[1] + ")";
        throw new IndexOutOfBoundsException(message + " on " + rt.device() + " (detected at the next synchronisation)");
    }
}
