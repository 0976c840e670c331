package org.sgae.tensor.spi;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.Conv2dAttrs;
import org.sgae.tensor.attrs.Pool2dAttrs;

/**
 * Convolution, pooling, resampling and batch norm, all NCHW with contiguous inputs. Outputs are overwritten
 * ({@code =}), never accumulated, unless a method says {@code +=}.
 */
public interface NnKernels {
    /** x [N,C,H,W], w [O,C,KH,KW], bias [O] or null → out [N,O,OH,OW]. */
    void conv2d(Tensor x, Tensor w, Tensor bias, Conv2dAttrs a, Tensor out);

    /** gradOut [N,O,OH,OW], w → gradIn [N,C,H,W]. */
    void conv2dGradInput(Tensor gradOut, Tensor w, Conv2dAttrs a, Tensor gradIn);

    /** gradOut, x → gradW [O,C,KH,KW] and gradBias [O] (null when there is no bias). */
    void conv2dGradWeight(Tensor gradOut, Tensor x, Conv2dAttrs a, Tensor gradW, Tensor gradBias);

    /** out [N,C,OH,OW]; argmax [N,C,OH,OW] I32 = flat index h*W+w of the max in its input plane. */
    void maxPool2d(Tensor x, Pool2dAttrs a, Tensor out, Tensor argmax);

    /** gradIn [N,C,H,W] = scatter of gradOut through argmax. */
    void maxPool2dBackward(Tensor gradOut, Tensor argmax, Tensor gradIn);

    void avgPool2d(Tensor x, Pool2dAttrs a, Tensor out);

    void avgPool2dBackward(Tensor gradOut, Pool2dAttrs a, Tensor gradIn);

    /** PyTorch's adaptive bins: start = floor(i*H/OH), end = ceil((i+1)*H/OH). */
    void adaptiveAvgPool2d(Tensor x, Tensor out);

    void adaptiveAvgPool2dBackward(Tensor gradOut, Tensor gradIn);

    /** Nearest upsampling by integer factors out.H/x.H and out.W/x.W. */
    void upsampleNearest2d(Tensor x, Tensor out);

    void upsampleNearest2dBackward(Tensor gradOut, Tensor gradIn);

    /** Per-channel mean and biased variance of x [N,C,H,W] (or [N,C]) into mean [C], var [C]. */
    void batchNormStats(Tensor x, Tensor mean, Tensor var);

    /** out = (x − mean[c]) · invStd[c] · weight[c] + bias[c]. */
    void batchNormApply(Tensor x, Tensor mean, Tensor invStd, Tensor weight, Tensor bias, Tensor out);

    /**
     * Backward of batchNormApply. training: mean/invStd were batch statistics (gradient flows through them);
     * else they were running statistics (constants). gradWeight/gradBias [C] are overwritten.
     */
    void batchNormBackward(Tensor gradOut, Tensor x, Tensor mean, Tensor invStd, Tensor weight, boolean training,
                           Tensor gradIn, Tensor gradWeight, Tensor gradBias);
}
