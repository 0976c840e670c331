package org.sgae.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sgae.tensor.Tensor;

class GanLossTest {
    /** BCE(x, y) = mean of max(x,0) − x·y + log(1 + e^{−|x|}) (model-spec §9), by hand for x = 0, 2, −3. */
    @Test
    void valuesMatchTheFormula() {
        Tensor x = Tensor.of(new double[] {0, 2, -3}, 3);
        double real = (Math.log(2) + Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(3))) / 3;
        double fake = (Math.log(2) + Math.log1p(Math.exp(2)) + Math.log1p(Math.exp(-3))) / 3;
        assertEquals(real, GanLoss.real(x).item(), 1e-12);
        assertEquals(fake, GanLoss.fake(x).item(), 1e-12);
        // large logits stay finite (the stable form): −1000 judged real costs 1000
        assertEquals(1000, GanLoss.real(Tensor.of(new double[] {-1000}, 1)).item(), 1e-9);
    }
}
