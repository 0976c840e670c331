package org.sgae.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sgae.autograd.Engine;
import org.sgae.data.pipeline.Batch;
import org.sgae.model.joint.Coupling;
import org.sgae.model.joint.JointModel;
import org.sgae.nn.Parameter;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;

/**
 * Where the reconstruction loss pushes the scene-graph side, against where its own loss does: for a few batches,
 * the gradient of L_SG and the gradient of L_G (through the coupling at λ_img = 1 on all three paths) with respect
 * to the scene-graph parameters, each summed over the batches, then per parameter group the two norms and their
 * cosine. A diagnostic of the λ_img ablation (model-spec §10): a cosine below zero means L_G undoes L_SG's step on
 * that group; a norm ratio ‖∇L_G‖ / ‖∇L_SG‖ near or above 1 means L_G steers it. Nothing is updated; the BN
 * buffers are put back after each forward, and both forwards of a batch draw the same random streams.
 */
public final class GradSplit {
    private GradSplit() {
    }

    /** One parameter group: the norms of the two summed gradients, their cosine, and the group's size. */
    public record Row(String group, double sgNorm, double genNorm, double cosine, long numel) {
    }

    /** The group of a scene-graph parameter name: its first two parts, three under roiHeads and gcn ("feature0" → "feature"). */
    static String group(String name) {
        String[] p = name.split("\\.");
        boolean deep = p.length > 3 && (name.startsWith("detector.roiHeads.") || name.startsWith("relation.gcn."));
        return deep ? p[0] + "." + p[1] + "." + p[2].replaceAll("\\d+$", "") : p[0] + (p.length > 1 ? "." + p[1] : "");
    }

    /** Runs the split on {@code batches} (iteration i uses the streams of iteration i of {@code seed}). */
    public static List<Row> run(JointModel model, List<Batch> batches, long seed) {
        Map<String, Parameter> params = model.sg().namedParameters();
        Map<String, float[]> gSg = new LinkedHashMap<>();
        Map<String, float[]> gGen = new LinkedHashMap<>();
        params.forEach((k, p) -> {
            gSg.put(k, new float[p.numel()]);
            gGen.put(k, new float[p.numel()]);
        });
        BufferGuard buffers = new BufferGuard(model.trainable());
        Coupling.Lambdas one = Coupling.Lambdas.all(1.0);
        model.train();
        for (int i = 0; i < batches.size(); i++) {
            for (int side = 0; side < 2; side++) {
                try (MemoryScope scope = MemoryScope.open()) {
                    buffers.save();
                    zero(model, params);
                    JointModel.Forward f = model.forward(batches.get(i), RandomStreams.forIteration(seed, i), one);
                    Engine.backward(side == 0 ? Losses.sum(f.sgLosses()) : f.gen().total());
                    accumulate(params, side == 0 ? gSg : gGen);
                    buffers.restore();
                }
            }
        }
        zero(model, params);
        Map<String, double[]> sums = new LinkedHashMap<>(); // group → {Σ a², Σ b², Σ ab, numel}
        params.keySet().forEach(k -> {
            double[] s = sums.computeIfAbsent(group(k), g -> new double[4]);
            float[] a = gSg.get(k);
            float[] b = gGen.get(k);
            for (int j = 0; j < a.length; j++) {
                s[0] += (double) a[j] * a[j];
                s[1] += (double) b[j] * b[j];
                s[2] += (double) a[j] * b[j];
            }
            s[3] += a.length;
        });
        List<Row> rows = new ArrayList<>();
        sums.forEach((g, s) -> rows.add(new Row(g, Math.sqrt(s[0]), Math.sqrt(s[1]),
                s[0] > 0 && s[1] > 0 ? s[2] / Math.sqrt(s[0] * s[1]) : Double.NaN, (long) s[3])));
        return rows;
    }

    /** The table of {@link #run}, one line per group. */
    public static void print(List<Row> rows, int batches, PrintStream out) {
        out.printf(Locale.ROOT, "gradients on the scene-graph parameters, summed over %d batches (λ_img = 1 on all"
                + " three coupling paths)%n", batches);
        out.printf(Locale.ROOT, "%-28s %10s %12s %12s %8s %8s%n", "group", "params", "|grad L_SG|", "|grad L_G|",
                "ratio", "cosine");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-28s %10d %12.4e %12.4e %8.3f %8.3f%n", r.group(), r.numel(), r.sgNorm(),
                    r.genNorm(), r.sgNorm() > 0 ? r.genNorm() / r.sgNorm() : Double.NaN, r.cosine());
        }
    }

    private static void zero(JointModel model, Map<String, Parameter> params) {
        params.values().forEach(Parameter::zeroGrad);
        model.gan().zeroGrad();
    }

    private static void accumulate(Map<String, Parameter> params, Map<String, float[]> into) {
        params.forEach((k, p) -> {
            Tensor g = p.grad();
            if (g == null) {
                return; // not reached by this loss
            }
            float[] v = g.toFloatArray();
            float[] acc = into.get(k);
            for (int j = 0; j < acc.length; j++) {
                acc[j] += v[j];
            }
        });
    }
}
