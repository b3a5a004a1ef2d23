package org.logitlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The metrics against scikit-learn 1.2.1 on fixed inputs: {@code sklearn-metrics.properties} holds
 * each case's inputs and scikit-learn's results, written once by
 * {@code solutions/src/test/python/sklearn_metrics.py} (the command is in its docstring).
 */
class MetricsAgainstScikitLearnTest {

  /**
   * Both sides sum at most a few hundred terms of size ≤ 1 in double, in different orders: each
   * rounding costs half an ulp (1.1e-16), so they agree far within 1e-12. Counts and the report's
   * 4-digit text agree exactly.
   */
  private static final Offset<Double> SUMS = within(1e-12);

  private static final Properties SKLEARN = load();

  static List<String> cases() {
    return List.of(SKLEARN.getProperty("cases").split(" "));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void precisionRecallF1AndTheirAveragesAreScikitLearns(String name) {
    ClassificationReport report = ClassificationReport.of(ints(name, "truth"), ints(name, "predicted"),
        Integer.parseInt(SKLEARN.getProperty(name + ".classes")));
    assertThat(report.precision()).containsExactly(doubles(name, "precision"), SUMS);
    assertThat(report.recall()).containsExactly(doubles(name, "recall"), SUMS);
    assertThat(report.f1()).containsExactly(doubles(name, "f1"), SUMS);
    assertThat(report.support()).containsExactly(ints(name, "support"));
    assertThat(report.accuracy()).isCloseTo(doubles(name, "accuracy")[0], SUMS);
    ClassificationReport.Average macro = report.macro();
    assertThat(new double[] {macro.precision(), macro.recall(), macro.f1()})
        .containsExactly(doubles(name, "macro"), SUMS);
    ClassificationReport.Average weighted = report.weighted();
    assertThat(new double[] {weighted.precision(), weighted.recall(), weighted.f1()})
        .containsExactly(doubles(name, "weighted"), SUMS);
    assertThat(report).hasToString(SKLEARN.getProperty(name + ".report"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void logLossAndTopKAccuracyAreScikitLearns(String name) {
    int[] truth = ints(name, "truth");
    int classes = Integer.parseInt(SKLEARN.getProperty(name + ".classes"));
    double[] flat = doubles(name, "scores");
    double[][] scores = new double[truth.length][];
    for (int i = 0; i < truth.length; i++) {
      scores[i] = Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
    }
    assertThat(Metrics.logLoss(truth, scores)).isCloseTo(doubles(name, "logLoss")[0], SUMS);
    for (int k = 1; k < classes; k++) {
      assertThat(Metrics.topKAccuracy(truth, scores, k)).as("top-%d", k).isEqualTo(doubles(name, "top" + k)[0]);
    }
  }

  @Test
  void aClassNeverPredictedHasPrecisionZeroAsScikitLearnsZeroDivision() {
    ClassificationReport report = ClassificationReport.of(ints("neverPredicted", "truth"),
        ints("neverPredicted", "predicted"), 4);
    assertThat(Arrays.stream(ints("neverPredicted", "predicted"))).doesNotContain(3);
    assertThat(report.precision()[3]).isZero();
    assertThat(report.f1()[3]).isZero();
  }

  @Test
  void badShapesAreNamed() {
    assertThatThrownBy(() -> Metrics.logLoss(new int[] {0, 3}, new double[][] {{1, 0}, {0, 1}}))
        .hasMessage("sample 1 has true class 3 but its row has 2 classes");
    assertThatThrownBy(() -> Metrics.topKAccuracy(new int[] {0}, new double[][] {{1, 0}}, 0))
        .hasMessage("k is 0; it must be at least 1");
    assertThatThrownBy(() -> ClassificationReport.of(new int[] {0}, new int[] {0, 1}, 2))
        .hasMessageContaining("got 1 and 2");
  }

  private static int[] ints(String name, String key) {
    return Arrays.stream(SKLEARN.getProperty(name + "." + key).split(" ")).mapToInt(Integer::parseInt).toArray();
  }

  private static double[] doubles(String name, String key) {
    return Arrays.stream(SKLEARN.getProperty(name + "." + key).split(" ")).mapToDouble(Double::parseDouble).toArray();
  }

  private static Properties load() {
    try (InputStream in = MetricsAgainstScikitLearnTest.class.getResourceAsStream("sklearn-metrics.properties");
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      Properties properties = new Properties();
      properties.load(reader);
      return properties;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
