package org.logitlab.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.logitlab.exercise.Exercise.OUTPUT_BACKPROP;
import static org.logitlab.exercise.TestMessages.text;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.logitlab.gradcheck.GradientCheck;
import org.logitlab.linalg.Matrices;
import org.logitlab.loss.CrossEntropy;
import org.logitlab.network.ForwardPass;
import org.logitlab.network.Gradients;
import org.logitlab.network.OutputLayer;

/**
 * Exercise 5: {@code OutputLayer.backward(ForwardPass, double[][], Gradients)}. Run with
 * {@code ./mvnw test -Dtest=Exercise5OutputBackpropTest}.
 */
class Exercise5OutputBackpropTest {

  private static final double[][] A1 = {{1, 0}, {0, 1}};
  private static final double[][] A2 = {{0.7, 0.2, 0.1}, {0.1, 0.6, 0.3}};
  private static final double[][] Y = {{1, 0, 0}, {0, 0, 1}};

  /** A description of a check on the backward pass of the batch A1, A2, Y above. */
  private static String onTheBatch(String what) {
    return OUTPUT_BACKPROP.about(text("output.batch", "what", what));
  }

  private static Gradients backward(double[][] a1, double[][] a2, double[][] y) {
    double[][] z2 = new double[a2.length][a2[0].length];
    for (int i = 0; i < a2.length; i++) {
      for (int j = 0; j < a2[i].length; j++) {
        z2[i][j] = Math.log(a2[i][j]);
      }
    }
    ForwardPass pass = new ForwardPass(new double[a1.length][a1[0].length], a1, z2, a2);
    Gradients grads = Gradients.allocate(a1.length, 1, a1[0].length, a2[0].length);
    OutputLayer.backward(pass, y, grads);
    return grads;
  }

  @Test
  void theErrorAtTheScoresIsPredictionMinusTarget() {
    Gradients g = backward(Fixtures.copy(A1), Fixtures.copy(A2), Fixtures.copy(Y));
    double[][] expected = {{-0.3, 0.2, 0.1}, {0.1, 0.6, -0.7}};
    String hint = Diagnosis.of(g.dZ2(), expected, 1);
    assertThat(g.dZ2()[0]).as(onTheBatch(text("output.errorRow", "row", 0) + hint))
        .containsExactly(expected[0], within(1e-15));
    assertThat(g.dZ2()[1]).as(onTheBatch(text("output.errorRow", "row", 1) + hint))
        .containsExactly(expected[1], within(1e-15));
  }

  @Test
  void weightAndBiasGradientsAreMeansOverTheBatch() {
    Gradients g = backward(Fixtures.copy(A1), Fixtures.copy(A2), Fixtures.copy(Y));
    // dW2 = (1/m)·A1ᵀ·dZ2 with A1 = I: each row of dZ2, halved. db2 = column means of dZ2.
    double[][] dW2 = {{-0.15, 0.1, 0.05}, {0.05, 0.3, -0.35}};
    String hint = Diagnosis.of(g.dW2(), dW2, 2);
    assertThat(g.dW2()[0]).as(onTheBatch(text("output.weightRow", "row", 0) + hint))
        .containsExactly(dW2[0], within(1e-15));
    assertThat(g.dW2()[1]).as(onTheBatch(text("output.weightRow", "row", 1) + hint))
        .containsExactly(dW2[1], within(1e-15));
    assertThat(g.db2()).as(onTheBatch("db2" + Diagnosis.of(g.db2(), new double[] {-0.1, 0.4, -0.3}, 2)))
        .containsExactly(new double[] {-0.1, 0.4, -0.3}, within(1e-15));
  }

  @Test
  void leavesTheForwardPassAndTheTargetsAlone() {
    double[][] a1 = Fixtures.copy(A1);
    double[][] a2 = Fixtures.copy(A2);
    double[][] y = Fixtures.copy(Y);
    backward(a1, a2, y);
    assertThat(a1).as(onTheBatch(text("output.untouched", "matrix", "A1"))).isDeepEqualTo(A1);
    assertThat(a2).as(onTheBatch(text("output.untouched", "matrix", "A2"))).isDeepEqualTo(A2);
    assertThat(y).as(onTheBatch(text("output.untouched", "matrix", "Y"))).isDeepEqualTo(Y);
  }

  @Test
  void theWeightGradientsPassANumericalGradientCheck() {
    double[][] a1 = Fixtures.gaussian(4, 3, 51);
    double[][] w2 = Fixtures.gaussian(3, 5, 52);
    double[] b2 = Fixtures.gaussian(1, 5, 53)[0];
    double[][] y = Fixtures.oneHot(new int[] {0, 4, 2, 4}, 5);
    Gradients g = backward(a1, Fixtures.softmaxRows(Matrices.affine(a1, w2, b2)), y);
    DoubleSupplier cost = () -> CrossEntropy.fromLogits(Matrices.affine(a1, w2, b2), y);

    GradientCheck.Result dW2 = GradientCheck.check(cost, w2, g.dW2());
    GradientCheck.Result db2 = GradientCheck.check(cost, b2, g.db2());
    assertThat(dW2.relativeError()).as(OUTPUT_BACKPROP.about(Diagnosis.gradientCheck("dW2", dW2, 4)))
        .isLessThan(1e-7);
    assertThat(db2.relativeError()).as(OUTPUT_BACKPROP.about(Diagnosis.gradientCheck("db2", db2, 4)))
        .isLessThan(1e-7);
  }
}
