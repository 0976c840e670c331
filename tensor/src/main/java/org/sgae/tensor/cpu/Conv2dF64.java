package org.sgae.tensor.cpu;

import org.sgae.tensor.attrs.Conv2dShape;

/**
 * conv2d in float64 (groups = 1): the path that F64 gradient checks run through. Plain direct loops with
 * offsets (tensors may start anywhere in their storage), images split over the threads for forward and
 * backward-input, output channels for backward-weight, so no two threads write the same element.
 * x [n,cin,h,w] at xo; w [cout,cin,kh,kw] at wo; y [n,cout,oh,ow] at yo; ih = r·strideH − padH + i·dilH.
 */
final class Conv2dF64 {
    private Conv2dF64() {
    }

    static void forward(Conv2dShape s, double[] x, int xo, double[] w, int wo, double[] bias, int bo,
                        double[] y, int yo) {
        int oh = s.outH();
        int ow = s.outW();
        CpuParallel.forRange(s.n() * s.cout(), 1, (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                int n = p / s.cout();
                int co = p % s.cout();
                for (int r = 0; r < oh; r++) {
                    for (int q = 0; q < ow; q++) {
                        double acc = bias == null ? 0 : bias[bo + co];
                        for (int ci = 0; ci < s.cin(); ci++) {
                            for (int i = 0; i < s.kh(); i++) {
                                int ih = r * s.strideH() - s.padH() + i * s.dilH();
                                if (ih < 0 || ih >= s.h()) {
                                    continue;
                                }
                                for (int j = 0; j < s.kw(); j++) {
                                    int iw = q * s.strideW() - s.padW() + j * s.dilW();
                                    if (iw >= 0 && iw < s.w()) {
                                        acc += x[xo + ((n * s.cin() + ci) * s.h() + ih) * s.w() + iw]
                                                * w[wo + ((co * s.cin() + ci) * s.kh() + i) * s.kw() + j];
                                    }
                                }
                            }
                        }
                        y[yo + (p * oh + r) * ow + q] = acc;
                    }
                }
            }
        });
    }

    /** dx (overwritten) gathers, for each input cell, the taps of every output that read it. */
    static void backwardInput(Conv2dShape s, double[] dy, int dyo, double[] w, int wo, double[] dx, int dxo) {
        int oh = s.outH();
        int ow = s.outW();
        CpuParallel.forRange(s.n(), 1, (n0, n1) -> {
            for (int n = n0; n < n1; n++) {
                int base = dxo + n * s.cin() * s.h() * s.w();
                java.util.Arrays.fill(dx, base, base + s.cin() * s.h() * s.w(), 0);
                for (int co = 0; co < s.cout(); co++) {
                    for (int r = 0; r < oh; r++) {
                        for (int q = 0; q < ow; q++) {
                            double g = dy[dyo + ((n * s.cout() + co) * oh + r) * ow + q];
                            for (int ci = 0; ci < s.cin(); ci++) {
                                for (int i = 0; i < s.kh(); i++) {
                                    int ih = r * s.strideH() - s.padH() + i * s.dilH();
                                    if (ih < 0 || ih >= s.h()) {
                                        continue;
                                    }
                                    for (int j = 0; j < s.kw(); j++) {
                                        int iw = q * s.strideW() - s.padW() + j * s.dilW();
                                        if (iw >= 0 && iw < s.w()) {
                                            dx[base + (ci * s.h() + ih) * s.w() + iw] +=
                                                    g * w[wo + ((co * s.cin() + ci) * s.kh() + i) * s.kw() + j];
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    /** dw [cout,cin,kh,kw] and dbias [cout] (may be null), overwritten. */
    static void backwardWeight(Conv2dShape s, double[] x, int xo, double[] dy, int dyo, double[] dw, int dwo,
                               double[] dbias, int dbo) {
        int oh = s.outH();
        int ow = s.outW();
        CpuParallel.forRange(s.cout(), 1, (c0, c1) -> {
            for (int co = c0; co < c1; co++) {
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
                                        if (iw >= 0 && iw < s.w()) {
                                            acc += dy[dyo + ((n * s.cout() + co) * oh + r) * ow + q]
                                                    * x[xo + ((n * s.cin() + ci) * s.h() + ih) * s.w() + iw];
                                        }
                                    }
                                }
                            }
                            dw[dwo + ((co * s.cin() + ci) * s.kh() + i) * s.kw() + j] = acc;
                        }
                    }
                }
                if (dbias != null) {
                    double acc = 0;
                    for (int n = 0; n < s.n(); n++) {
                        for (int t = 0; t < oh * ow; t++) {
                            acc += dy[dyo + (n * s.cout() + co) * oh * ow + t];
                        }
                    }
                    dbias[dbo + co] = acc;
                }
            }
        });
    }
}
