package org.sgae.nn.optim;

import java.util.List;
import org.sgae.nn.Parameter;

/**
 * Parameters that share a learning rate and weight decay (e.g. no decay on biases, a smaller rate for a pretrained
 * backbone). {@code baseLr} is the rate schedules scale; {@code lr} is the one the next step uses.
 */
public final class ParamGroup {
    private final List<Parameter> params;
    private final double baseLr;
    private final double weightDecay;
    private double lr;

    public ParamGroup(List<Parameter> params, double lr, double weightDecay) {
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException("ParamGroup: no parameters");
        }
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("ParamGroup: lr must be finite and >= 0, got " + lr);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("ParamGroup: weight decay must be finite and >= 0, got " + weightDecay);
        }
        this.params = List.copyOf(params);
        this.baseLr = lr;
        this.lr = lr;
        this.weightDecay = weightDecay;
    }

    public List<Parameter> params() {
        return params;
    }

    public double lr() {
        return lr;
    }

    public void setLr(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("ParamGroup: lr must be finite and >= 0, got " + lr);
        }
        this.lr = lr;
    }

    public double baseLr() {
        return baseLr;
    }

    public double weightDecay() {
        return weightDecay;
    }
}
