package org.logitlab.model;

/** A classifier trained by gradient descent: fit it on labelled rows, then predict a class per row. */
public interface Classifier {

  /**
   * Trains on {@code (x, labels)}.
   *
   * @param x inputs, one row per sample
   * @param labels the class of each row
   * @param listener told after every batch and every epoch
   * @return the cost history, one entry per epoch
   */
  double[] fit(double[][] x, int[] labels, TrainingOptions options, TrainingListener listener);

  /** {@link #fit(double[][], int[], TrainingOptions, TrainingListener)} without a listener. */
  default double[] fit(double[][] x, int[] labels, TrainingOptions options) {
    return fit(x, labels, options, TrainingListener.NONE);
  }

  /** The predicted class of each row of {@code x}. */
  int[] predict(double[][] x);

  /** The fraction of rows of {@code x} whose predicted class equals {@code y}. */
  default double score(double[][] x, int[] y) {
    return Metrics.accuracy(y, predict(x));
  }
}
