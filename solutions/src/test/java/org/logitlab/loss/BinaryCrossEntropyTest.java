package org.logitlab.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.logitlab.RandomArrays;
import org.logitlab.activation.Sigmoid;
import org.logitlab.gradcheck.GradientCheck;
import org.logitlab.linalg.Matrices;

class BinaryCrossEntropyTest {

  @Test
  void lossIsTheMeanNegativeLogLikelihood() {
    double loss = BinaryCrossEntropy.loss(new double[] {0.9, 0.2}, new double[] {1, 0});
    assertThat(loss).isCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, within(1e-15));
    assertThat(BinaryCrossEntropy.loss(new double[] {0.5}, new double[] {1})).isCloseTo(Math.log(2), within(1e-15));
  }

  @Test
  void isFiniteForProbabilitiesAtZeroAndOne() {
    assertThat(BinaryCrossEntropy.loss(new double[] {0, 1}, new double[] {0, 1})).isCloseTo(0.0, within(1e-14));
    double wrong = BinaryCrossEntropy.loss(new double[] {0, 1}, new double[] {1, 0});
    assertThat(wrong).isFinite().isCloseTo(-Math.log(BinaryCrossEntropy.EPSILON), within(1e-3));
  }

  @Test
  void lossFromLogitsEqualsLossOfTheSigmoidAndStaysExactForHugeScores() {
    double[] z = {-3, -0.5, 0, 0.7, 4};
    double[] y = {0, 1, 1, 0, 1};
    assertThat(BinaryCrossEntropy.lossFromLogits(z, y))
        .isCloseTo(BinaryCrossEntropy.loss(Sigmoid.apply(z), y), within(1e-14));
    assertThat(BinaryCrossEntropy.lossFromLogits(new double[] {-1000}, new double[] {1})).isEqualTo(1000.0);
    assertThat(BinaryCrossEntropy.lossFromLogits(new double[] {1000}, new double[] {1})).isEqualTo(0.0);
  }

  @Test
  void gradientIsTheClosedForm() {
    double[][] x = {{1, 2}, {3, 4}};
    BinaryCrossEntropy.Gradient g = BinaryCrossEntropy.gradient(x, new double[] {0.25, 0.5}, new double[] {0, 1});
    // residual ŷ − y = (0.25, −0.5); dw = Xᵀ·residual / 2, db = mean residual
    assertThat(g.dw()).containsExactly(new double[] {(0.25 - 1.5) / 2, (0.5 - 2.0) / 2}, within(1e-15));
    assertThat(g.db()).isCloseTo(-0.125, within(1e-15));
  }

  @Test
  void gradientPassesANumericalGradientCheck() {
    double[][] x = RandomArrays.gaussian(7, 4, 1, 3);
    double[] y = new double[7];
    Random random = new Random(5);
    for (int i = 0; i < y.length; i++) {
      y[i] = random.nextInt(2);
    }
    double[] w = {0.3, -0.2, 0.5, 0.1};
    double[] b = {0.05};
    java.util.function.DoubleSupplier cost = () -> BinaryCrossEntropy.lossFromLogits(logits(x, w, b[0]), y);
    BinaryCrossEntropy.Gradient g = BinaryCrossEntropy.gradient(x, Sigmoid.apply(logits(x, w, b[0])), y);
    assertThat(GradientCheck.check(cost, w, g.dw()).relativeError()).isLessThan(1e-7);
    assertThat(GradientCheck.check(cost, b, new double[] {g.db()}).relativeError()).isLessThan(1e-7);
  }

  private static double[] logits(double[][] x, double[] w, double b) {
    double[] z = Matrices.multiply(x, w);
    for (int i = 0; i < z.length; i++) {
      z[i] += b;
    }
    return z;
  }

  @Test
  void mismatchedLengthsAreRejected() {
    assertThatThrownBy(() -> BinaryCrossEntropy.loss(new double[2], new double[3]))
        .hasMessage("2 predictions but 3 targets; give one prediction per target");
    assertThatThrownBy(() -> BinaryCrossEntropy.gradient(new double[3][2], new double[2], new double[2]))
        .hasMessage("x has 3 rows but there are 2 targets");
    assertThatThrownBy(() -> BinaryCrossEntropy.lossFromLogits(new double[0], new double[0]))
        .hasMessageContaining("empty batch");
  }
}
