package org.logitlab.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.logitlab.exercise.Exercise.BCE_GRADIENT;
import static org.logitlab.exercise.TestMessages.text;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.logitlab.gradcheck.GradientCheck;
import org.logitlab.logistic.LogisticRegression;
import org.logitlab.loss.BinaryCrossEntropy;
import org.logitlab.model.TrainingOptions;

/**
 * Exercise 2: {@code BinaryCrossEntropy.gradient(double[][], double[], double[])}. Run with
 * {@code ./mvnw test -Dtest=Exercise2BceGradientTest}.
 */
class Exercise2BceGradientTest {

  private static final double[][] X = {{1, 2}, {3, 4}};

  @Test
  void matchesTheClosedFormOnATinyBatch() {
    BinaryCrossEntropy.Gradient g = BinaryCrossEntropy.gradient(X, new double[] {0.25, 0.5}, new double[] {0, 1});
    String input = "gradient(x = [[1, 2], [3, 4]], yHat = [0.25, 0.5], y = [0, 1])";
    // ŷ − y = (0.25, −0.5);  dw = Xᵀ(ŷ − y)/2 = ((0.25 − 1.5)/2, (0.5 − 2)/2);  db = mean(ŷ − y)
    double[] dw = {-0.625, -0.75};
    assertThat(g.dw()).as(BCE_GRADIENT.about(input + ".dw()" + Diagnosis.of(g.dw(), dw, 2)))
        .containsExactly(dw, within(1e-15));
    assertThat(g.db()).as(BCE_GRADIENT.about(input + ".db()" + Diagnosis.of(new double[] {g.db()},
        new double[] {-0.125}, 2))).isCloseTo(-0.125, within(1e-15));
  }

  @Test
  void isTheMeanOverSamplesNotTheSum() {
    double[] yHat = {0.3, 0.8, 0.6};
    double[] y = {0, 1, 1};
    double[][] x = {{1, -1}, {2, 0.5}, {-1, 3}};
    BinaryCrossEntropy.Gradient once = BinaryCrossEntropy.gradient(x, yHat, y);
    BinaryCrossEntropy.Gradient twice = BinaryCrossEntropy.gradient(concat(x, x), concat(yHat, yHat), concat(y, y));
    assertThat(twice.dw()).as(BCE_GRADIENT.about(text("bce.twice", "gradient", "dw")))
        .containsExactly(once.dw(), within(1e-15));
    assertThat(twice.db()).as(BCE_GRADIENT.about(text("bce.twice", "gradient", "db")))
        .isCloseTo(once.db(), within(1e-15));
  }

  @Test
  void passesANumericalGradientCheck() {
    Random random = new Random(7);
    double[][] x = new double[6][3];
    double[] y = new double[6];
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = random.nextGaussian();
      }
      y[i] = i % 2;
    }
    double[] w = {0.4, -0.3, 0.2};
    double[] b = {0.1};
    DoubleSupplier cost = () -> BinaryCrossEntropy.lossFromLogits(logits(x, w, b[0]), y);
    BinaryCrossEntropy.Gradient g = BinaryCrossEntropy.gradient(x, sigmoid(logits(x, w, b[0])), y);

    GradientCheck.Result dw = GradientCheck.check(cost, w, g.dw());
    GradientCheck.Result db = GradientCheck.check(cost, b, new double[] {g.db()});
    assertThat(dw.relativeError()).as(BCE_GRADIENT.about(Diagnosis.gradientCheck("dw", dw, 6))).isLessThan(1e-7);
    assertThat(db.relativeError()).as(BCE_GRADIENT.about(Diagnosis.gradientCheck("db", db, 6))).isLessThan(1e-7);
  }

  @Test
  void drivesLogisticRegressionOnTheLectureExample() {
    double[][] x = {{1, 2}, {2, 3}, {3, 1}, {4, 3}, {5, 3}, {6, 2}};
    int[] y = {0, 0, 0, 1, 1, 1};
    LogisticRegression model = LogisticRegression.zeros(2);
    double[] costs = model.fit(x, y, TrainingOptions.fullBatch(1000, 1.0));
    assertThat(costs[999]).as(BCE_GRADIENT.about(text("bce.logistic", "what", text("bce.logistic.cost"))))
        .isLessThan(0.05);
    assertThat(model.predict(x)).as(BCE_GRADIENT.about(text("bce.logistic", "what", text("bce.logistic.predictions"))))
        .containsExactly(y);
  }

  private static double[] logits(double[][] x, double[] w, double b) {
    return Arrays.stream(x).mapToDouble(row -> row[0] * w[0] + row[1] * w[1] + row[2] * w[2] + b).toArray();
  }

  private static double[] sigmoid(double[] z) {
    return Arrays.stream(z).map(v -> 1 / (1 + Math.exp(-v))).toArray();
  }

  private static double[][] concat(double[][] a, double[][] b) {
    double[][] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
