package org.logitlab.model;

import org.logitlab.linalg.Matrices;

/** The input checks every model makes before it trains or predicts, with messages that say what to fix. */
public final class Inputs {

  private Inputs() {}

  /**
   * Checks that {@code x} is a rectangular, finite {@code m × features} matrix.
   *
   * @return {@code x}
   */
  public static double[][] requireFeatures(double[][] x, int features) {
    return Matrices.requireFinite("x", requireShape(x, features));
  }

  /**
   * Checks that {@code x} is a rectangular {@code m × features} matrix, but not its values.
   *
   * @return {@code x}
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
