package org.logitlab.model;

/**
 * A classifier trained by gradient descent: fit it on labelled rows, then predict a class, or the
 * probability of each class, per row. {@link org.logitlab.logistic.LogisticRegression},
 * {@link org.logitlab.softmax.SoftmaxRegression} and {@link org.logitlab.network.TwoLayerNet} share these
 * names; each is built with a seed and is the same model for the same seed.
 */
public interface Classifier {

  /**
   * Trains on {@code (x, labels)}.
   *
   * @param x inputs, one row per sample
   * @param labels the class of each row
   * @param options epochs, learning rate, batch size and the seed of the shuffling
   * @param listener told after every batch and every epoch
   * @return the cost history, one entry per epoch
   */
  double[] fit(double[][] x, int[] labels, TrainingOptions options, TrainingListener listener);

  /**
   * {@link #fit(double[][], int[], TrainingOptions, TrainingListener)} without a listener.
   *
   * @param x inputs, one row per sample
   * @param labels the class of each row
   * @param options epochs, learning rate, batch size and the seed of the shuffling
   * @return the cost history, one entry per epoch
   */
  default double[] fit(double[][] x, int[] labels, TrainingOptions options) {
    return fit(x, labels, options, TrainingListener.NONE);
  }

  /**
   * The predicted class of each row.
   *
   * @param x inputs, one row per sample
   * @return the class of each row
   */
  int[] predict(double[][] x);

  /**
   * The probability of each class for each row.
   *
   * @param x inputs, one row per sample
   * @return one row per sample, one probability per class (two for logistic regression); each row sums to 1,
   *     up to rounding
   */
  double[][] predictProba(double[][] x);

  /**
   * The mean cross-entropy of the model on labelled rows, what {@code fit} minimises: here the log-loss
   * of {@link #predictProba} ({@link Metrics#logLoss}); the regressions compute it from their scores.
   *
   * @param x inputs, one row per sample
   * @param labels the class of each row
   * @return the mean cross-entropy, in nats
   */
  default double loss(double[][] x, int[] labels) {
    return Metrics.logLoss(labels, predictProba(x));
  }

  /**
   * The accuracy on labelled rows.
   *
   * @param x inputs, one row per sample
   * @param y the class of each row
   * @return the fraction of rows whose predicted class is {@code y}'s
   */
  default double score(double[][] x, int[] y) {
    return Metrics.accuracy(y, predict(x));
  }
}
