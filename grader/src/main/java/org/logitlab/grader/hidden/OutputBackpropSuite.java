package org.logitlab.grader.hidden;

import static org.logitlab.exercise.Exercise.OUTPUT_BACKPROP;

import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.logitlab.activation.Activation;
import org.logitlab.network.ForwardPass;
import org.logitlab.network.Gradients;
import org.logitlab.network.OutputLayer;

/**
 * Exercise 5, {@code OutputLayer.backward(pass, y, grads)}: {@code dZ2 = A2 − Y},
 * {@code dW2 = (1/m)·A1ᵀ·dZ2}, {@code db2 = (1/m)·Σᵢ dZ2[i]} against the reference on random batches
 * (forward pass by the reference), written into the given buffers whatever they held, and numerical
 * gradient checks of {@code dW2} and {@code db2} against the reference cross-entropy.
 */
@DisplayNameGeneration(CheckNames.class)
@ExtendWith(Diagnosed.Reporter.class)
public class OutputBackpropSuite {

  /** The student's backward on a random batch (hidden activation alternating by case). */
  private static NetworkCase draw(Random random, int c) {
    return NetworkCase.draw(random, c, c % 2 == 0 ? Activation.TANH : Activation.SIGMOID);
  }

  /** The student's gradients of the batch, in buffers filled with {@code stale} beforehand. */
  private static Gradients student(NetworkCase batch, double stale) {
    Gradients grads = batch.buffers(stale);
    OutputLayer.backward(batch.forward(), RandomInputs.copy(batch.y()), grads);
    return grads;
  }

  private static void assertDZ2(NetworkCase batch, Gradients actual) {
    Compare.matrix(OUTPUT_BACKPROP, Checks.result(batch.backwardOn(), "dZ2"), actual.dZ2(),
        batch.referenceGradients().dZ2(), batch.magnitudes().dZ2(), 0);
  }

  private static void assertDW2AndDb2(NetworkCase batch, Gradients actual, String input) {
    var expected = batch.referenceGradients();
    var magnitude = batch.magnitudes();
    Compare.matrix(OUTPUT_BACKPROP, Checks.result(input, "dW2"), actual.dW2(), expected.dW2(), magnitude.dW2(),
        batch.samples());
    Compare.vector(OUTPUT_BACKPROP, Checks.result(input, "db2"), actual.db2(), expected.db2(), magnitude.db2(),
        batch.samples());
  }

  @Test
  void theErrorAtTheScoresIsPredictionMinusTarget() {
    Random random = RandomInputs.random(501);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      NetworkCase batch = draw(random, c);
      assertDZ2(batch, student(batch, 0.0));
    }
  }

  @Test
  void weightAndBiasGradientsMatchTheReference() {
    Random random = RandomInputs.random(502);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      NetworkCase batch = draw(random, c);
      assertDW2AndDb2(batch, student(batch, 0.0), batch.backwardOn());
    }
  }

  @Test
  void overwritesTheGivenBuffers() {
    Random random = RandomInputs.random(503);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      NetworkCase batch = draw(random, c);
      double stale = c % 2 == 0 ? Double.NaN : 3.25;
      Gradients grads = student(batch, stale);
      String input = batch.backwardOn(stale);
      Compare.matrix(OUTPUT_BACKPROP, Checks.result(input, "dZ2"), grads.dZ2(), batch.referenceGradients().dZ2(),
          batch.magnitudes().dZ2(), 0);
      assertDW2AndDb2(batch, grads, input);
    }
  }

  @Test
  void leavesItsArgumentsUnchanged() {
    Random random = RandomInputs.random(506);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      NetworkCase batch = draw(random, c);
      ForwardPass pass = batch.forward();
      ForwardPass before = batch.forward();
      double[][] y = RandomInputs.copy(batch.y());
      OutputLayer.backward(pass, y, batch.buffers(0.0));
      String input = batch.backwardOn();
      String next = Checks.text("output.readNext");
      Compare.unchanged(OUTPUT_BACKPROP, Checks.result(input, "A1"), pass.a1(), before.a1(), next);
      Compare.unchanged(OUTPUT_BACKPROP, Checks.result(input, "A2"), pass.a2(), before.a2(), next);
      Compare.unchanged(OUTPUT_BACKPROP, Checks.result(input, "Z1"), pass.z1(), before.z1(), next);
      Compare.unchanged(OUTPUT_BACKPROP, Checks.result(input, "Z2"), pass.z2(), before.z2(), next);
      Compare.unchanged(OUTPUT_BACKPROP, Checks.result(input, "Y"), y, batch.y(), Checks.text("output.targetsReread"));
    }
  }

  /** The worst gradient-check coordinate of dW2 ({@code weights}) or db2 over random batches. */
  private static WorstCheck check(boolean weights) {
    Random random = RandomInputs.random(weights ? 504 : 505);
    WorstCheck worst = WorstCheck.none();
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      NetworkCase batch = draw(random, c);
      Gradients grads = student(batch, 0.0);
      worst = weights
          ? worst.check(batch::loss, batch.w2(), grads.dW2(), batch.name(), batch.samples())
          : worst.check(batch::loss, batch.b2(), grads.db2(), batch.name(), batch.samples());
    }
    return worst;
  }

  @Test
  void weightGradientIsNotWrong() {
    check(true).assertBelow(OUTPUT_BACKPROP, "dW2", RandomInputs.cases(), GradingParameters.gradientWrong());
  }

  @Test
  void weightGradientIsRight() {
    check(true).assertBelow(OUTPUT_BACKPROP, "dW2", RandomInputs.cases(), GradingParameters.gradientGood());
  }

  @Test
  void biasGradientIsNotWrong() {
    check(false).assertBelow(OUTPUT_BACKPROP, "db2", RandomInputs.cases(), GradingParameters.gradientWrong());
  }

  @Test
  void biasGradientIsRight() {
    check(false).assertBelow(OUTPUT_BACKPROP, "db2", RandomInputs.cases(), GradingParameters.gradientGood());
  }
}
