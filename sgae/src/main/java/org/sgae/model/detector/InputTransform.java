package org.sgae.model.detector;

import java.util.ArrayList;
import java.util.List;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Assemble;
import org.sgae.train.config.InputConfig;

/**
 * The detector's input transform (model-spec §1–2): each RGB image [3,H_i,W_i] in [0, 1] is normalised with the
 * ImageNet mean and std, then zero-padded at the bottom and right to the batch's largest height and width rounded up
 * to a multiple of 32 (maskrcnn-benchmark's to_image_list: the pad is 0 after normalisation). No resizing: boxes
 * stay in input-image pixels.
 */
public final class InputTransform {
    private final InputConfig config;

    /** The padded batch and each image's un-padded size. */
    public record Batch(Tensor images, List<ImageSize> sizes) {
    }

    public InputTransform(InputConfig config) {
        this.config = config.validate();
    }

    /** images: each [3,H_i,W_i] → images [B,3,H,W] of the given dtype on the given device. */
    public Batch apply(List<Tensor> images, DType dtype, Device device) {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("input: need at least one image, got " + images);
        }
        int maxH = 0;
        int maxW = 0;
        List<ImageSize> sizes = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            Tensor im = images.get(i);
            if (im.rank() != 3 || im.dim(0) != 3 || im.dim(1) < 1 || im.dim(2) < 1) {
                throw new IllegalArgumentException("input: image " + i + " must be [3,H,W] RGB, got " + im.shape());
            }
            sizes.add(new ImageSize(im.dim(2), im.dim(1)));
            maxH = Math.max(maxH, im.dim(1));
            maxW = Math.max(maxW, im.dim(2));
        }
        int d = config.sizeDivisibility();
        int h = (maxH + d - 1) / d * d;
        int w = (maxW + d - 1) / d * d;
        float[] mean = new float[3];
        float[] invStd = new float[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = config.mean().get(c).floatValue();
            invStd[c] = (float) (1 / config.std().get(c));
        }
        Tensor m = Tensor.of(mean, 3, 1, 1).to(dtype).to(device);   // [3,1,1]
        Tensor s = Tensor.of(invStd, 3, 1, 1).to(dtype).to(device); // [3,1,1]
        List<Tensor> padded = new ArrayList<>(images.size());
        for (Tensor im : images) {
            Tensor x = im.to(dtype).to(device).sub(m).mul(s);                                        // [3,H_i,W_i]
            padded.add(Assemble.pad(x, new int[] {0, w - im.dim(2), 0, h - im.dim(1)}, 0));          // [3,H,W]
        }
        return new Batch(Assemble.stack(padded, 0), sizes);                                         // [B,3,H,W]
    }
}
