package org.logitlab.activation;

/**
 * Softmax turns a vector of scores (logits) into a probability distribution:
 * {@code softmax(z)_j = e^(z_j) / Σ_k e^(z_k)}.
 *
 * <p>Exercise 3 (lesson {@code lessons/04-softmax.md}).
 */
public final class Softmax {

  private Softmax() {}

  /**
   * Writes {@code softmax(z)} into {@code out}, subtracting {@code max(z)} from every score first.
   *
   * <p>The shift changes nothing mathematically ({@code e^(z−c) / Σ e^(z−c) = e^z / Σ e^z}) but keeps
   * every exponent {@code ≤ 0}, so {@code e^(z−max)} never overflows: softmax([1000, 1001, 1002]) is
   * finite and equals softmax([0, 1, 2]). {@code out} may be {@code z} itself; otherwise {@code z}
   * is left unchanged, and whatever {@code out} held before is overwritten.
   *
   * @param z the scores of one sample, one per class
   * @param out receives the probabilities, of {@code z}'s length
   * @throws IllegalArgumentException if {@code z} is empty or {@code out} has another length
   */
  public static void applyInto(double[] z, double[] out) {
    requireNonEmpty(z, out);
    // BEGIN SOLUTION SOFTMAX
    double max = max(z);
    double sum = 0.0;
    for (int j = 0; j < z.length; j++) {
      out[j] = Math.exp(z[j] - max);
      sum += out[j];
    }
    for (int j = 0; j < out.length; j++) {
      out[j] /= sum;
    }
    // END SOLUTION
  }

  /**
   * {@code softmax(z)} as a new vector; see {@link #applyInto(double[], double[])}.
   *
   * @param z the scores of one sample, one per class
   * @return the probabilities, summing to 1
   */
  public static double[] apply(double[] z) {
    double[] out = new double[z.length];
    applyInto(z, out);
    return out;
  }

  /**
   * Row-wise softmax over a batch: {@code out[i] = softmax(Z[i])}. {@code out} may be {@code Z}.
   *
   * @param z the scores {@code Z}, one row per sample
   * @param out receives the probabilities, of {@code Z}'s shape
   */
  public static void rowsInto(double[][] z, double[][] out) {
    if (out.length != z.length) {
      throw new IllegalArgumentException("output has " + out.length + " rows but the scores have " + z.length);
    }
    for (int i = 0; i < z.length; i++) {
      applyInto(z[i], out[i]);
    }
  }

  /**
   * Row-wise softmax over a batch, as a new matrix.
   *
   * @param z the scores {@code Z}, one row per sample
   * @return the probabilities, one row per sample
   */
  public static double[][] rows(double[][] z) {
    double[][] out = new double[z.length][];
    for (int i = 0; i < z.length; i++) {
      out[i] = apply(z[i]);
    }
    return out;
  }

  /**
   * {@code log(softmax(z))}, computed without taking the log of a probability that may have
   * underflowed to 0: {@code log_softmax(z)_j = z_j − max − log Σ_k e^(z_k − max)}.
   *
   * @param z the scores of one sample, one per class
   * @return the log-probabilities, a new vector
   */
  public static double[] log(double[] z) {
    double[] out = new double[z.length];
    requireNonEmpty(z, out);
    double max = max(z);
    double sum = 0.0;
    for (double v : z) {
      sum += Math.exp(v - max);
    }
    double logSum = max + Math.log(sum);
    for (int j = 0; j < z.length; j++) {
      out[j] = z[j] - logSum;
    }
    return out;
  }

  /**
   * Row-wise {@link #log(double[])}.
   *
   * @param z the scores {@code Z}, one row per sample
   * @return the log-probabilities, one row per sample
   */
  public static double[][] logRows(double[][] z) {
    double[][] out = new double[z.length][];
    for (int i = 0; i < z.length; i++) {
      out[i] = log(z[i]);
    }
    return out;
  }

  private static double max(double[] z) {
    double max = z[0];
    for (double v : z) {
      max = Math.max(max, v);
    }
    return max;
  }

  private static void requireNonEmpty(double[] z, double[] out) {
    if (z.length == 0) {
      throw new IllegalArgumentException("softmax of an empty vector is undefined: give at least one score");
    }
    if (out.length != z.length) {
      throw new IllegalArgumentException("output has length " + out.length + " but the scores have length "
          + z.length);
    }
  }
}
