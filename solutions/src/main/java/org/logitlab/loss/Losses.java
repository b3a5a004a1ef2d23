package org.logitlab.loss;

/**
 * The other losses of the loss-function lesson, for comparison with cross-entropy: mean squared
 * error, mean absolute error and the hinge loss.
 */
public final class Losses {

  private Losses() {}

  /**
   * Mean squared error {@code (1/m)·Σ(ŷ − y)²}.
   *
   * @param predicted the predictions {@code ŷ}
   * @param y the targets, of {@code ŷ}'s length
   * @return the mean of the squared differences
   */
  public static double meanSquaredError(double[] predicted, double[] y) {
    requireSameLength(predicted, y);
    double sum = 0.0;
    for (int i = 0; i < y.length; i++) {
      double d = predicted[i] - y[i];
      sum += d * d;
    }
    return sum / y.length;
  }

  /**
   * Mean absolute error {@code (1/m)·Σ|ŷ − y|}.
   *
   * @param predicted the predictions {@code ŷ}
   * @param y the targets, of {@code ŷ}'s length
   * @return the mean of the absolute differences
   */
  public static double meanAbsoluteError(double[] predicted, double[] y) {
    requireSameLength(predicted, y);
    double sum = 0.0;
    for (int i = 0; i < y.length; i++) {
      sum += Math.abs(predicted[i] - y[i]);
    }
    return sum / y.length;
  }

  /**
   * Mean hinge loss {@code (1/m)·Σ max(0, 1 − y·s)} of raw scores {@code s} against labels
   * {@code y ∈ {−1, +1}}.
   *
   * @param scores the raw scores {@code s}, one per sample
   * @param y the labels, −1 or +1, one per sample
   * @throws IllegalArgumentException if a label is not −1 or +1
   * @return the mean hinge loss
   */
  public static double hinge(double[] scores, double[] y) {
    requireSameLength(scores, y);
    double sum = 0.0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 1.0 && y[i] != -1.0) {
        throw new IllegalArgumentException("hinge loss takes labels -1 and +1, but label " + i + " is " + y[i]);
      }
      sum += Math.max(0.0, 1.0 - y[i] * scores[i]);
    }
    return sum / y.length;
  }

  private static void requireSameLength(double[] predicted, double[] y) {
    if (predicted.length != y.length || y.length == 0) {
      throw new IllegalArgumentException("need the same, non-zero number of predictions and targets; got "
          + predicted.length + " and " + y.length);
    }
  }
}
