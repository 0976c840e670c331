package org.sgae.bench.anchor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.sgae.bench.cpu.Conv2dCpuBench;
import org.sgae.bench.cpu.MatmulCpuBench;
import org.sgae.bench.model.CrnBench;

/**
 * The cases of cpu_torch_anchor.py that sgae implements, with the script's names, params and FLOP formulas. The
 * timed code is the JMH benchmarks' own ({@link MatmulCpuBench}, {@link Conv2dCpuBench}, {@link CrnBench}):
 * their @State objects are built here with the @Param field set, setup() called, and a @Benchmark method as the
 * timed unit.
 *
 * <p>Not covered (no sgae counterpart yet): sgemm_onednn_* (a second torch library for the same sgemm; compare
 * with sgemm_N) and crn_b8_l128_64x64_out1x1_* (CrnBench builds only the sg2im output head).
 */
public final class AnchorCases {
    public static final List<String> SECTIONS = List.of("sgemm", "conv", "crn");
    public static final List<String> NOT_COVERED = List.of(
            "sgemm_onednn_* (torch's oneDNN inner product; pair with sgemm_N)",
            "crn_b8_l128_64x64_out1x1_* (CrnBench has only the sg2im output head)");

    private AnchorCases() {
    }

    /** Cases of the given sections, in the script's order (sgemm, conv, crn). */
    public static List<AnchorCase> of(List<String> sections) {
        List<AnchorCase> out = new ArrayList<>();
        if (sections.contains("sgemm")) {
            for (int n : new int[] {512, 1024, 2048}) {
                out.add(sgemm(n));
            }
        }
        if (sections.contains("conv")) {
            // name, N, Cin, Cout, H (= W): the script's CONV_CASES
            Object[][] conv = {
                {"vgg_64x224", 1, 64, 64, 224}, {"vgg_128x112", 1, 128, 128, 112}, {"vgg_256x56", 1, 256, 256, 56},
                {"vgg_512x28", 1, 512, 512, 28}, {"vgg_512x14", 1, 512, 512, 14},
                {"small_n8_32to64x64", 8, 32, 64, 64},
            };
            for (Object[] c : conv) {
                out.addAll(conv((String) c[0], (int) c[1], (int) c[2], (int) c[3], (int) c[4]));
            }
        }
        if (sections.contains("crn")) {
            out.addAll(crn());
        }
        return out;
    }

    static AnchorCase sgemm(int n) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("m", n);
        params.put("n", n);
        params.put("k", n);
        return new AnchorCase("sgemm_" + n, "sgemm", params, 2.0 * n * n * n, "2*m*n*k", () -> {
            MatmulCpuBench b = new MatmulCpuBench();
            b.n = n;
            b.setup();
            return b::sgemm;
        });
    }

    static List<AnchorCase> conv(String name, int n, int cin, int cout, int hw) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("n", n);
        params.put("cin", cin);
        params.put("cout", cout);
        params.put("h", hw);
        params.put("w", hw);
        params.put("k", 3);
        params.put("pad", 1);
        params.put("bias", false);
        double f = 2.0 * n * cout * hw * hw * cin * 9; // 3x3 pad 1 stride 1: Ho = H, Wo = W
        // one state object for both cases, as the script shares its tensors between fwd and fwdbwd
        Supplier<Conv2dCpuBench> bench = memo(() -> {
            Conv2dCpuBench b = new Conv2dCpuBench();
            b.shape = n + "_" + cin + "_" + cout + "_" + hw;
            b.setup();
            return b;
        });
        return List.of(
                new AnchorCase("conv_" + name + "_fwd", "conv", params, f, "2*N*Cout*H*W*Cin*9",
                        () -> bench.get()::forward),
                new AnchorCase("conv_" + name + "_fwdbwd", "conv", params, 3 * f,
                        "3x fwd: forward + grad input + grad weight", () -> bench.get()::forwardBackward));
    }

    static List<AnchorCase> crn() {
        int b = 8;
        int lc = 128;
        int hw = 64;
        int[] dims = {1024, 512, 256, 128, 64};
        // The script counts conv FLOPs with forward hooks (2·out_numel·Cin·kh·kw, bias not counted) and checks them
        // against this closed form; the layer list and element counts are the hooks' as well.
        double fwd = 0;
        long bnElems = 0;
        List<Map<String, Object>> layers = new ArrayList<>();
        int res = hw >> dims.length;
        int prev = 1;
        List<Integer> moduleRes = new ArrayList<>();
        for (int c : dims) {
            res *= 2;
            moduleRes.add(res);
            fwd += convLayer(layers, b, lc + prev, c, 3, res);
            fwd += convLayer(layers, b, c, c, 3, res);
            bnElems += 2L * b * c * res * res;
            prev = c;
        }
        fwd += convLayer(layers, b, prev, prev, 3, hw); // sg2im head: conv3x3 64→64 + LReLU
        fwd += convLayer(layers, b, prev, 3, 1, hw); //    then conv1x1 64→3
        long actElems = bnElems + (long) b * prev * hw * hw;
        long parameters = 0;
        prev = 1;
        for (int c : dims) {
            parameters += (long) c * (lc + prev) * 9 + c + 2L * c + (long) c * c * 9 + c + 2L * c;
            prev = c;
        }
        parameters += (long) prev * prev * 9 + prev + 3L * prev + 3;

        Map<String, Object> params = new LinkedHashMap<>();
        params.put("batch", b);
        params.put("layout_channels", lc);
        params.put("size", List.of(hw, hw));
        params.put("dims", List.of(1024, 512, 256, 128, 64));
        params.put("module_res", moduleRes);
        params.put("norm", "batch");
        params.put("act", "leakyrelu0.2");
        params.put("upsample", "nearest");
        params.put("output_conv", "sg2im");
        params.put("parameters", parameters);
        params.put("conv_gflop_fwd", AnchorStats.round(fwd / 1e9, 3));
        params.put("bn_elems_fwd", bnElems);
        params.put("act_elems_fwd", actElems);
        params.put("conv_layers", layers);

        long expectParams = parameters;
        // one network for the three cases, as in the script (BN running statistics carry over between them)
        Supplier<CrnBench> bench = memo(() -> {
            CrnBench c = new CrnBench();
            c.setup();
            if (c.parameterCount() != expectParams) {
                throw new IllegalStateException("CrnBench has " + c.parameterCount() + " parameters, the anchor's "
                        + "sg2im CRN " + expectParams + ": the two no longer describe the same network");
            }
            return c;
        });
        String name = "crn_b8_l128_64x64_sg2im";
        return List.of(
                new AnchorCase(name + "_fwd_train", "crn", params, fwd,
                        "conv FLOPs only (hooks); BN in training mode (batch statistics)", () -> bench.get()::fwdTrain),
                new AnchorCase(name + "_fwd_eval", "crn", params, fwd, "conv FLOPs only; BN in eval mode",
                        () -> bench.get()::fwdEval),
                new AnchorCase(name + "_fwdbwd", "crn", params, 3 * fwd,
                        "3x conv fwd: grads to all weights and to the layout input", () -> bench.get()::fwdBwd));
    }

    /** Appends the layer as the script's conv hook records it and returns its FLOPs. */
    private static double convLayer(List<Map<String, Object>> layers, int batch, int cin, int cout, int k, int res) {
        double f = 2.0 * batch * cout * res * res * cin * k * k;
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("cin", cin);
        l.put("cout", cout);
        l.put("k", k);
        l.put("out", List.of(res, res));
        l.put("gflop", AnchorStats.round(f / 1e9, 4));
        layers.add(l);
        return f;
    }

    /** Builds once, on first use. */
    private static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }
}
