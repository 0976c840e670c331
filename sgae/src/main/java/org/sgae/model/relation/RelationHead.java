package org.sgae.model.relation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sgae.data.vg.FrequencyStats;
import org.sgae.model.detector.FasterRcnn;
import org.sgae.model.detector.StageTimer;
import org.sgae.model.detector.roi.Detections;
import org.sgae.nn.Linear;
import org.sgae.nn.Module;
import org.sgae.nn.Parameter;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Assemble;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Index;
import org.sgae.train.config.RelationConfig;

/**
 * The relation stage of model-spec §4–5 on a batch of detections: RePN per image, object features
 * z⁰ = ReLU(Linear(fc7)), union-box features, the aGCN and its classifiers, and the optional frequency bias
 * q_k += F[label_s, label_o]. Submodules {@code repn}, {@code objEmbed}, {@code union}, {@code gcn}; parameter
 * {@code freqBias} [C·C, P] only when {@code rel.freqBias}.
 */
public final class RelationHead extends Module {
    private final RelationConfig config;
    private final int numClasses;
    private final Repn repn;
    private final Linear objEmbed;
    private final UnionFeatures union;
    private final AttentionalGcn gcn;
    private final Parameter freqBias;

    /**
     * The stage's outputs for a batch.
     *
     * @param repn      per image its RePN output (null for an image with fewer than 2 detections: no pair)
     * @param pairs     per image its kept pairs [K_i·2], RePN order
     * @param graph     the batch graph (global indices)
     * @param objLogits ℓ [ΣN,C]
     * @param relLogits q [ΣK,P], or null when the batch has no pair
     */
    public record Output(List<Repn.Output> repn, List<int[]> pairs, RelationGraph graph, Tensor objLogits,
                         Tensor relLogits) {
    }

    public RelationHead(RelationConfig config, int numClasses, int representationSize, int channels, int stride,
                        DType dtype, Device device, SplittableRandom rng) {
        this.config = config.validate();
        this.numClasses = numClasses;
        int d = config.features().dim();
        int p = config.rel().numPredicates();
        this.repn = registerModule("repn", new Repn(config.repn(), numClasses, dtype, device, rng));
        this.objEmbed = registerModule("objEmbed", Linears.normal(representationSize, d, true, dtype, device, rng));
        this.union = registerModule("union", new UnionFeatures(config.features(), channels, stride, dtype, device,
                rng));
        this.gcn = registerModule("gcn", new AttentionalGcn(config.gcn(), d, numClasses, p, dtype, device, rng));
        this.freqBias = config.rel().freqBias()
                ? registerParameter("freqBias", Tensor.zeros(Shape.of(numClasses * numClasses, p), dtype, device))
                : null;
    }

    public RelationConfig config() {
        return config;
    }

    /** Sets the frequency table F to the training statistics' log prior (§5); refuses other vocabularies. */
    public void initFrequencyBias(FrequencyStats stats) {
        if (freqBias == null) {
            return;
        }
        int p = config.rel().numPredicates();
        if (stats.numObjectClasses() != numClasses || stats.numPredicateClasses() != p) {
            throw new IllegalArgumentException("frequency statistics: " + stats.numObjectClasses() + " classes and "
                    + stats.numPredicateClasses() + " predicates, the model has " + numClasses + " and " + p);
        }
        Tensor prior = Tensor.of(stats.logPrior(), numClasses * numClasses, p).to(freqBias.data().dtype());
        Elementwise.copyInto(prior.to(freqBias.data().device()), freqBias.data());
    }

    /**
     * The stage on one batch's detector outputs.
     *
     * @param in         detections, backbone features [B,C,h,w] and image sizes
     * @param freqLabels per image the labels the frequency bias reads (GT labels in PredCls), or null for the
     *                   stop-gradient argmax of ℓ
     */
    public Output forward(FasterRcnn.RelationInputs in, List<int[]> freqLabels) {
        List<Detections> dets = in.detections();
        Tensor features = in.features();
        DType dtype = features.dtype();
        Device device = features.device();
        int b = dets.size();
        int[] counts = new int[b];
        List<Repn.Output> repnOut = new ArrayList<>(b);
        List<int[]> pairs = new ArrayList<>(b);
        List<float[]> boxes = new ArrayList<>(b);
        List<Tensor> fc7 = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            Detections d = dets.get(i);
            counts[i] = d.size();
            boxes.add(d.boxes());
            fc7.add(d.fc7());
            if (d.size() < 2) {
                repnOut.add(null);
                pairs.add(new int[0]);
                continue;
            }
            Tensor code = Tensor.of(BoxCode.of(d.boxes(), in.sizes().get(i)), d.size(), BoxCode.SIZE).to(dtype)
                    .to(device);                                                     // [N,6], detached
            Repn.Output r = repn.forward(d.logits(), code);
            repnOut.add(r);
            pairs.add(r.pairs());
        }
        RelationGraph graph = RelationGraph.build(counts, pairs);
        Tensor zObj = Elementwise.relu(objEmbed.forward(Assemble.cat(fc7, 0)));      // [ΣN,D]
        Tensor zRel = graph.numRelations() == 0 ? null
                : union.forward(features, UnionFeatures.unionRois(boxes, pairs));    // [ΣK,D]
        AttentionalGcn.Output o = gcn.forward(zObj, zRel, graph);
        Tensor q = o.relLogits();
        if (freqBias != null && q != null) {
            long t = StageTimer.start();
            q = q.add(Index.indexSelect(freqBias.data(), 0, frequencyRows(o.objLogits(), graph, freqLabels))); // [ΣK,P]
            StageTimer.stop(StageTimer.Stage.SG_CLASSIFIERS, t);
        }
        return new Output(repnOut, pairs, graph, o.objLogits(), q);
    }

    /** Rows label_s·C + label_o of the table for each relation [ΣK] I64. */
    private Tensor frequencyRows(Tensor objLogits, RelationGraph graph, List<int[]> freqLabels) {
        int[] labels;
        if (freqLabels != null) {
            labels = new int[graph.numObjects()];
            for (int i = 0; i < freqLabels.size(); i++) {
                System.arraycopy(freqLabels.get(i), 0, labels, graph.objectOffsets()[i], freqLabels.get(i).length);
            }
        } else {
            labels = Labels.argmaxForeground(objLogits.detach().to(DType.F32).toFloatArray(), numClasses); // read
        }
        long[] rows = new long[graph.numRelations()];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = (long) labels[(int) graph.subjects()[k]] * numClasses + labels[(int) graph.objects()[k]];
        }
        return Tensor.ofLongs(rows, rows.length).to(objLogits.device());
    }
}
