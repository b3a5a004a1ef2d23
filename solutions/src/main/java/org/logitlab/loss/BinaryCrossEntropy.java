package org.logitlab.loss;

import org.logitlab.linalg.Matrices;

/**
 * Binary cross-entropy (BCE), the cost of logistic regression:
 * {@code J(w, b) = −(1/m)·Σᵢ [yᵢ·log ŷᵢ + (1 − yᵢ)·log(1 − ŷᵢ)]} with {@code ŷ = σ(X·w + b)}.
 *
 * <p>Exercise 2 is {@link #gradient} (lesson {@code lessons/02-binary-cross-entropy.md}).
 */
public final class BinaryCrossEntropy {

  /**
   * Predicted probabilities are clipped to {@code [EPSILON, 1 − EPSILON]} before the log, so a
   * confident wrong answer costs at most {@code −log(1e-15) ≈ 34.5} instead of infinity.
   */
  public static final double EPSILON = 1e-15;

  private BinaryCrossEntropy() {}

  /**
   * The gradient of the mean BCE with respect to the weights and the bias.
   *
   * @param dw {@code ∂J/∂w = (1/m)·Xᵀ(ŷ − y)}, one entry per feature
   * @param db {@code ∂J/∂b = (1/m)·Σᵢ (ŷᵢ − yᵢ)}
   */
  public record Gradient(double[] dw, double db) {}

  /**
   * The mean binary cross-entropy of predicted probabilities {@code ŷ} against targets {@code y},
   * stable for {@code ŷ} at or near 0 and 1 (see {@link #EPSILON}).
   *
   * @param yHat predicted probabilities {@code P(y = 1)}, each in {@code [0, 1]}
   * @param y targets, each in {@code [0, 1]} (usually 0 or 1)
   * @return the mean binary cross-entropy
   */
  public static double loss(double[] yHat, double[] y) {
    requireSameLength(yHat, y);
    double sum = 0.0;
    for (int i = 0; i < y.length; i++) {
      double p = Math.min(Math.max(yHat[i], EPSILON), 1.0 - EPSILON);
      sum -= y[i] * Math.log(p) + (1.0 - y[i]) * Math.log1p(-p);
    }
    return sum / y.length;
  }

  /**
   * The mean BCE computed from the scores {@code z = X·w + b} instead of from {@code σ(z)}:
   * {@code max(z, 0) − z·y + log(1 + e^(−|z|))} per sample, exact for every {@code z} with no
   * clipping.
   *
   * @param z the scores {@code z = X·w + b}, one per sample
   * @param y the targets, each in {@code [0, 1]}
   * @return the mean binary cross-entropy of {@code σ(z)} against {@code y}
   */
  public static double lossFromLogits(double[] z, double[] y) {
    requireSameLength(z, y);
    double sum = 0.0;
    for (int i = 0; i < y.length; i++) {
      sum += Math.max(z[i], 0.0) - z[i] * y[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
    }
    return sum / y.length;
  }

  /**
   * The gradient of the mean BCE for the batch {@code X}: {@code ∂J/∂w = (1/m)·Xᵀ(ŷ − y)} and
   * {@code ∂J/∂b = (1/m)·Σ(ŷ − y)}. The sigmoid's derivative cancels against the log's, which is why
   * the result is this simple.
   *
   * <p>It does not modify its arguments.
   *
   * @param x inputs, {@code m × n}
   * @param yHat predictions {@code σ(X·w + b)}, length {@code m}
   * @param y targets, length {@code m}
   * @return {@code dw} and {@code db}
   */
  public static Gradient gradient(double[][] x, double[] yHat, double[] y) {
    requireSameLength(yHat, y);
    if (x.length != y.length) {
      throw new IllegalArgumentException("x has " + x.length + " rows but there are " + y.length + " targets");
    }
    // BEGIN SOLUTION BCE_GRADIENT
    int m = y.length;
    double[] residual = new double[m];
    double sum = 0.0;
    for (int i = 0; i < m; i++) {
      residual[i] = yHat[i] - y[i];
      sum += residual[i];
    }
    return new Gradient(Matrices.multiplyTransposeA(x, residual, 1.0 / m), sum / m);
    // END SOLUTION
  }

  private static void requireSameLength(double[] predicted, double[] y) {
    if (predicted.length != y.length) {
      throw new IllegalArgumentException(predicted.length + " predictions but " + y.length
          + " targets; give one prediction per target");
    }
    if (y.length == 0) {
      throw new IllegalArgumentException("the mean loss of an empty batch is undefined");
    }
  }
}
