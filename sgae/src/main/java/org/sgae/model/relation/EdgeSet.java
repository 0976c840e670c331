package org.sgae.model.relation;

import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;

/**
 * The edges of one type, batch-global and sorted by receiver (CSR): edge e goes sender[e] → receiver[e], and the
 * edges of receiver r are offsets[r] .. offsets[r+1]−1. Built on the host from the kept pairs (detached).
 *
 * @param receivers  [E] receiver node per edge, ascending
 * @param senders    [E] sender node per edge
 * @param offsets    [S+1] CSR offsets over the S receiver nodes
 */
public record EdgeSet(long[] receivers, long[] senders, int[] offsets) {
    public int size() {
        return receivers.length;
    }

    public int numReceivers() {
        return offsets.length - 1;
    }

    /** receivers as an I64 tensor [E] on the device. */
    public Tensor receiverTensor(Device device) {
        return Tensor.ofLongs(receivers, receivers.length).to(device);
    }

    /** senders as an I64 tensor [E] on the device. */
    public Tensor senderTensor(Device device) {
        return Tensor.ofLongs(senders, senders.length).to(device);
    }

    /** offsets as an I32 tensor [S+1] on the device (for segment_softmax). */
    public Tensor offsetTensor(Device device) {
        return Tensor.ofInts(offsets, offsets.length).to(device);
    }

    /** CSR from per-receiver lists already in receiver order: counts [S] and the flat senders [E]. */
    static EdgeSet fromCounts(int[] counts, long[] senders) {
        int s = counts.length;
        int[] offsets = new int[s + 1];
        for (int r = 0; r < s; r++) {
            offsets[r + 1] = offsets[r] + counts[r];
        }
        long[] receivers = new long[senders.length];
        for (int r = 0; r < s; r++) {
            for (int e = offsets[r]; e < offsets[r + 1]; e++) {
                receivers[e] = r;
            }
        }
        return new EdgeSet(receivers, senders, offsets);
    }
}
