package org.logitlab.logistic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.logitlab.gradcheck.GradientCheck;
import org.logitlab.loss.BinaryCrossEntropy;
import org.logitlab.model.TrainingOptions;

class LogisticRegressionTest {

  /** The lecture's toy example. */
  private static final double[][] X = {{1, 2}, {2, 3}, {3, 1}, {4, 3}, {5, 3}, {6, 2}};
  private static final int[] Y = {0, 0, 0, 1, 1, 1};

  @Test
  void theLectureExampleIsLearnedByFullBatchGradientDescent() {
    LogisticRegression model = LogisticRegression.zeros(2);
    double[] costs = model.fit(X, Y, TrainingOptions.fullBatch(1000, 1.0));

    assertThat(costs).hasSize(1000);
    // Zero weights predict 0.5 for everyone: the first cost is log 2.
    assertThat(costs[0]).isCloseTo(Math.log(2), within(1e-15));
    // With α = 1 the first steps overshoot; once settled, every step lowers the cost.
    for (int e = 100; e < costs.length; e++) {
      assertThat(costs[e]).as("cost at epoch %d", e + 1).isLessThan(costs[e - 1]);
    }
    assertThat(costs[999]).isLessThan(0.05);
    assertThat(model.predict(X)).containsExactly(Y);
    assertThat(model.score(X, Y)).isEqualTo(1.0);
    assertThat(model.loss(X, Y)).isLessThan(costs[999]);
    double[][] p = model.predictProba(new double[][] {{1, 1}, {7, 3}});
    assertThat(p[0][1]).isLessThan(0.5);
    assertThat(p[1][1]).isGreaterThan(0.5);
    for (double[] row : p) {
      assertThat(row).hasSize(2);
      assertThat(row[0]).as("P(y = 0) is 1 − P(y = 1)").isEqualTo(1 - row[1]);
    }
  }

  @Test
  void oneFullBatchStepFromZeroMovesAgainstTheNumericalGradient() {
    LogisticRegression model = LogisticRegression.zeros(2);
    double rate = 0.1;
    model.fit(X, Y, TrainingOptions.fullBatch(1, rate));

    double[] w = new double[2];
    double[] b = new double[1];
    double[] targets = {0, 0, 0, 1, 1, 1};
    java.util.function.DoubleSupplier cost = () -> {
      double[] z = new double[X.length];
      for (int i = 0; i < X.length; i++) {
        z[i] = X[i][0] * w[0] + X[i][1] * w[1] + b[0];
      }
      return BinaryCrossEntropy.lossFromLogits(z, targets);
    };
    double[] stepW = model.weights();
    for (int j = 0; j < 2; j++) {
      stepW[j] /= -rate;
    }
    assertThat(GradientCheck.check(cost, w, stepW).relativeError()).isLessThan(1e-7);
    assertThat(GradientCheck.check(cost, b, new double[] {-model.bias() / rate}).relativeError()).isLessThan(1e-7);
  }

  @Test
  void theSameSeedGivesTheSameModel() {
    TrainingOptions options = new TrainingOptions(20, 0.5, 2, 99);
    LogisticRegression a = new LogisticRegression(2, 7);
    LogisticRegression b = new LogisticRegression(2, 7);
    assertThat(a.weights()).isEqualTo(b.weights()).isNotEqualTo(new double[2]);
    assertThat(a.fit(X, Y, options)).isEqualTo(b.fit(X, Y, options));
    assertThat(a.weights()).isEqualTo(b.weights());
    assertThat(new LogisticRegression(2, 8).weights()).isNotEqualTo(b.weights());
  }

  @Test
  void badInputIsRejectedWithWhatToFix() {
    LogisticRegression model = LogisticRegression.zeros(2);
    TrainingOptions options = TrainingOptions.fullBatch(1, 1);
    assertThatThrownBy(() -> model.fit(X, new int[] {0, 1, 2, 0, 1, 0}, options))
        .hasMessage("label at index 2 is 2, outside [0, 2)");
    assertThatThrownBy(() -> model.fit(X, new int[] {0, 1}, options))
        .hasMessage("x has 6 rows but there are 2 labels; give one label per row");
    assertThatThrownBy(() -> model.predict(new double[][] {{1, 2, 3}}))
        .hasMessage("x has shape (1,3) but this model takes 2 features per row");
    assertThatThrownBy(() -> model.predict(new double[][] {{1, Double.NaN}}))
        .hasMessage("x[0][1] is NaN; inputs must be finite numbers");
    assertThatThrownBy(() -> model.fit(new double[0][2], new int[0], options))
        .hasMessageContaining("empty data set");
    assertThatThrownBy(() -> LogisticRegression.zeros(0)).hasMessageContaining("at least 1 feature");
  }
}
