package org.sgae.model.generator;

import java.util.SplittableRandom;

import org.sgae.nn.Embedding;
import org.sgae.nn.Module;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.train.config.GeneratorConfig;

/**
 * The generator's vocabulary embeddings of model-spec §8: E_obj (C_obj + 1 rows: background 0, the classes,
 * {@code __image__} last) and E_pred (C_pred + 1 rows: background 0, the predicates, {@code __in_image__} last),
 * both N(0, 1).
 *
 * <p>Two ways in: a lookup of hard ids (phase 1), or soft labels p·E (phase 2, §10): a probability row over a
 * contiguous block of rows starting at {@code firstRow} (the classes 1..C−1 in the coupling). A one-hot row gives
 * the looked-up vector exactly: 1·e + Σ 0·e′ adds only exact zeros.
 */
public final class Vocabulary extends Module {
    private final Embedding objects;
    private final Embedding predicates;
    private final GeneratorConfig cfg;

    public Vocabulary(GeneratorConfig cfg, DType dtype, Device device, SplittableRandom rng) {
        this.cfg = cfg;
        this.objects = registerModule("obj", new Embedding(cfg.objEmbeddings(), cfg.embedDim(), dtype, device, rng));
        this.predicates = registerModule("pred", new Embedding(cfg.predEmbeddings(), cfg.embedDim(), dtype, device,
                rng));
    }

    /** ids [O] (I64, in [0, C_obj]) → [O, D_g]. */
    public Tensor objects(Tensor ids) {
        return objects.forward(ids);
    }

    /** ids [T] (I64, in [0, C_pred]) → [T, D_g]. */
    public Tensor predicates(Tensor ids) {
        return predicates.forward(ids);
    }

    /** Soft object labels: probs [O, K] over rows firstRow..firstRow+K−1 of E_obj → probs·E [O, D_g]. */
    public Tensor softObjects(Tensor probs, int firstRow) {
        return soft("softObjects", objects.weight().data(), probs, firstRow);
    }

    /** Soft predicate labels: probs [T, K] over rows firstRow..firstRow+K−1 of E_pred → probs·E [T, D_g]. */
    public Tensor softPredicates(Tensor probs, int firstRow) {
        return soft("softPredicates", predicates.weight().data(), probs, firstRow);
    }

    private static Tensor soft(String what, Tensor table, Tensor probs, int firstRow) {
        if (probs.rank() != 2 || firstRow < 0 || firstRow + probs.dim(1) > table.dim(0)) {
            throw new IllegalArgumentException("Vocabulary." + what + ": probs " + probs.shape() + " from row "
                    + firstRow + " do not fit the " + table.dim(0) + "-row table");
        }
        return probs.matmul(table.narrow(0, firstRow, probs.dim(1)));
    }

    /** The __image__ vector(s): [n, D_g]. */
    public Tensor imageObjects(int n, Device device) {
        return objects.forward(constantIds(n, cfg.imageClass(), device));
    }

    /** The __in_image__ vector(s): [n, D_g]. */
    public Tensor inImagePredicates(int n, Device device) {
        return predicates.forward(constantIds(n, cfg.inImagePredicate(), device));
    }

    private static Tensor constantIds(int n, int id, Device device) {
        long[] ids = new long[n];
        java.util.Arrays.fill(ids, id);
        return Tensor.ofLongs(ids, n).to(device);
    }

    /** E_obj [C_obj + 1, D_g] (for tests and the coupling's checks). */
    public Tensor objectTable() {
        return objects.weight().data();
    }
}
