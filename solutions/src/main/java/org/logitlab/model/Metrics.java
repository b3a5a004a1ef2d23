package org.logitlab.model;

/** Classification metrics. */
public final class Metrics {

  private Metrics() {}

  /** The fraction of positions where {@code predicted} equals {@code truth}. */
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

  private static void requireSameLength(int[] truth, int[] predicted) {
    if (truth.length != predicted.length || truth.length == 0) {
      throw new IllegalArgumentException("need the same, non-zero number of labels and predictions; got "
          + truth.length + " and " + predicted.length);
    }
  }
}
