package org.logitlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;

/**
 * The small data sets of the lectures, shipped inside the library (see {@code NOTICE.md} next to the
 * CSV files in {@code org/logitlab/data} for their origin and licences). Every call returns fresh
 * arrays, which the caller may modify.
 */
public final class EmbeddedDatasets {

  private EmbeddedDatasets() {}

  /**
   * The lectures' six-point logistic-regression example, {@code "toy"}: x = [[1,2],[2,3],[3,1],[4,3],
   * [5,3],[6,2]], y = [0,0,0,1,1,1], with class 0 = {@code "fail"} and 1 = {@code "pass"}.
   *
   * @return the six samples, 2 features, 2 classes
   */
  public static Dataset toy() {
    double[][] x = {{1, 2}, {2, 3}, {3, 1}, {4, 3}, {5, 3}, {6, 2}};
    int[] y = {0, 0, 0, 1, 1, 1};
    return new Dataset("toy", x, y, List.of("fail", "pass"));
  }

  /**
   * Fisher's Iris, {@code "iris"}: 150 × 4 (sepal length, sepal width, petal length, petal width, in cm),
   * classes 0 = {@code "setosa"}, 1 = {@code "versicolor"}, 2 = {@code "virginica"}, 50 of each. The rows
   * are sorted by class.
   *
   * @return the 150 samples, 4 features, 3 classes
   */
  public static Dataset iris() {
    return resource("iris", "iris.csv");
  }

  /**
   * Breast Cancer Wisconsin (Diagnostic), {@code "breast-cancer"}: 569 × 30 measurements of cell nuclei.
   * Label 1 = {@code "malignant"} (212 samples), 0 = {@code "benign"} (357): malignant is the positive
   * class, as in the lectures. The shipped file uses the opposite coding (0 = malignant), which this
   * method swaps.
   *
   * @return the 569 samples, 30 features, 2 classes
   */
  public static Dataset breastCancer() {
    return reorderClasses(resource("breast-cancer", "breast_cancer.csv"), List.of("benign", "malignant"));
  }

  /** The same data with the classes numbered in the order of {@code classNames}. */
  static Dataset reorderClasses(Dataset data, List<String> classNames) {
    if (classNames.size() != data.classes() || !new HashSet<>(classNames).containsAll(data.classNames())) {
      throw new IllegalArgumentException(data.name() + " has classes " + data.classNames() + ", which "
          + classNames + " does not reorder");
    }
    int[] y = new int[data.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = classNames.indexOf(data.classNames().get(data.y()[i]));
    }
    return new Dataset(data.name(), data.x(), y, classNames);
  }

  private static Dataset resource(String name, String fileName) {
    String path = "/org/logitlab/data/" + fileName;
    try (InputStream in = EmbeddedDatasets.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("resource " + path + " is missing from the classpath; rebuild "
            + "logit-lab (mvn package) or check that its jar is complete");
      }
      return DatasetCsv.parse(name, path, new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded resource " + path + ": " + e.getMessage(), e);
    }
  }
}
