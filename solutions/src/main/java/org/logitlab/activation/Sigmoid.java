package org.logitlab.activation;

/**
 * The logistic sigmoid {@code σ(z) = 1 / (1 + e^(−z))}, which squashes any real score into a
 * probability in {@code [0, 1]}.
 *
 * <p>Exercise 1 (lesson {@code lessons/01-classification-and-sigmoid.md}).
 */
public final class Sigmoid {

  private Sigmoid() {}

  /**
   * {@code σ(z)}, numerically stable for every {@code z}: no overflow or NaN for {@code |z| ≥ 1000},
   * {@code σ(−1000) = 0} and {@code σ(1000) = 1}.
   *
   * <p>For {@code z ≥ 0} it computes {@code 1 / (1 + e^(−z))}, where {@code e^(−z) ≤ 1}; for
   * {@code z < 0} the equal form {@code e^z / (1 + e^z)}, where {@code e^z < 1}. Neither form ever
   * takes {@code e} to a large positive power.
   *
   * @param z a score, any double
   * @return {@code σ(z)}, in {@code [0, 1]}
   */
  public static double apply(double z) {
    // BEGIN SOLUTION SIGMOID
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
    // END SOLUTION
  }

  /**
   * {@code σ} applied to every entry, as a new vector.
   *
   * @param z the scores
   * @return {@code σ} of each score, a new vector
   */
  public static double[] apply(double[] z) {
    double[] out = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      out[i] = apply(z[i]);
    }
    return out;
  }

  /**
   * The derivative {@code σ'(z) = σ(z)·(1 − σ(z))}.
   *
   * @param z a score
   * @return {@code σ'(z)}, in {@code [0, 0.25]}
   */
  public static double derivative(double z) {
    double s = apply(z);
    return s * (1.0 - s);
  }
}
