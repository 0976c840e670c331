package org.sgae.tensor.cpu.ref;

import org.sgae.tensor.attrs.Conv2dShape;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * Oracle for {@link org.sgae.tensor.cpu.Conv2dCpu}: the convolution sum written out literally, double
 * accumulators. NCHW; weight [cout, cin, kh, kw]; {@code ih = oh·strideH − padH + i·dilH} (same for width);
 * taps outside the input are zero padding.
 */
@OpPart(role = Role.REFERENCE, ops = Op.CONV2D)
public final class Conv2dRef {
    private Conv2dRef() {
    }

    /** y[n, co, oh, ow] = bias[co] + Σ_{ci,i,j} x[n, ci, ih, iw]·w[co, ci, i, j]. bias may be null. */
    public static void forward(Conv2dShape s, float[] x, float[] w, float[] bias, float[] y) {
        int oh = s.outH();
        int ow = s.outW();
        for (int n = 0; n < s.n(); n++) {
            for (int co = 0; co < s.cout(); co++) {
                for (int r = 0; r < oh; r++) {
                    for (int q = 0; q < ow; q++) {
                        double acc = bias == null ? 0 : bias[co];
                        for (int ci = 0; ci < s.cin(); ci++) {
                            for (int i = 0; i < s.kh(); i++) {
                                int ih = r * s.strideH() - s.padH() + i * s.dilH();
                                if (ih < 0 || ih >= s.h()) {
                                    continue;
                                }
                                for (int j = 0; j < s.kw(); j++) {
                                    int iw = q * s.strideW() - s.padW() + j * s.dilW();
                                    if (iw < 0 || iw >= s.w()) {
                                        continue;
                                    }
                                    acc += (double) x[((n * s.cin() + ci) * s.h() + ih) * s.w() + iw]
                                            * w[((co * s.cin() + ci) * s.kh() + i) * s.kw() + j];
                                }
                            }
                        }
                        y[((n * s.cout() + co) * oh + r) * ow + q] = (float) acc;
                    }
                }
            }
        }
    }

    /** dx = ∂L/∂x given dy: every tap that read x[n, ci, ih, iw] sends back dy·w. Overwrites dx. */
    public static void backwardInput(Conv2dShape s, float[] dy, float[] w, float[] dx) {
        int oh = s.outH();
        int ow = s.outW();
        double[] acc = new double[(int) s.inputSize()];
        for (int n = 0; n < s.n(); n++) {
            for (int co = 0; co < s.cout(); co++) {
                for (int r = 0; r < oh; r++) {
                    for (int q = 0; q < ow; q++) {
                        double g = dy[((n * s.cout() + co) * oh + r) * ow + q];
                        for (int ci = 0; ci < s.cin(); ci++) {
                            for (int i = 0; i < s.kh(); i++) {
                                int ih = r * s.strideH() - s.padH() + i * s.dilH();
                                if (ih < 0 || ih >= s.h()) {
                                    continue;
                                }
                                for (int j = 0; j < s.kw(); j++) {
                                    int iw = q * s.strideW() - s.padW() + j * s.dilW();
                                    if (iw < 0 || iw >= s.w()) {
                                        continue;
                                    }
                                    acc[((n * s.cin() + ci) * s.h() + ih) * s.w() + iw] +=
                                            g * w[((co * s.cin() + ci) * s.kh() + i) * s.kw() + j];
                                }
                            }
                        }
                    }
                }
            }
        }
        for (int i = 0; i < acc.length; i++) {
            dx[i] = (float) acc[i];
        }
    }

    /** dw[co, ci, i, j] = Σ_{n,oh,ow} dy·x at the tap; dbias[co] = Σ dy (dbias may be null). Overwrites. */
    public static void backwardWeight(Conv2dShape s, float[] x, float[] dy, float[] dw, float[] dbias) {
        int oh = s.outH();
        int ow = s.outW();
        for (int co = 0; co < s.cout(); co++) {
            for (int ci = 0; ci < s.cin(); ci++) {
                for (int i = 0; i < s.kh(); i++) {
                    for (int j = 0; j < s.kw(); j++) {
                        double acc = 0;
                        for (int n = 0; n < s.n(); n++) {
                            for (int r = 0; r < oh; r++) {
                                int ih = r * s.strideH() - s.padH() + i * s.dilH();
                                if (ih < 0 || ih >= s.h()) {
                                    continue;
                                }
                                for (int q = 0; q < ow; q++) {
                                    int iw = q * s.strideW() - s.padW() + j * s.dilW();
                                    if (iw < 0 || iw >= s.w()) {
                                        continue;
                                    }
                                    acc += (double) dy[((n * s.cout() + co) * oh + r) * ow + q]
                                            * x[((n * s.cin() + ci) * s.h() + ih) * s.w() + iw];
                                }
                            }
                        }
                        dw[((co * s.cin() + ci) * s.kh() + i) * s.kw() + j] = (float) acc;
                    }
                }
            }
        }
        if (dbias != null) {
            for (int co = 0; co < s.cout(); co++) {
                double acc = 0;
                for (int n = 0; n < s.n(); n++) {
                    for (int t = 0; t < oh * ow; t++) {
                        acc += dy[(n * s.cout() + co) * oh * ow + t];
                    }
                }
                dbias[co] = (float) acc;
            }
        }
    }
}
