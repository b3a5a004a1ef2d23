package org.logitlab.model;

import org.logitlab.linalg.Matrices;

/** The input checks every model makes before it trains or predicts, with messages that say what to fix. */
public final class Inputs {

  private Inputs() {}

  /**
   * Checks that {@code x} is a rectangular, finite {@code m × features} matrix.
   *
   * @param x inputs, one row per sample
   * @param features the number of columns the model takes
   * @return {@code x}
   * @throws IllegalArgumentException if {@code x} is ragged, has another number of columns or holds NaN or ∞
   */
  public static double[][] requireFeatures(double[][] x, int features) {
    return Matrices.requireFinite("x", requireShape(x, features));
  }

  /**
   * Checks that {@code x} is a rectangular {@code m × features} matrix, but not its values.
   *
   * @param x inputs, one row per sample
   * @param features the number of columns the model takes
   * @return {@code x}
   * @throws IllegalArgumentException if {@code x} is ragged or has another number of columns
   */
  public static double[][] requireShape(double[][] x, int features) {
    Matrices.requireRectangular("x", x);
    if (x.length > 0 && x[0].length != features) {
      throw new IllegalArgumentException("x has shape " + Matrices.shape(x) + " but this model takes "
          + features + " features per row");
    }
    return x;
  }

  /**
   * Checks a training set: {@link #requireFeatures}, at least one sample, one label per row, and
   * every label in {@code [0, classes)}.
   *
   * @param x inputs, one row per sample
   * @param labels the class of each row
   * @param features the number of columns the model takes
   * @param classes the number of classes {@code k}
   * @throws IllegalArgumentException naming what is wrong: the shape, a value, or the first bad label
   */
  public static void requireTrainingSet(double[][] x, int[] labels, int features, int classes) {
    requireFeatures(x, features);
    if (x.length == 0) {
      throw new IllegalArgumentException("cannot train on an empty data set: x has no rows");
    }
    if (labels.length != x.length) {
      throw new IllegalArgumentException("x has " + x.length + " rows but there are " + labels.length
          + " labels; give one label per row");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("label at index " + i + " is " + labels[i] + ", outside [0, "
            + classes + ")");
      }
    }
  }
}
