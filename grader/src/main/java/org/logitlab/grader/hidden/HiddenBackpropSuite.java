package org.logitlab.grader.hidden;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.logitlab.exercise.Exercise.HIDDEN_BACKPROP;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.logitlab.activation.Activation;
import org.logitlab.network.ForwardPass;
import org.logitlab.network.Gradients;
import org.logitlab.network.HiddenLayer;

/**
 * Exercise 6, {@code HiddenLayer.backward(x, pass, w2, g, grads)}: {@code dZ1 = (dZ2·W2ᵀ) ∘ g'(Z1)} for
 * the sigmoid and for tanh, {@code dW1 = (1/m)·Xᵀ·dZ1} and {@code db1 = (1/m)·Σᵢ dZ1[i]} against the
 * reference on random batches (forward pass and {@code dZ2 = A2 − Y} by the reference), written into
 * the given buffers whatever they held, and numerical gradient checks of {@code dW1} and {@code db1}
 * under both activations.
 */
@DisplayNameGeneration(CheckNames.class)
@ExtendWith(Diagnosed.Reporter.class)
public class HiddenBackpropSuite {

  /**
   * The time one 784-100-10 backward of batch 32 may take: the reference takes about 5 ms and a plain
   * triple loop about 50 ms; a numerical derivative (78,500 weights, a forward pass each) takes minutes.
   */

  /**
   * The student's hidden backward on the batch, in buffers whose {@code dZ1}, {@code dW1} and
   * {@code db1} hold {@code stale} beforehand and whose {@code dZ2} holds the reference's {@code A2 − Y}.
   */
  private static Gradients student(NetworkCase batch, double stale) {
    Gradients grads = buffers(batch, stale);
    HiddenLayer.backward(RandomInputs.copy(batch.x()), batch.forward(), RandomInputs.copy(batch.w2()), batch.g(),
        grads);
    return grads;
  }

  /** Buffers holding {@code stale}, but for {@code dZ2}, which holds the reference's {@code A2 − Y}. */
  private static Gradients buffers(NetworkCase batch, double stale) {
    Gradients grads = batch.buffers(stale);
    double[][] dZ2 = batch.referenceGradients().dZ2();
    for (int i = 0; i < dZ2.length; i++) {
      System.arraycopy(dZ2[i], 0, grads.dZ2()[i], 0, dZ2[i].length);
    }
    return grads;
  }

  private static void assertDZ1(Activation g, long salt) {
    Random random = RandomInputs.random(salt);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      NetworkCase batch = NetworkCase.draw(random, c, g);
      Compare.matrix(HIDDEN_BACKPROP, Checks.result(batch.backwardOn(), "dZ1"), student(batch, 0.0).dZ1(),
          batch.referenceGradients().dZ1(), batch.magnitudes().dZ1(), 0);
    }
  }

  private static void assertDW1AndDb1(NetworkCase batch, Gradients actual, String input) {
    var expected = batch.referenceGradients();
    var magnitude = batch.magnitudes();
    Compare.matrix(HIDDEN_BACKPROP, Checks.result(input, "dW1"), actual.dW1(), expected.dW1(), magnitude.dW1(),
        batch.samples());
    Compare.vector(HIDDEN_BACKPROP, Checks.result(input, "db1"), actual.db1(), expected.db1(), magnitude.db1(),
        batch.samples());
  }

  @Test
  void theHiddenErrorUnderASigmoid() {
    assertDZ1(Activation.SIGMOID, 601);
  }

  @Test
  void theHiddenErrorUnderTanh() {
    assertDZ1(Activation.TANH, 602);
  }

  @Test
  void weightAndBiasGradientsMatchTheReference() {
    Random random = RandomInputs.random(603);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      NetworkCase batch = NetworkCase.draw(random, c, c % 2 == 0 ? Activation.TANH : Activation.SIGMOID);
      assertDW1AndDb1(batch, student(batch, 0.0), batch.backwardOn());
    }
  }

  @Test
  void overwritesTheGivenBuffers() {
    Random random = RandomInputs.random(604);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      NetworkCase batch = NetworkCase.draw(random, c, c % 4 < 2 ? Activation.TANH : Activation.SIGMOID);
      double stale = c % 2 == 0 ? Double.NaN : -2.5;
      Gradients grads = student(batch, stale);
      String input = batch.backwardOn(stale);
      Compare.matrix(HIDDEN_BACKPROP, Checks.result(input, "dZ1"), grads.dZ1(), batch.referenceGradients().dZ1(),
          batch.magnitudes().dZ1(), 0);
      assertDW1AndDb1(batch, grads, input);
    }
  }

  @Test
  void leavesItsArgumentsUnchanged() {
    Random random = RandomInputs.random(607);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      NetworkCase batch = NetworkCase.draw(random, c, c % 2 == 0 ? Activation.TANH : Activation.SIGMOID);
      Gradients grads = buffers(batch, 0.0);
      double[][] x = RandomInputs.copy(batch.x());
      double[][] w2 = RandomInputs.copy(batch.w2());
      ForwardPass pass = batch.forward();
      ForwardPass before = batch.forward();
      HiddenLayer.backward(x, pass, w2, batch.g(), grads);
      String input = batch.backwardOn();
      Compare.unchanged(HIDDEN_BACKPROP, Checks.result(input, "X"), x, batch.x(), Checks.text("hidden.trainingRows"));
      Compare.unchanged(HIDDEN_BACKPROP, Checks.result(input, "W2"), w2, batch.w2(), Checks.text("hidden.stepsW2"));
      String record = Checks.text("hidden.record");
      Compare.unchanged(HIDDEN_BACKPROP, Checks.result(input, "A1"), pass.a1(), before.a1(), record);
      Compare.unchanged(HIDDEN_BACKPROP, Checks.result(input, "Z1"), pass.z1(), before.z1(), record);
    }
  }

  @Test
  void isExactOnDyadicInputs() {
    Random random = RandomInputs.random(608);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      Activation g = c % 2 == 0 ? Activation.TANH : Activation.SIGMOID;
      int m = 1 << RandomInputs.between(random, 1, 3);
      int n = RandomInputs.between(random, 1, 4);
      int h = RandomInputs.between(random, 1, 4);
      int k = RandomInputs.between(random, 2, 4);
      double[][] x = RandomInputs.dyadic(random, m, n);
      double[][] w2 = RandomInputs.dyadic(random, h, k);
      double[][] dZ2 = RandomInputs.dyadic(random, m, k);
      // Activations where the slope is exact from A1 and within 4ε from Z1: 1/4..3/4 (sigmoid), −3/4..3/4 (tanh).
      double[][] a1 = new double[m][h];
      double[][] z1 = new double[m][h];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < h; j++) {
          a1[i][j] = g == Activation.SIGMOID ? RandomInputs.between(random, 2, 6) / 8.0
              : RandomInputs.between(random, -3, 3) / 4.0;
          z1[i][j] = g == Activation.SIGMOID ? Math.log(a1[i][j] / (1 - a1[i][j]))
              : 0.5 * Math.log((1 + a1[i][j]) / (1 - a1[i][j]));
        }
      }
      var refG = org.logitlab.reference.activation.Activation.valueOf(g.name());
      var expected = org.logitlab.reference.network.Gradients.allocate(m, n, h, k);
      var magnitude = org.logitlab.reference.network.Gradients.allocate(m, n, h, k);
      double[][] absDZ2 = Compare.abs(dZ2);
      for (int i = 0; i < m; i++) {
        expected.dZ2()[i] = dZ2[i].clone();
        magnitude.dZ2()[i] = absDZ2[i];
      }
      var refPass = new org.logitlab.reference.network.ForwardPass(z1, a1, new double[m][k], new double[m][k]);
      org.logitlab.reference.network.HiddenLayer.backward(x, refPass, w2, refG, expected);
      org.logitlab.reference.network.HiddenLayer.backward(Compare.abs(x), refPass, Compare.abs(w2), refG, magnitude);

      Gradients grads = new Gradients(RandomInputs.filled(m, h, Double.NaN), RandomInputs.filled(n, h, Double.NaN),
          new double[h], RandomInputs.copy(dZ2), RandomInputs.filled(h, k, Double.NaN), new double[k]);
      HiddenLayer.backward(RandomInputs.copy(x), new ForwardPass(RandomInputs.copy(z1), RandomInputs.copy(a1),
          new double[m][k], new double[m][k]), RandomInputs.copy(w2), g, grads);
      String input = Checks.text("hidden.dyadic", "batch", RandomInputs.batch(c, m, n), "inputs", n, "hidden", h,
          "outputs", k, "activation", g, "a1", java.util.Arrays.deepToString(a1));
      Compare.matrix(HIDDEN_BACKPROP, Checks.result(input, "dZ1"), grads.dZ1(), expected.dZ1(), magnitude.dZ1(),
          Compare.EXACT, 0);
      Compare.matrix(HIDDEN_BACKPROP, Checks.result(input, "dW1"), grads.dW1(), expected.dW1(), magnitude.dW1(),
          Compare.EXACT, m);
      Compare.vector(HIDDEN_BACKPROP, Checks.result(input, "db1"), grads.db1(), expected.db1(), magnitude.db1(),
          Compare.EXACT, m);
    }
  }

  @Test
  @Tag(GradingParameters.TIMED_TAG)
  void costsAsLittleAsBackprop() {
    Random random = RandomInputs.random(609);
    for (Activation g : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
      NetworkCase batch = NetworkCase.draw(random, g.ordinal() + 1, g, 32, 784, 100, 10);
      Gradients grads = assertTimeoutPreemptively(Duration.ofSeconds(GradingParameters.SCALE_BUDGET_SECONDS),
          () -> student(batch, 0.0),
          () -> HIDDEN_BACKPROP.about(Checks.text("hidden.tooSlow", "batch", batch.name(), "seconds",
              GradingParameters.SCALE_BUDGET_SECONDS)));
      assertDW1AndDb1(batch, grads, batch.backwardOn());
    }
  }

  /**
   * Gradient checks under both activations, sigmoid first: the worst coordinate of dW1
   * ({@code weights}) or db1 over random batches, each checked below {@code tolerance}.
   */
  private static void check(boolean weights, double tolerance) {
    for (Activation g : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
      Random random = RandomInputs.random((weights ? 605 : 606) + 10L * g.ordinal());
      WorstCheck worst = WorstCheck.none();
      for (int c = 1; c <= RandomInputs.cases(); c++) {
        NetworkCase batch = NetworkCase.draw(random, c, g);
        Gradients grads = student(batch, 0.0);
        worst = weights
            ? worst.check(batch::loss, batch.w1(), grads.dW1(), batch.name(), batch.samples())
            : worst.check(batch::loss, batch.b1(), grads.db1(), batch.name(), batch.samples());
      }
      String gradient = Checks.text("hidden.under", "gradient", weights ? "dW1" : "db1", "activation", g);
      worst.assertBelow(HIDDEN_BACKPROP, gradient, RandomInputs.cases(), tolerance);
    }
  }

  @Test
  void weightGradientIsNotWrong() {
    check(true, GradingParameters.gradientWrong());
  }

  @Test
  void weightGradientIsRight() {
    check(true, GradingParameters.gradientGood());
  }

  @Test
  void biasGradientIsNotWrong() {
    check(false, GradingParameters.gradientWrong());
  }

  @Test
  void biasGradientIsRight() {
    check(false, GradingParameters.gradientGood());
  }
}
