package org.logitlab.model;

/**
 * Classification metrics: accuracy, the confusion matrix, log-loss and top-k accuracy; precision,
 * recall and F1 per class in {@link ClassificationReport}.
 */
public final class Metrics {

  private Metrics() {}

  /**
   * The fraction of positions where {@code predicted} equals {@code truth}.
   *
   * @param truth the true class of each sample
   * @param predicted the predicted class of each sample
   * @return the accuracy, in {@code [0, 1]}
   */
  public static double accuracy(int[] truth, int[] predicted) {
    requireSameLength(truth, predicted);
    int correct = 0;
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] == predicted[i]) {
        correct++;
      }
    }
    return (double) correct / truth.length;
  }

  /**
   * The {@code k × k} confusion matrix: entry {@code [t][p]} counts the samples of true class
   * {@code t} predicted as {@code p}.
   *
   * @param truth the true class of each sample
   * @param predicted the predicted class of each sample
   * @param classes the number of classes {@code k}
   * @return the counts, rows by true class, columns by predicted class
   * @throws IllegalArgumentException if a class is outside {@code [0, k)}
   */
  public static int[][] confusionMatrix(int[] truth, int[] predicted, int classes) {
    requireSameLength(truth, predicted);
    int[][] counts = new int[classes][classes];
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] < 0 || truth[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
        throw new IllegalArgumentException("sample " + i + " has true class " + truth[i] + " and prediction "
            + predicted[i] + "; both must be in [0, " + classes + ")");
      }
      counts[truth[i]][predicted[i]]++;
    }
    return counts;
  }

  /**
   * The mean negative log-probability of the true class (log-loss, the cross-entropy of one-hot
   * targets), as scikit-learn's {@code log_loss} computes it: each probability clipped to
   * {@code [ε, 1 − ε]} with ε = {@code Math.ulp(1.0)} (its {@code eps="auto"} for float64), each row
   * then divided by its sum.
   *
   * @param truth the true class of each sample
   * @param probabilities one row of class probabilities per sample
   * @return the log-loss, in nats
   * @throws IllegalArgumentException if the shapes disagree or a class is outside the rows
   */
  public static double logLoss(int[] truth, double[][] probabilities) {
    requireRows(truth, probabilities);
    double epsilon = Math.ulp(1.0);
    double sum = 0;
    for (int i = 0; i < truth.length; i++) {
      double rowSum = 0;
      for (double p : probabilities[i]) {
        rowSum += Math.min(Math.max(p, epsilon), 1 - epsilon);
      }
      sum -= Math.log(Math.min(Math.max(probabilities[i][truth[i]], epsilon), 1 - epsilon) / rowSum);
    }
    return sum / truth.length;
  }

  /**
   * The fraction of samples whose true class is among the {@code k} highest scores of their row
   * (scikit-learn's {@code top_k_accuracy_score}; a score tied with the true class's does not push it
   * out, where scikit-learn breaks ties by position); {@code k = 1} is the accuracy of the arg-max.
   *
   * @param truth the true class of each sample
   * @param scores one row of class scores (or probabilities) per sample
   * @param k how many of the highest scores count, at least 1
   * @return the top-k accuracy
   * @throws IllegalArgumentException if the shapes disagree, a class is outside the rows or k &lt; 1
   */
  public static double topKAccuracy(int[] truth, double[][] scores, int k) {
    requireRows(truth, scores);
    if (k < 1) {
      throw new IllegalArgumentException("k is " + k + "; it must be at least 1");
    }
    int hits = 0;
    for (int i = 0; i < truth.length; i++) {
      double own = scores[i][truth[i]];
      int higher = 0;
      for (double s : scores[i]) {
        higher += s > own ? 1 : 0;
      }
      hits += higher < k ? 1 : 0;
    }
    return (double) hits / truth.length;
  }

  private static void requireRows(int[] truth, double[][] rows) {
    if (truth.length != rows.length || truth.length == 0) {
      throw new IllegalArgumentException("need the same, non-zero number of labels and rows; got " + truth.length
          + " and " + rows.length);
    }
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] < 0 || truth[i] >= rows[i].length) {
        throw new IllegalArgumentException("sample " + i + " has true class " + truth[i] + " but its row has "
            + rows[i].length + " classes");
      }
    }
  }

  private static void requireSameLength(int[] truth, int[] predicted) {
    if (truth.length != predicted.length || truth.length == 0) {
      throw new IllegalArgumentException("need the same, non-zero number of labels and predictions; got "
          + truth.length + " and " + predicted.length);
    }
  }
}
