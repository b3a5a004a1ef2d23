package org.logitlab.grader.hidden;

import static org.logitlab.exercise.Exercise.HIDDEN_BACKPROP;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.logitlab.activation.Activation;
import org.logitlab.network.Gradients;
import org.logitlab.network.HiddenLayer;

/**
 * Exercise 6, {@code HiddenLayer.backward(x, pass, w2, g, grads)}: {@code dZ1 = (dZ2·W2ᵀ) ∘ g'(Z1)} for
 * the sigmoid and for tanh, {@code dW1 = (1/m)·Xᵀ·dZ1} and {@code db1 = (1/m)·Σᵢ dZ1[i]} against the
 * reference on random batches (forward pass and {@code dZ2 = A2 − Y} by the reference), written into
 * the given buffers whatever they held, and numerical gradient checks of {@code dW1} and {@code db1}
 * under both activations.
 */
@DisplayName("Exercise 6 (hidden-layer backprop), hidden tests")
public class HiddenBackpropSuite {

  /**
   * The student's hidden backward on the batch, in buffers whose {@code dZ1}, {@code dW1} and
   * {@code db1} hold {@code stale} beforehand and whose {@code dZ2} holds the reference's {@code A2 − Y}.
   */
  private static Gradients student(NetworkCase batch, double stale) {
    Gradients grads = batch.buffers(stale);
    double[][] dZ2 = batch.referenceGradients().dZ2();
    for (int i = 0; i < dZ2.length; i++) {
      System.arraycopy(dZ2[i], 0, grads.dZ2()[i], 0, dZ2[i].length);
    }
    HiddenLayer.backward(RandomInputs.copy(batch.x()), batch.forward(), RandomInputs.copy(batch.w2()), batch.g(),
        grads);
    return grads;
  }

  private static void assertDZ1(Activation g, long salt) {
    Random random = RandomInputs.random(salt);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      NetworkCase batch = NetworkCase.draw(random, c, g);
      Compare.matrix(HIDDEN_BACKPROP, "backward on " + batch.name() + ": dZ1", student(batch, 0.0).dZ1(),
          batch.referenceGradients().dZ1(), batch.magnitudes().dZ1());
    }
  }

  private static void assertDW1AndDb1(NetworkCase batch, Gradients actual, String input) {
    var expected = batch.referenceGradients();
    var magnitude = batch.magnitudes();
    Compare.matrix(HIDDEN_BACKPROP, input + ": dW1", actual.dW1(), expected.dW1(), magnitude.dW1());
    Compare.vector(HIDDEN_BACKPROP, input + ": db1", actual.db1(), expected.db1(), magnitude.db1());
  }

  @Test
  @DisplayName("dZ1 = (dZ2·W2ᵀ) ∘ σ'(Z1) with a sigmoid hidden layer, σ' = a(1 − a), on random batches")
  void theHiddenErrorUnderASigmoid() {
    assertDZ1(Activation.SIGMOID, 601);
  }

  @Test
  @DisplayName("dZ1 = (dZ2·W2ᵀ) ∘ tanh'(Z1) with a tanh hidden layer, tanh' = 1 − a², on random batches")
  void theHiddenErrorUnderTanh() {
    assertDZ1(Activation.TANH, 602);
  }

  @Test
  @DisplayName("dW1 and db1 match the reference on random batches, sigmoid and tanh")
  void weightAndBiasGradientsMatchTheReference() {
    Random random = RandomInputs.random(603);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      NetworkCase batch = NetworkCase.draw(random, c, c % 2 == 0 ? Activation.TANH : Activation.SIGMOID);
      assertDW1AndDb1(batch, student(batch, 0.0), "backward on " + batch.name());
    }
  }

  @Test
  @DisplayName("dZ1, dW1 and db1 are written into the given Gradients, overwriting what the buffers held")
  void overwritesTheGivenBuffers() {
    Random random = RandomInputs.random(604);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      NetworkCase batch = NetworkCase.draw(random, c, c % 4 < 2 ? Activation.TANH : Activation.SIGMOID);
      double stale = c % 2 == 0 ? Double.NaN : -2.5;
      Gradients grads = student(batch, stale);
      String input = "backward on " + batch.name() + " into buffers filled with " + stale + " beforehand";
      Compare.matrix(HIDDEN_BACKPROP, input + ": dZ1", grads.dZ1(), batch.referenceGradients().dZ1(),
          batch.magnitudes().dZ1());
      assertDW1AndDb1(batch, grads, input);
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
            ? worst.check(batch::loss, batch.w1(), grads.dW1(), batch.name())
            : worst.check(batch::loss, batch.b1(), grads.db1(), batch.name());
      }
      worst.assertBelow(HIDDEN_BACKPROP, (weights ? "dW1" : "db1") + " under " + g, RandomInputs.cases(), tolerance);
    }
  }

  @Test
  @DisplayName("Gradient check of dW1 (sigmoid and tanh) is not wrong: relative error below the 'wrong' threshold (default 1e-4)")
  void weightGradientIsNotWrong() {
    check(true, GradingParameters.gradientWrong());
  }

  @Test
  @DisplayName("Gradient check of dW1 (sigmoid and tanh) is right: relative error below the 'good' threshold (default 1e-7)")
  void weightGradientIsRight() {
    check(true, GradingParameters.gradientGood());
  }

  @Test
  @DisplayName("Gradient check of db1 (sigmoid and tanh) is not wrong: relative error below the 'wrong' threshold (default 1e-4)")
  void biasGradientIsNotWrong() {
    check(false, GradingParameters.gradientWrong());
  }

  @Test
  @DisplayName("Gradient check of db1 (sigmoid and tanh) is right: relative error below the 'good' threshold (default 1e-7)")
  void biasGradientIsRight() {
    check(false, GradingParameters.gradientGood());
  }
}
