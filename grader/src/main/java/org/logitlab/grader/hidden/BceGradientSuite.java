package org.logitlab.grader.hidden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.logitlab.exercise.Exercise.BCE_GRADIENT;

import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.logitlab.loss.BinaryCrossEntropy;

/**
 * Exercise 2, {@code BinaryCrossEntropy.gradient(x, yHat, y)}: {@code dw = (1/m)·Xᵀ(ŷ − y)} and
 * {@code db = (1/m)·Σ(ŷ − y)} against the reference on random batches and, exactly, on dyadic ones
 * (where only the formula is exact, never a numerical derivative), its shape, predictions at 0 and 1,
 * its arguments left alone, and numerical gradient checks of {@code dw} and {@code db}.
 */
@DisplayNameGeneration(CheckNames.class)
@ExtendWith(Diagnosed.Reporter.class)
public class BceGradientSuite {

  /** One random batch: inputs, predictions, targets. */
  private record Batch(String name, double[][] x, double[] yHat, double[] y) {

    /** m × n inputs N(0, 1), predictions uniform in (0, 1), targets 0/1 (soft targets every fourth case). */
    static Batch draw(Random random, int index, int m, int n) {
      double[][] x = RandomInputs.gaussian(random, m, n, 1.0);
      double[] yHat = new double[m];
      double[] y = new double[m];
      for (int i = 0; i < m; i++) {
        yHat[i] = RandomInputs.uniform(random, 0.001, 0.999);
        y[i] = index % 4 == 0 ? random.nextDouble() : random.nextInt(2);
      }
      return new Batch(RandomInputs.batch(index, m, n), x, yHat, y);
    }

    /** The student's gradient, on copies of the batch. */
    BinaryCrossEntropy.Gradient student() {
      return BinaryCrossEntropy.gradient(RandomInputs.copy(x), yHat.clone(), y.clone());
    }

    /** Checks the student's gradient against the reference's, with tolerances relative to the sums' magnitudes. */
    void assertMatchesTheReference() {
      assertMatchesTheReference(Compare.SUMS);
    }

    /** As {@link #assertMatchesTheReference()}, within {@code relative} of the magnitudes. */
    void assertMatchesTheReference(double relative) {
      BinaryCrossEntropy.Gradient actual = student();
      var expected = org.logitlab.reference.loss.BinaryCrossEntropy.gradient(x, yHat, y);
      // The same sums over absolute values: (1/m)·|X|ᵀ|ŷ − y| and (1/m)·Σ|ŷ − y|.
      double[] residual = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        residual[i] = Math.abs(yHat[i] - y[i]);
      }
      var magnitude = org.logitlab.reference.loss.BinaryCrossEntropy.gradient(Compare.abs(x), residual,
          new double[y.length]);
      String input = call();
      Compare.vector(BCE_GRADIENT, Checks.result(input, "dw"), actual.dw(), expected.dw(), magnitude.dw(), relative,
          y.length);
      Compare.vector(BCE_GRADIENT, Checks.result(input, "db"), new double[] {actual.db()},
          new double[] {expected.db()}, new double[] {magnitude.db()}, relative, y.length);
    }

    /** {@code "gradient(x, yHat, y) on <name>"}. */
    String call() {
      return Checks.text("bce.call", "batch", name);
    }
  }

  @Test
  void matchesTheReferenceOnRandomBatches() {
    Random random = RandomInputs.random(201);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      Batch.draw(random, c, RandomInputs.between(random, 1, 12), RandomInputs.between(random, 1, 6))
          .assertMatchesTheReference();
    }
  }

  @Test
  void isExactOnDyadicInputs() {
    Random random = RandomInputs.random(207);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      int m = 1 << RandomInputs.between(random, 1, 3);
      int n = RandomInputs.between(random, 1, 5);
      double[][] x = RandomInputs.dyadic(random, m, n);
      double[] yHat = new double[m];
      double[] y = new double[m];
      for (int i = 0; i < m; i++) {
        yHat[i] = RandomInputs.between(random, 1, 7) / 8.0;
        y[i] = random.nextInt(2);
      }
      new Batch(Checks.text("bce.dyadic", "batch", RandomInputs.batch(c, m, n), "yHat", java.util.Arrays.toString(yHat),
          "y", java.util.Arrays.toString(y)), x, yHat, y)
          .assertMatchesTheReference(Compare.EXACT);
    }
  }

  @Test
  void hasOneWeightGradientPerFeature() {
    Random random = RandomInputs.random(202);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      int m = RandomInputs.between(random, 1, 10);
      int n = m + RandomInputs.between(random, 1, 5) * (random.nextBoolean() ? 1 : -1);
      if (n < 1) {
        n = m + 1;
      }
      Batch batch = Batch.draw(random, c, m, n);
      BinaryCrossEntropy.Gradient g = batch.student();
      String input = Checks.text("bce.shape", "call", batch.call(), "samples", m, "features", n);
      assertThat(g.dw()).as(BCE_GRADIENT.about(Checks.lengthOf(input, "dw"))).hasSize(n);
      assertThat(g.db()).as(BCE_GRADIENT.about(Checks.result(input, "db"))).isFinite();
    }
  }

  @Test
  void isFiniteForPredictionsAtZeroAndOne() {
    double[] extremes = {0.0, Double.MIN_VALUE, 1e-300, 1e-16, 1.0, Math.nextDown(1.0), 1 - 1e-15};
    Random random = RandomInputs.random(203);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      int m = RandomInputs.between(random, 1, 8);
      int n = RandomInputs.between(random, 1, 4);
      Batch batch = Batch.draw(random, c, m, n);
      for (int i = 0; i < m; i++) {
        batch.yHat()[i] = extremes[random.nextInt(extremes.length)];
        batch.y()[i] = random.nextInt(2);
      }
      new Batch(Checks.text("bce.extremes", "batch", batch.name(), "yHat", java.util.Arrays.toString(batch.yHat()),
          "y", java.util.Arrays.toString(batch.y())), batch.x(), batch.yHat(), batch.y()).assertMatchesTheReference();
    }
  }

  @Test
  void leavesItsArgumentsUnchanged() {
    Random random = RandomInputs.random(204);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      Batch batch = Batch.draw(random, c, RandomInputs.between(random, 1, 10), RandomInputs.between(random, 1, 5));
      double[][] x = RandomInputs.copy(batch.x());
      double[] yHat = batch.yHat().clone();
      double[] y = batch.y().clone();
      BinaryCrossEntropy.gradient(x, yHat, y);
      String input = batch.call();
      assertThat(x).as(BCE_GRADIENT.about(Checks.afterwards(input, "x"))).isDeepEqualTo(batch.x());
      assertThat(yHat).as(BCE_GRADIENT.about(Checks.afterwards(input, "yHat"))).containsExactly(batch.yHat());
      assertThat(y).as(BCE_GRADIENT.about(Checks.afterwards(input, "y"))).containsExactly(batch.y());
    }
  }

  // Gradient checks: the loss is the reference's BinaryCrossEntropy.lossFromLogits(X·w + b, y); the
  // student's gradient is taken at ŷ = σ(X·w + b) (the reference σ).

  /** The worst gradient-check coordinate of dw ({@code weights}) or db over random batches of 2 to 10 samples. */
  private static WorstCheck check(boolean weights) {
    Random random = RandomInputs.random(weights ? 205 : 206);
    WorstCheck worst = WorstCheck.none();
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      int m = RandomInputs.between(random, 2, 10);
      int n = RandomInputs.between(random, 1, 5);
      double[][] x = RandomInputs.gaussian(random, m, n, 1.0);
      double[] y = new double[m];
      for (int i = 0; i < m; i++) {
        y[i] = random.nextInt(2);
      }
      // w, b ~ N(0, 0.5²): the reference's worst relative error over 300,000 such cases is 2.6e-8.
      double[] w = RandomInputs.gaussian(random, n, 0.5);
      double[] b = {0.5 * random.nextGaussian()};
      double[] yHat = org.logitlab.reference.activation.Sigmoid.apply(logits(x, w, b[0]));
      BinaryCrossEntropy.Gradient g = BinaryCrossEntropy.gradient(RandomInputs.copy(x), yHat, y.clone());
      String where = Checks.text("bce.randomParameters", "batch", RandomInputs.batch(c, m, n));
      assertThat(g.dw()).as(BCE_GRADIENT.about(Checks.lengthOf(where, "dw"))).hasSize(n);
      java.util.function.DoubleSupplier loss =
          () -> org.logitlab.reference.loss.BinaryCrossEntropy.lossFromLogits(logits(x, w, b[0]), y);
      worst = weights ? worst.check(loss, w, g.dw(), where, m) : worst.check(loss, b, new double[] {g.db()}, where, m);
    }
    return worst;
  }

  private static double[] logits(double[][] x, double[] w, double b) {
    double[] z = org.logitlab.reference.linalg.Matrices.multiply(x, w);
    for (int i = 0; i < z.length; i++) {
      z[i] += b;
    }
    return z;
  }

  @Test
  void weightGradientIsNotWrong() {
    check(true).assertBelow(BCE_GRADIENT, "dw", RandomInputs.cases(), GradingParameters.gradientWrong());
  }

  @Test
  void weightGradientIsRight() {
    check(true).assertBelow(BCE_GRADIENT, "dw", RandomInputs.cases(), GradingParameters.gradientGood());
  }

  @Test
  void biasGradientIsNotWrong() {
    check(false).assertBelow(BCE_GRADIENT, "db", RandomInputs.cases(), GradingParameters.gradientWrong());
  }

  @Test
  void biasGradientIsRight() {
    check(false).assertBelow(BCE_GRADIENT, "db", RandomInputs.cases(), GradingParameters.gradientGood());
  }
}
