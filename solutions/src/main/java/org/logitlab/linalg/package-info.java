/**
 * The kernels every model runs on: shape-checked matrix products and updates on {@code double[][]}
 * ({@link org.logitlab.linalg.Matrices}), and how many threads they use
 * ({@link org.logitlab.linalg.Parallelism}).
 */
package org.logitlab.linalg;
