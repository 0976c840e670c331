package org.sgae.autograd;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.sgae.autograd.derivatives.DetectionGrad;
import org.sgae.autograd.derivatives.ElementwiseGrad;
import org.sgae.autograd.derivatives.IndexGrad;
import org.sgae.autograd.derivatives.LayoutGrad;
import org.sgae.autograd.derivatives.LinalgGrad;
import org.sgae.autograd.derivatives.NnGrad;
import org.sgae.autograd.derivatives.ReduceGrad;
import org.sgae.autograd.derivatives.ViewGrad;
import org.sgae.tensor.ops.Op;

/** The one table of backward rules, keyed by op. Each derivative family class registers its ops here. */
public final class Derivatives {
    private static final Map<Op, Derivative> TABLE = new EnumMap<>(Op.class);

    static {
        ElementwiseGrad.register(TABLE);
        ReduceGrad.register(TABLE);
        ViewGrad.register(TABLE);
        LinalgGrad.register(TABLE);
        IndexGrad.register(TABLE);
        NnGrad.register(TABLE);
        DetectionGrad.register(TABLE);
        LayoutGrad.register(TABLE);
    }

    private Derivatives() {
    }

    /** The derivative of op; for a differentiable op without one, a Derivative that fails naming the op. */
    public static Derivative of(Op op) {
        Derivative d = TABLE.get(op);
        if (d != null) {
            return d;
        }
        return (node, g) -> {
            throw new UnsupportedOperationException("No derivative registered for op '" + op.name().toLowerCase()
                    + "'");
        };
    }

    public static boolean has(Op op) {
        return TABLE.containsKey(op);
    }

    public static Map<Op, Derivative> table() {
        return Collections.unmodifiableMap(TABLE);
    }
}
