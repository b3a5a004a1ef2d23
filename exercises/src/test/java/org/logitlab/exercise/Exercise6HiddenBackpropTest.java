package org.logitlab.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.logitlab.exercise.Exercise.HIDDEN_BACKPROP;
import static org.logitlab.exercise.TestMessages.text;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.logitlab.activation.Activation;
import org.logitlab.gradcheck.GradientCheck;
import org.logitlab.linalg.Matrices;
import org.logitlab.loss.CrossEntropy;
import org.logitlab.network.ForwardPass;
import org.logitlab.network.Gradients;
import org.logitlab.network.HiddenLayer;

/**
 * Exercise 6: {@code HiddenLayer.backward(double[][], ForwardPass, double[][], Activation, Gradients)}.
 * Run with {@code ./mvnw test -Dtest=Exercise6HiddenBackpropTest}.
 */
class Exercise6HiddenBackpropTest {

  private final double[][] x = Fixtures.gaussian(5, 4, 61);
  private final double[][] w1 = Fixtures.gaussian(4, 6, 62);
  private final double[] b1 = Fixtures.gaussian(1, 6, 63)[0];
  private final double[][] w2 = Fixtures.gaussian(6, 3, 64);
  private final double[] b2 = Fixtures.gaussian(1, 3, 65)[0];
  private final double[][] y = Fixtures.oneHot(new int[] {0, 2, 1, 2, 0}, 3);

  /** The A1 of the last forward pass given to the student's backward. */
  private double[][] lastA1;

  /** g(Z) written out here, so that the test does not use Exercise 1. */
  private static double[][] activate(Activation g, double[][] z) {
    double[][] a = new double[z.length][z[0].length];
    for (int i = 0; i < z.length; i++) {
      for (int j = 0; j < z[i].length; j++) {
        a[i][j] = g == Activation.TANH ? Math.tanh(z[i][j]) : 1 / (1 + Math.exp(-z[i][j]));
      }
    }
    return a;
  }

  /** The forward pass and the output-layer gradient dZ2 = A2 − Y, then the student's hidden backward. */
  private Gradients backward(Activation g) {
    double[][] z1 = Matrices.affine(x, w1, b1);
    double[][] a1 = activate(g, z1);
    lastA1 = a1;
    double[][] z2 = Matrices.affine(a1, w2, b2);
    double[][] a2 = Fixtures.softmaxRows(z2);
    Gradients grads = Gradients.allocate(x.length, 4, 6, 3);
    Matrices.subtractInto(a2, y, grads.dZ2());
    HiddenLayer.backward(x, new ForwardPass(z1, a1, z2, a2), w2, g, grads);
    return grads;
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void theHiddenErrorIsTheOutputErrorBackThroughW2TimesTheSlope(Activation g) {
    Gradients grads = backward(g);
    double[][] a1 = activate(g, Matrices.affine(x, w1, b1));
    double[][] expected = Matrices.multiplyTransposeB(grads.dZ2(), w2);
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        expected[i][j] *= g.derivativeFromOutput(a1[i][j]);
      }
    }
    String hint = Diagnosis.of(grads.dZ1(), expected, 1) + Diagnosis.matching(grads.dZ1(), mistakenSlopes(g, grads));
    for (int i = 0; i < expected.length; i++) {
      assertThat(grads.dZ1()[i]).as(inTheLayer(g, text("hidden.errorRow", "row", i) + hint))
          .containsExactly(expected[i], within(1e-14));
    }
  }

  /** dZ1 as the lesson's classic mistakes compute it, each with what it is. */
  private Map<String, double[][]> mistakenSlopes(Activation g, Gradients grads) {
    double[][] a1 = activate(g, Matrices.affine(x, w1, b1));
    Activation other = g == Activation.TANH ? Activation.SIGMOID : Activation.TANH;
    Map<String, double[][]> mistakes = new LinkedHashMap<>();
    // g'(g(a)), written out here (derivative(double) would run Exercise 1's sigmoid).
    java.util.function.DoubleUnaryOperator twice = a -> g.derivativeFromOutput(activate(g, new double[][] {{a}})[0][0]);
    mistakes.put(text("hidden.mistake.activationTwice"), slopes(grads, a1, twice));
    mistakes.put(text("hidden.mistake.otherSlope", "other", other), slopes(grads, a1, other::derivativeFromOutput));
    return mistakes;
  }

  private double[][] slopes(Gradients grads, double[][] a1, java.util.function.DoubleUnaryOperator slope) {
    double[][] out = Matrices.multiplyTransposeB(grads.dZ2(), w2);
    for (int i = 0; i < out.length; i++) {
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] *= slope.applyAsDouble(a1[i][j]);
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void leavesXTheForwardPassAndW2Alone(Activation g) {
    double[][] x0 = Fixtures.copy(x);
    double[][] w20 = Fixtures.copy(w2);
    double[][] a10 = activate(g, Matrices.affine(x, w1, b1));
    backward(g);
    assertThat(x).as(inTheLayer(g, text("hidden.untouched", "matrix", "X"))).isDeepEqualTo(x0);
    assertThat(w2).as(inTheLayer(g, text("hidden.untouched", "matrix", "W2"))).isDeepEqualTo(w20);
    assertThat(lastA1).as(inTheLayer(g, text("hidden.untouched", "matrix", "A1"))).isDeepEqualTo(a10);
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void weightAndBiasGradientsPassANumericalGradientCheck(Activation g) {
    Gradients grads = backward(g);
    DoubleSupplier cost = () -> CrossEntropy.fromLogits(
        Matrices.affine(activate(g, Matrices.affine(x, w1, b1)), w2, b2), y);

    GradientCheck.Result dW1 = GradientCheck.check(cost, w1, grads.dW1());
    GradientCheck.Result db1 = GradientCheck.check(cost, b1, grads.db1());
    assertThat(dW1.relativeError()).as(inTheLayer(g, Diagnosis.gradientCheck("dW1", dW1, x.length)))
        .isLessThan(1e-7);
    assertThat(db1.relativeError()).as(inTheLayer(g, Diagnosis.gradientCheck("db1", db1, x.length)))
        .isLessThan(1e-7);
  }

  /** A description of a check on the hidden layer with activation {@code g}. */
  private static String inTheLayer(Activation g, String what) {
    return HIDDEN_BACKPROP.about(text("hidden.layer", "activation", g, "what", what));
  }
}
