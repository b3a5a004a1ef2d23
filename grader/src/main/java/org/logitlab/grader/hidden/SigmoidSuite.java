package org.logitlab.grader.hidden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.logitlab.exercise.Exercise.SIGMOID;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.logitlab.activation.Sigmoid;

/**
 * Exercise 1, {@code Sigmoid.apply(double)}: against the reference on random scores, precision in the
 * lower tail, stability for {@code |z| ≥ 1000}, symmetry and monotonicity.
 */
@DisplayNameGeneration(CheckNames.class)
@ExtendWith(Diagnosed.Reporter.class)
public class SigmoidSuite {

  /**
   * σ is a closed form of one exponential, one addition and one division: two correct forms agree
   * within a few ulps (≈ 1e-15 relative). 1e-12 leaves room, yet rejects a form that loses the lower
   * tail (1 − σ(−z) is 0 below z ≈ −37) or computes in float (≈ 1e-7).
   */
  private static final double RELATIVE = 1e-12;

  /** What σ(−z) + σ(z) = 1 may miss by: rounding 1 − σ(z) costs half an ulp of 1 (1.1e-16), σ a few ulps. */
  private static final double SYMMETRY = 1e-15;

  /** {@code "Sigmoid.apply(-3.5)"}. */
  private static String call(double z) {
    return "Sigmoid.apply(" + z + ")";
  }

  /** Checks σ(z) of random case {@code c} against the reference; {@code kind} is the message naming the case. */
  private static void assertMatchesTheReference(double z, String kind, int c) {
    double expected = org.logitlab.reference.activation.Sigmoid.apply(z);
    assertThat(Sigmoid.apply(z)).as(() -> SIGMOID.about(Checks.text(kind, "call", call(z), "case", RandomInputs.caseOf(c))))
        .isCloseTo(expected, within(RELATIVE * Math.abs(expected)));
  }

  @Test
  void matchesTheReferenceOnRandomScores() {
    Random random = RandomInputs.random(101);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      double z = c % 2 == 0
          ? RandomInputs.uniform(random, -30, 30)
          : Math.copySign(Math.pow(10, RandomInputs.uniform(random, -12, 0)), random.nextDouble() - 0.5);
      assertMatchesTheReference(z, "sigmoid.randomScore", c);
    }
  }

  @Test
  void isPreciseInTheLowerTail() {
    Random random = RandomInputs.random(102);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      double z = RandomInputs.uniform(random, -700, -30);
      assertMatchesTheReference(z, "sigmoid.lowerTail", c);
    }
  }

  /**
   * Where σ(z) ≈ e^z is subnormal (−745 ≤ z ≤ −708) a subnormal's steps are {@code Double.MIN_VALUE}
   * apart, so relative precision is lost; two correct forms still agree within a few such steps,
   * while 1/(1 + e^(−z)) gives 0 there (e^(−z) overflows from z ≈ −709.8 down).
   */
  private static final double SUBNORMAL = 4 * Double.MIN_VALUE;

  @Test
  void keepsTheSubnormalTail() {
    Random random = RandomInputs.random(107);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      double z = RandomInputs.uniform(random, -745, -700);
      double expected = org.logitlab.reference.activation.Sigmoid.apply(z);
      String where = RandomInputs.caseOf(c);
      assertThat(Sigmoid.apply(z))
          .as(() -> SIGMOID.about(Checks.text("sigmoid.farTail", "call", call(z), "case", where)))
          .isCloseTo(expected, within(Math.max(RELATIVE * expected, SUBNORMAL)));
    }
  }

  @Test
  void isExactlyOneForHugePositiveScores() {
    Random random = RandomInputs.random(103);
    for (double z : hugeScores(random)) {
      assertThat(Sigmoid.apply(z)).as(SIGMOID.about(call(z))).isEqualTo(1.0);
    }
  }

  @Test
  void isExactlyZeroForHugeNegativeScores() {
    Random random = RandomInputs.random(104);
    for (double z : hugeScores(random)) {
      // within(0.0): 0.0 and -0.0 are both exactly zero; NaN is not.
      assertThat(Sigmoid.apply(-z)).as(SIGMOID.about(call(-z))).isCloseTo(0.0, within(0.0));
    }
  }

  /** Random scores from 1000 to 1e308 (log-uniform), then Double.MAX_VALUE and +∞. */
  private static double[] hugeScores(Random random) {
    double[] z = new double[RandomInputs.cases() + 2];
    for (int c = 0; c < z.length - 2; c++) {
      z[c] = Math.pow(10, RandomInputs.uniform(random, 3, 308));
    }
    z[z.length - 2] = Double.MAX_VALUE;
    z[z.length - 1] = Double.POSITIVE_INFINITY;
    return z;
  }

  @Test
  void isSymmetric() {
    Random random = RandomInputs.random(105);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      double z = RandomInputs.uniform(random, -40, 40);
      String where = RandomInputs.caseOf(c);
      assertThat(Sigmoid.apply(-z))
          .as(() -> SIGMOID.about(Checks.text("sigmoid.symmetric", "call", call(-z), "mirror", call(z), "case",
              where)))
          .isCloseTo(1 - Sigmoid.apply(z), within(SYMMETRY));
    }
  }

  @Test
  void isIncreasingBetweenZeroAndOne() {
    Random random = RandomInputs.random(106);
    double[] z = new double[RandomInputs.cases() + 1];
    for (int c = 0; c < z.length; c++) {
      z[c] = c % 2 == 0 ? RandomInputs.uniform(random, -800, 800) : RandomInputs.uniform(random, -5, 5);
    }
    Arrays.sort(z);
    double previous = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < z.length; c++) {
      double s = Sigmoid.apply(z[c]);
      double here = z[c];
      assertThat(s).as(() -> SIGMOID.about(Checks.text("sigmoid.probability", "call", call(here)))).isBetween(0.0, 1.0);
      if (c > 0) {
        double before = z[c - 1];
        double last = previous;
        assertThat(s).as(() -> SIGMOID.about(Checks.text("sigmoid.increasing", "call", call(here), "previous",
            call(before), "value", last))).isGreaterThanOrEqualTo(previous);
      }
      previous = s;
    }
  }
}
