/**
 * Losses composed from differentiable ops (autograd supplies their backward): {@link org.sgae.nn.loss.CrossEntropy}
 * (class weights, ignore index), {@link org.sgae.nn.loss.BceWithLogits} (stable, pos_weight),
 * {@link org.sgae.nn.loss.RegressionLoss} (L1, MSE, smooth L1). Semantics follow PyTorch's functional losses.
 */
package org.sgae.nn.loss;
