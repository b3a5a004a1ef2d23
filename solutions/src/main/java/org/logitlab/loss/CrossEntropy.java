package org.logitlab.loss;

import java.util.function.DoubleUnaryOperator;
import org.logitlab.activation.Softmax;
import org.logitlab.linalg.Matrices;

/**
 * Multi-class cross-entropy, the cost of softmax regression and of the two-layer network:
 * {@code J = −(1/m)·Σᵢ Σⱼ Y[i][j]·log P[i][j]} for one-hot targets {@code Y} and predicted
 * probabilities {@code P}.
 */
public final class CrossEntropy {

  private CrossEntropy() {}

  /**
   * The mean cross-entropy of probabilities {@code P} (rows sum to 1) against targets {@code Y}
   * (one-hot rows). Entries where {@code Y} is 0 contribute nothing, even where {@code P} is 0;
   * probabilities are clipped below at {@link BinaryCrossEntropy#EPSILON}.
   *
   * @param p the probabilities {@code P}, {@code m × k}
   * @param y the one-hot targets {@code Y}, {@code m × k}
   * @return the mean cross-entropy {@code −(1/m)·Σ Y·log P}
   */
  public static double fromProbabilities(double[][] p, double[][] y) {
    return meanCrossEntropy(p, y, q -> Math.log(Math.max(q, BinaryCrossEntropy.EPSILON)));
  }

  /**
   * The mean cross-entropy computed from scores (logits) {@code Z}: the negative log-likelihood of
   * {@code log_softmax(Z)}. Stable for any logits, however large.
   *
   * @param z the logits {@code Z}, {@code m × k}
   * @param y the one-hot targets {@code Y}, {@code m × k}
   * @return the mean cross-entropy of {@code softmax(Z)} against {@code Y}
   */
  public static double fromLogits(double[][] z, double[][] y) {
    return meanCrossEntropy(Softmax.logRows(z), y, logP -> logP);
  }

  /**
   * The mean negative log-likelihood {@code −(1/m)·Σᵢ logP[i][labels[i]]} of integer labels.
   *
   * @param logProbabilities the log-probabilities, {@code m × k}
   * @param labels the class of each row, each in {@code [0, k)}
   * @return the mean negative log-likelihood of the labels
   */
  public static double negativeLogLikelihood(double[][] logProbabilities, int[] labels) {
    if (logProbabilities.length != labels.length) {
      throw new IllegalArgumentException(logProbabilities.length + " rows of log-probabilities but "
          + labels.length + " labels");
    }
    requireNonEmpty(labels.length);
    double sum = 0.0;
    for (int i = 0; i < labels.length; i++) {
      int k = logProbabilities[i].length;
      if (labels[i] < 0 || labels[i] >= k) {
        throw new IllegalArgumentException("label at index " + i + " is " + labels[i] + ", outside [0, "
            + k + ")");
      }
      sum -= logProbabilities[i][labels[i]];
    }
    return sum / labels.length;
  }

  /** {@code −(1/m)·Σᵢ Σⱼ Y[i][j]·log(P[i][j])}, skipping the entries where {@code Y} is 0. */
  private static double meanCrossEntropy(double[][] predicted, double[][] y, DoubleUnaryOperator log) {
    requireSameShape(predicted, y);
    double sum = 0.0;
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < y[i].length; j++) {
        if (y[i][j] != 0.0) {
          sum -= y[i][j] * log.applyAsDouble(predicted[i][j]);
        }
      }
    }
    return sum / y.length;
  }

  private static void requireSameShape(double[][] predicted, double[][] y) {
    Matrices.requireRectangular("predictions", predicted);
    Matrices.requireRectangular("targets", y);
    if (predicted.length != y.length || Matrices.cols(predicted) != Matrices.cols(y)) {
      throw new IllegalArgumentException("predictions have shape " + Matrices.shape(predicted)
          + " but targets have shape " + Matrices.shape(y) + "; they must match");
    }
    requireNonEmpty(y.length);
  }

  private static void requireNonEmpty(int m) {
    if (m == 0) {
      throw new IllegalArgumentException("the mean loss of an empty batch is undefined");
    }
  }
}
