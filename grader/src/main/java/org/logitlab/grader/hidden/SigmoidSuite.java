package org.logitlab.grader.hidden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.logitlab.exercise.Exercise.SIGMOID;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.logitlab.activation.Sigmoid;

/**
 * Exercise 1, {@code Sigmoid.apply(double)}: against the reference on random scores, precision in the
 * lower tail, stability for {@code |z| ≥ 1000}, symmetry and monotonicity.
 */
@DisplayName("Exercise 1 (sigmoid), hidden tests")
public class SigmoidSuite {

  /**
   * σ is a closed form of one exponential, one addition and one division: two correct forms agree
   * within a few ulps (≈ 1e-15 relative). 1e-12 leaves room, yet rejects a form that loses the lower
   * tail (1 − σ(−z) is 0 below z ≈ −37) or computes in float (≈ 1e-7).
   */
  private static final double RELATIVE = 1e-12;

  /** What σ(−z) + σ(z) = 1 may miss by: rounding 1 − σ(z) costs half an ulp of 1 (1.1e-16), σ a few ulps. */
  private static final double SYMMETRY = 1e-15;

  private static void assertMatchesTheReference(double z, String where) {
    double expected = org.logitlab.reference.activation.Sigmoid.apply(z);
    assertThat(Sigmoid.apply(z)).as(SIGMOID.about("Sigmoid.apply(" + z + "), " + where))
        .isCloseTo(expected, within(RELATIVE * Math.abs(expected)));
  }

  @Test
  @DisplayName("σ(z) matches the reference on random scores, from |z| ≈ 1e-12 to |z| = 30")
  void matchesTheReferenceOnRandomScores() {
    Random random = RandomInputs.random(101);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      double z = c % 2 == 0
          ? RandomInputs.uniform(random, -30, 30)
          : Math.copySign(Math.pow(10, RandomInputs.uniform(random, -12, 0)), random.nextDouble() - 0.5);
      assertMatchesTheReference(z, "random score " + RandomInputs.caseOf(c));
    }
  }

  @Test
  @DisplayName("σ(z) keeps its relative precision far in the lower tail, −700 ≤ z ≤ −30, where σ(z) ≈ e^z")
  void isPreciseInTheLowerTail() {
    Random random = RandomInputs.random(102);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      double z = RandomInputs.uniform(random, -700, -30);
      assertMatchesTheReference(z, "random score in the lower tail " + RandomInputs.caseOf(c));
    }
  }

  /**
   * Where σ(z) ≈ e^z is subnormal (−745 ≤ z ≤ −708) a subnormal's steps are {@code Double.MIN_VALUE}
   * apart, so relative precision is lost; two correct forms still agree within a few such steps,
   * while 1/(1 + e^(−z)) gives 0 there (e^(−z) overflows from z ≈ −709.8 down).
   */
  private static final double SUBNORMAL = 4 * Double.MIN_VALUE;

  @Test
  @DisplayName("σ(z) stays positive and exact to a few subnormal steps in the far tail, −745 ≤ z ≤ −700")
  void keepsTheSubnormalTail() {
    Random random = RandomInputs.random(107);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      double z = RandomInputs.uniform(random, -745, -700);
      double expected = org.logitlab.reference.activation.Sigmoid.apply(z);
      assertThat(Sigmoid.apply(z)).as(SIGMOID.about("Sigmoid.apply(" + z + "), random score in the far tail "
              + RandomInputs.caseOf(c) + "; 0 here means e^(−z) overflowed: for z < 0 use e^z / (1 + e^z)"))
          .isCloseTo(expected, within(Math.max(RELATIVE * expected, SUBNORMAL)));
    }
  }

  @Test
  @DisplayName("σ(z) is exactly 1, never NaN, for huge positive scores: 1000 ≤ z ≤ Double.MAX_VALUE and +∞")
  void isExactlyOneForHugePositiveScores() {
    Random random = RandomInputs.random(103);
    for (double z : hugeScores(random)) {
      assertThat(Sigmoid.apply(z)).as(SIGMOID.about("Sigmoid.apply(" + z + ")")).isEqualTo(1.0);
    }
  }

  @Test
  @DisplayName("σ(z) is exactly 0, never NaN, for huge negative scores: −Double.MAX_VALUE ≤ z ≤ −1000 and −∞")
  void isExactlyZeroForHugeNegativeScores() {
    Random random = RandomInputs.random(104);
    for (double z : hugeScores(random)) {
      // within(0.0): 0.0 and -0.0 are both exactly zero; NaN is not.
      assertThat(Sigmoid.apply(-z)).as(SIGMOID.about("Sigmoid.apply(" + -z + ")")).isCloseTo(0.0, within(0.0));
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
  @DisplayName("σ(−z) = 1 − σ(z) on random scores in [−40, 40]")
  void isSymmetric() {
    Random random = RandomInputs.random(105);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      double z = RandomInputs.uniform(random, -40, 40);
      assertThat(Sigmoid.apply(-z))
          .as(SIGMOID.about("Sigmoid.apply(" + -z + ") against 1 − Sigmoid.apply(" + z + "), random score "
              + RandomInputs.caseOf(c)))
          .isCloseTo(1 - Sigmoid.apply(z), within(SYMMETRY));
    }
  }

  @Test
  @DisplayName("σ is increasing and stays in [0, 1] on random sorted scores in [−800, 800]")
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
      assertThat(s).as(SIGMOID.about("Sigmoid.apply(" + z[c] + ") must be a probability")).isBetween(0.0, 1.0);
      if (c > 0) {
        assertThat(s).as(SIGMOID.about("Sigmoid.apply(" + z[c] + ") against Sigmoid.apply(" + z[c - 1]
            + ") = " + previous + " (σ never decreases)")).isGreaterThanOrEqualTo(previous);
      }
      previous = s;
    }
  }
}
