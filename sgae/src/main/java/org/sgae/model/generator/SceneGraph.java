package org.sgae.model.generator;

import java.util.List;

import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Assemble;

/**
 * The generator's input graph for a batch of {@code images} (model-spec §8), nodes and triples concatenated over the
 * batch with global node indices. The real objects come first (rows 0..R−1), then one {@code __image__} node per
 * image (rows R..R+B−1); the triples are the relations among the real objects, then one {@code [i, __in_image__,
 * image(i)]} triple per real object.
 *
 * <p>Every float tensor here may carry a gradient back to whoever built it: the object and predicate vectors (soft
 * labels, §10.1), the boxes (differentiable decoded boxes, §10.2) and the triple weights (relatedness, §10.3). Use
 * {@link #assemble} to build one; it adds the image nodes and their triples.
 *
 * @param images   B
 * @param realCount R, the real objects (the D_obj crops and AC labels are theirs)
 * @param objects  [R+B, D_g] object vectors
 * @param objToImg [R+B] I64 image of each node
 * @param boxes    [R+B, 4] layout boxes (x0, y0, x1, y1) in [0, 1]; the image nodes have [0, 0, 1, 1]
 * @param predicates [T, D_g] predicate vectors
 * @param subjects [T] I64 subject node of each triple
 * @param objectsOfTriples [T] I64 object node of each triple
 * @param weights  [T] triple weights w_t (1 in phase 1)
 * @param labels   [R] I64 hard class labels of the real objects (the AC targets, §9)
 */
public record SceneGraph(int images, int realCount, Tensor objects, Tensor objToImg, Tensor boxes, Tensor predicates,
                         Tensor subjects, Tensor objectsOfTriples, Tensor weights, Tensor labels) {

    /**
     * The full graph from the real objects and their relations.
     *
     * @param vocab     for the __image__ and __in_image__ vectors
     * @param images    B
     * @param realVecs  [R, D_g] real object vectors (a lookup, or soft labels p·E)
     * @param realToImg [R] image of each real object, non-decreasing is not required
     * @param realBoxes [R, 4] layout boxes in [0, 1]
     * @param labels    [R] hard labels (AC targets)
     * @param relPreds  [T_r, D_g] relation predicate vectors
     * @param relSubj   [T_r] subject, an index into the real objects
     * @param relObj    [T_r] object, an index into the real objects
     * @param relWeights [T_r] weights, or null for all 1
     */
    public static SceneGraph assemble(Vocabulary vocab, int images, Tensor realVecs, long[] realToImg, Tensor realBoxes,
                                      Tensor labels, Tensor relPreds, long[] relSubj, long[] relObj,
                                      Tensor relWeights) {
        int r = realVecs.dim(0);
        int tr = relSubj.length;
        if (realToImg.length != r || realBoxes.dim(0) != r || labels.dim(0) != r || relObj.length != tr
                || relPreds.dim(0) != tr || (relWeights != null && relWeights.dim(0) != tr)) {
            throw new IllegalArgumentException("SceneGraph.assemble: inconsistent sizes: " + r + " objects with "
                    + realToImg.length + " images, boxes " + realBoxes.shape() + ", labels " + labels.shape() + "; "
                    + tr + " relations with " + relObj.length + " objects, predicates " + relPreds.shape()
                    + ", weights " + (relWeights == null ? "none" : relWeights.shape()));
        }
        Device dev = realVecs.device();
        DType dt = realVecs.dtype();
        long[] objImg = new long[r + images];
        System.arraycopy(realToImg, 0, objImg, 0, r);
        for (int b = 0; b < images; b++) {
            objImg[r + b] = b;
        }
        long[] s = new long[tr + r];
        long[] o = new long[tr + r];
        for (int t = 0; t < tr; t++) {
            check(relSubj[t], r, "subject", t);
            check(relObj[t], r, "object", t);
            s[t] = relSubj[t];
            o[t] = relObj[t];
        }
        for (int i = 0; i < r; i++) {
            check(realToImg[i], images, "image", i);
            s[tr + i] = i;
            o[tr + i] = r + realToImg[i];
        }
        float[] unit = new float[images * 4];
        for (int b = 0; b < images; b++) {
            unit[4 * b + 2] = 1;
            unit[4 * b + 3] = 1;
        }
        Tensor imageBoxes = Tensor.of(unit, images, 4).to(dt).to(dev);
        Tensor objs = Assemble.cat(List.of(realVecs, vocab.imageObjects(images, dev)), 0);
        Tensor boxes = Assemble.cat(List.of(realBoxes, imageBoxes), 0);
        Tensor preds = Assemble.cat(List.of(relPreds, vocab.inImagePredicates(r, dev)), 0);
        Tensor inImageW = Tensor.full(org.sgae.tensor.Shape.of(r), dt, dev, 1.0);
        Tensor w = relWeights == null ? Tensor.full(org.sgae.tensor.Shape.of(tr + r), dt, dev, 1.0)
                : Assemble.cat(List.of(relWeights, inImageW), 0);
        return new SceneGraph(images, r, objs, Tensor.ofLongs(objImg, r + images).to(dev), boxes, preds,
                Tensor.ofLongs(s, tr + r).to(dev), Tensor.ofLongs(o, tr + r).to(dev), w, labels);
    }

    private static void check(long v, int n, String what, int at) {
        if (v < 0 || v >= n) {
            throw new IllegalArgumentException("SceneGraph.assemble: " + what + " " + v + " of entry " + at
                    + " outside [0, " + n + ")");
        }
    }

    /** O = R + B nodes. */
    public int nodes() {
        return objects.dim(0);
    }

    /** The real objects' boxes [R, 4]. */
    public Tensor realBoxes() {
        return boxes.narrow(0, 0, realCount);
    }

    /** The real objects' images [R]. */
    public Tensor realToImg() {
        return objToImg.narrow(0, 0, realCount);
    }
}
