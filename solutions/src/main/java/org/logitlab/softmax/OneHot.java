package org.logitlab.softmax;

/**
 * One-hot encoding: the label {@code c} becomes a row of {@code k} zeros with a single 1 at column
 * {@code c}, so every class is the same distance from every other.
 *
 * <p>Exercise 4 (lesson {@code lessons/05-one-hot-and-cross-entropy.md}).
 */
public final class OneHot {

  private OneHot() {}

  /**
   * Encodes integer labels as an {@code m × k} one-hot matrix by <em>scatter</em>: start from zeros
   * and, for each row {@code i}, write 1 at column {@code labels[i]} (PyTorch's
   * {@code zeros(m, k).scatter_(1, y.unsqueeze(1), 1)}).
   *
   * @param labels class indices, each in {@code [0, classes)}
   * @param classes the number of classes {@code k}, at least 1
   * @throws IllegalArgumentException naming the index and value of the first label outside
   *     {@code [0, classes)}
   * @return a new {@code m × k} matrix with a single 1 in each row
   */
  public static double[][] encode(int[] labels, int classes) {
    if (classes < 1) {
      throw new IllegalArgumentException("the number of classes must be at least 1, got " + classes);
    }
    // BEGIN SOLUTION ONE_HOT
    double[][] y = new double[labels.length][classes];
    for (int i = 0; i < labels.length; i++) {
      int label = labels[i];
      if (label < 0 || label >= classes) {
        throw new IllegalArgumentException("label at index " + i + " is " + label + ", outside [0, "
            + classes + ")");
      }
      y[i][label] = 1.0;
    }
    return y;
    // END SOLUTION
  }
}
