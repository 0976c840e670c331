/**
 * Neural-network building blocks on the tensor engine and its autograd.
 *
 * <ul>
 *   <li>{@link org.sgae.nn.Module}: named parameters, buffers and children (LinkedHashMaps, registration order),
 *       dotted names, train/eval, state dicts; {@link org.sgae.nn.Layer} adds {@code forward(Tensor)}.</li>
 *   <li>Layers: Linear, Conv2d, BatchNorm2d, ReLU, LeakyReLU, Sigmoid, Tanh, MaxPool2d, AvgPool2d,
 *       AdaptiveAvgPool2d, Upsample, Dropout, Embedding, Flatten, Sequential.</li>
 *   <li>{@link org.sgae.nn.Init}: Kaiming, Xavier, normal, uniform, constant, from a seeded SplittableRandom.</li>
 *   <li>{@link org.sgae.nn.SafeTensors}: deterministic, atomic safetensors files.</li>
 * </ul>
 *
 * <p>Lifetimes: parameters, buffers, gradients and optimiser state live outside MemoryScopes; wrap each training
 * step in its own scope:
 * <pre>{@code
 * try (MemoryScope step = MemoryScope.open()) {
 *     Tensor loss = CrossEntropy.loss(model.forward(x), y);
 *     opt.zeroGrad();
 *     Engine.backward(loss);
 *     opt.step();
 * }
 * }</pre>
 */
package org.sgae.nn;
