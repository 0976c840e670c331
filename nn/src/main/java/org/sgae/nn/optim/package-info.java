/**
 * Optimisers that update parameters in place without recording ({@link org.sgae.nn.optim.Sgd},
 * {@link org.sgae.nn.optim.Adam}/AdamW) over {@link org.sgae.nn.optim.ParamGroup}s, composable
 * {@link org.sgae.nn.optim.LrSchedule}s and global-norm {@link org.sgae.nn.optim.GradClip}.
 */
package org.sgae.nn.optim;
