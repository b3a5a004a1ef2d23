package org.logitlab.activation;

import org.logitlab.linalg.Matrices;
import org.logitlab.linalg.Parallelism;

/**
 * The loop of {@link Softmax#rowsInto}: {@code out[i] = softmax(Z[i])} for every row, split by rows
 * across {@link Parallelism#threads()} threads for large batches. It lives apart from
 * {@link Softmax}, which is an exercise file, so that the exercise needs no threads.
 */
public final class SoftmaxRows {

  private SoftmaxRows() {}

  private static final Parallelism.RowKernel ROWS = (z, unused, v, s, out, from, to) -> {
    for (int i = from; i < to; i++) {
      Softmax.applyInto(z[i], out[i]);
    }
  };

  /** {@code out[i] = softmax(Z[i])}; {@code out} has as many rows as {@code Z} and may be {@code Z}. */
  public static void applyInto(double[][] z, double[][] out) {
    Parallelism.forRows(ROWS, z.length, Activation.COST_PER_VALUE * Matrices.cols(z), z, null, null, 0.0, out);
  }
}
