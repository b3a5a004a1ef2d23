package org.logitlab.data;

import java.util.List;

/**
 * A labelled classification data set: one row of {@code x} per sample, its class in {@code y}.
 *
 * <p>The constructor checks everything a model relies on, so that a bad file fails here, with the
 * sample and the value named, rather than as a NaN ten epochs later: the same number of rows and
 * labels, rectangular rows, finite features and every label in {@code [0, classNames.size())}.
 *
 * @param name a short name for messages ("mnist-train", "iris")
 * @param x features, {@code m × n}
 * @param y labels, {@code m}, each in {@code [0, k)}
 * @param classNames the {@code k} class names, index = label
 */
public record Dataset(String name, double[][] x, int[] y, List<String> classNames) {

  /**
   * Validates the data set; see the class comment for what is checked.
   *
   * @param name a short name for messages
   * @param x features, {@code m × n}, kept (not copied)
   * @param y labels, {@code m}, each in {@code [0, k)}, kept
   * @param classNames the {@code k} class names
   * @throws IllegalArgumentException naming the first sample or value that breaks a rule
   */
  public Dataset {
    classNames = List.copyOf(classNames);
    if (x.length != y.length) {
      throw new IllegalArgumentException(name + ": " + x.length + " feature rows but " + y.length
          + " labels; every sample needs exactly one label");
    }
    if (classNames.size() < 2) {
      throw new IllegalArgumentException(name + ": a classification data set needs at least 2 classes, got "
          + classNames.size());
    }
    int n = x.length == 0 ? 0 : x[0].length;
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != n) {
        throw new IllegalArgumentException(name + ": row " + i + " has " + x[i].length
            + " features but row 0 has " + n);
      }
      for (int j = 0; j < n; j++) {
        if (!Double.isFinite(x[i][j])) {
          throw new IllegalArgumentException(name + ": feature x[" + i + "][" + j + "] is " + x[i][j]
              + "; inputs must be finite numbers (clean or impute the data first)");
        }
      }
      if (y[i] < 0 || y[i] >= classNames.size()) {
        throw new IllegalArgumentException(name + ": label y[" + i + "] = " + y[i] + " is outside [0, "
            + classNames.size() + ")");
      }
    }
  }

  /**
   * The number of samples {@code m}.
   *
   * @return {@code m}, the rows of {@code x}
   */
  public int size() {
    return x.length;
  }

  /**
   * The number of features {@code n} (0 for an empty data set).
   *
   * @return {@code n}, the length of the rows of {@code x}
   */
  public int features() {
    return x.length == 0 ? 0 : x[0].length;
  }

  /**
   * The number of classes {@code k}.
   *
   * @return {@code k}, the number of class names
   */
  public int classes() {
    return classNames.size();
  }

  /** A summary such as {@code "iris: 150 × 4, 3 classes"} (the arrays themselves are not printed). */
  @Override
  public String toString() {
    return name + ": " + size() + " × " + features() + ", " + classes() + " classes";
  }
}
