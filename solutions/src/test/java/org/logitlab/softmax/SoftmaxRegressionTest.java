package org.logitlab.softmax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.logitlab.RandomArrays;
import org.logitlab.gradcheck.GradientCheck;
import org.logitlab.linalg.Matrices;
import org.logitlab.loss.CrossEntropy;
import org.logitlab.model.TrainingOptions;

class SoftmaxRegressionTest {

  @Test
  void separatesWellSeparatedClasses() {
    RandomArrays.Blobs data = RandomArrays.blobs(4, 30, 3, 21);
    SoftmaxRegression model = SoftmaxRegression.zeros(3, 4);
    double[] costs = model.fit(data.x(), data.y(), new TrainingOptions(30, 0.1, 8, 1));

    assertThat(costs[0]).isLessThan(Math.log(4));
    assertThat(costs[29]).isLessThan(costs[0] / 4);
    assertThat(model.score(data.x(), data.y())).isEqualTo(1.0);
    double[][] p = model.predictProba(data.x());
    for (double[] row : p) {
      assertThat(java.util.Arrays.stream(row).sum()).isCloseTo(1.0, within(1e-12));
    }
    assertThat(model.loss(data.x(), data.y())).isLessThan(costs[29]);
  }

  @Test
  void oneFullBatchStepFromZeroMovesAgainstTheNumericalGradient() {
    double[][] x = RandomArrays.gaussian(9, 3, 1, 4);
    int[] labels = RandomArrays.labels(9, 3, 5);
    double rate = 0.1;
    SoftmaxRegression model = SoftmaxRegression.zeros(3, 3);
    double[] costs = model.fit(x, labels, TrainingOptions.fullBatch(1, rate));
    assertThat(costs[0]).isCloseTo(Math.log(3), within(1e-15));

    double[][] w = new double[3][3];
    double[] b = new double[3];
    double[][] y = OneHot.encode(labels, 3);
    java.util.function.DoubleSupplier cost = () -> CrossEntropy.fromLogits(Matrices.affine(x, w, b), y);
    double[][] dW = model.weights();
    Matrices.scaleInPlace(dW, -1 / rate);
    double[] db = model.biases();
    for (int j = 0; j < 3; j++) {
      db[j] /= -rate;
    }
    assertThat(GradientCheck.check(cost, w, dW).relativeError()).isLessThan(1e-7);
    assertThat(GradientCheck.check(cost, b, db).relativeError()).isLessThan(1e-7);
  }

  @Test
  void theSameSeedGivesTheSameResult() {
    RandomArrays.Blobs data = RandomArrays.blobs(3, 10, 2, 8);
    TrainingOptions options = new TrainingOptions(5, 0.2, 4, 3);
    SoftmaxRegression a = SoftmaxRegression.zeros(2, 3);
    SoftmaxRegression b = SoftmaxRegression.zeros(2, 3);
    assertThat(a.fit(data.x(), data.y(), options)).isEqualTo(b.fit(data.x(), data.y(), options));
    assertThat(a.weights()).isEqualTo(b.weights());
    SoftmaxRegression c = new SoftmaxRegression(2, 3, 11);
    assertThat(c.weights()).isDeepEqualTo(new SoftmaxRegression(2, 3, 11).weights())
        .isNotEqualTo(new SoftmaxRegression(2, 3, 12).weights());
    assertThat(c.weights()[0]).as("small random weights").isNotEqualTo(new double[3]);
    for (double v : c.weights()[1]) {
      assertThat(Math.abs(v)).isLessThan(10 * SoftmaxRegression.INIT_SCALE);
    }
    assertThat(c.biases()).containsOnly(0.0);
  }

  @Test
  void badInputIsRejected() {
    SoftmaxRegression model = SoftmaxRegression.zeros(2, 3);
    assertThatThrownBy(() -> model.fit(new double[][] {{1, 2}}, new int[] {3}, TrainingOptions.fullBatch(1, 1)))
        .hasMessage("label at index 0 is 3, outside [0, 3)");
    assertThatThrownBy(() -> model.predict(new double[][] {{1}}))
        .hasMessage("x has shape (1,1) but this model takes 2 features per row");
    assertThatThrownBy(() -> SoftmaxRegression.zeros(2, 1)).hasMessageContaining("2 classes");
  }

  /** Prediction scans x for NaN and ∞ only when the logits are not finite; the error must not change. */
  @Test
  void nonFiniteInputsAreNamedWhenPredicting() {
    RandomArrays.Blobs data = RandomArrays.blobs(3, 10, 2, 4);
    SoftmaxRegression model = SoftmaxRegression.zeros(2, 3);
    model.fit(data.x(), data.y(), new TrainingOptions(5, 0.5, 4, 1));
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      double[][] x = {{0.5, -1}, {2, bad}};
      assertThatThrownBy(() -> model.predict(x)).as("predict with %s", bad)
          .hasMessage("x[1][1] is " + bad + "; inputs must be finite numbers");
      assertThatThrownBy(() -> model.predictProba(x)).as("predictProba with %s", bad)
          .hasMessage("x[1][1] is " + bad + "; inputs must be finite numbers");
    }
    double[][] huge = {{Double.MAX_VALUE, Double.MAX_VALUE}, {1, 2}};
    assertThat(model.predict(huge)).as("finite inputs whose logits overflow are still predicted").hasSize(2);
  }
}
