package org.logitlab.grader.hidden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.logitlab.exercise.Exercise.SOFTMAX;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.logitlab.activation.Softmax;

/**
 * Exercise 3, {@code Softmax.applyInto(z, out)}: against the reference on random scores, stability
 * for huge positive and negative scores (max-subtraction), exact zeros far below the maximum, a
 * single score, in-place use, and the result written into {@code out} with {@code z} left alone.
 * Every call goes to {@code applyInto} itself, never through the given {@code apply} or {@code rows}.
 */
@DisplayNameGeneration(CheckNames.class)
@ExtendWith(Diagnosed.Reporter.class)
public class SoftmaxSuite {

  /**
   * Each probability is {@code e^(zⱼ − max) / Σ}. Correct forms differ in their roundings: dividing
   * or multiplying by {@code 1/Σ} differ by a few ulps; the log-sum-exp form
   * {@code e^(zⱼ − (max + log Σ))} rounds {@code max + log Σ} to within {@code ε·|max|} (ε = 2⁻⁵³),
   * an absolute error in the exponent and so a relative one in the probability. The tolerance is
   * therefore {@code 1e-12 + 4ε·max|z|} relative: 1e-12 for ordinary scores, 4.4e-10 at |z| = 1e6.
   * Forgetting the shift gives NaN, 0 or ∞, and a wrong formula is off by the value itself.
   */
  private static final double RELATIVE = 1e-12;

  /** The relative tolerance for the probabilities of {@code z}; see {@link #RELATIVE}. */
  private static double tolerance(double[] z) {
    return RELATIVE + 4 * Compare.EPSILON * Arrays.stream(z).map(Math::abs).max().orElse(0);
  }

  /** The student's {@code applyInto(z, out)} on a copy of {@code z} and a fresh {@code out}. */
  private static double[] student(double[] z) {
    double[] out = new double[z.length];
    Softmax.applyInto(z.clone(), out);
    return out;
  }

  private static double[] reference(double[] z) {
    return org.logitlab.reference.activation.Softmax.apply(z);
  }

  /** {@code z − max(z)}: the shifted scores, whose softmax is the same and computed without any risk. */
  private static double[] shifted(double[] z) {
    double max = Arrays.stream(z).max().orElseThrow();
    return Arrays.stream(z).map(v -> v - max).toArray();
  }

  /** Checks the probabilities of the scores {@code z} entry by entry, within {@link #tolerance}. */
  private static void assertProbabilities(String input, double[] z, double[] actual, double[] expected) {
    assertThat(actual).as(() -> SOFTMAX.about(Checks.length(input))).hasSize(expected.length);
    double relative = tolerance(z);
    for (int j = 0; j < expected.length; j++) {
      int index = j;
      assertThat(actual[j]).as(() -> SOFTMAX.about(Checks.entry(input, "[" + index + "]")))
          .isCloseTo(expected[j], within(relative * expected[j]));
    }
  }

  /** Scores N(0, s²) with s one of 0.01, 1, 5 and 15, of length 1 to 10. */
  private static double[] scores(Random random) {
    double[] scales = {0.01, 1, 5, 15};
    return RandomInputs.gaussian(random, RandomInputs.between(random, 1, 10), scales[random.nextInt(scales.length)]);
  }

  /** {@code applyInto(z, out)} on the scores {@code z} of random case {@code c}, as the message {@code kind} says. */
  private static String describe(String kind, double[] z, int c) {
    return describe(kind, "applyInto(z, out)", z, c);
  }

  private static String describe(String kind, String call, double[] z, int c) {
    return Checks.text(kind, "call", call, "z", Arrays.toString(z), "case", RandomInputs.caseOf(c));
  }

  @Test
  void matchesTheReferenceOnRandomScores() {
    Random random = RandomInputs.random(301);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      double[] z = scores(random);
      assertProbabilities(describe("softmax.random", z, c), z, student(z), reference(z));
    }
  }

  @Test
  void hugePositiveScoresEqualTheShiftedScores() {
    Random random = RandomInputs.random(302);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      double[] z = hugeScores(random, +1);
      assertProbabilities(describe("softmax.hugePositive", z, c), z, student(z), reference(shifted(z)));
    }
  }

  @Test
  void hugeNegativeScoresEqualTheShiftedScores() {
    Random random = RandomInputs.random(303);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      double[] z = hugeScores(random, -1);
      assertProbabilities(describe("softmax.hugeNegative", z, c), z, student(z), reference(shifted(z)));
    }
  }

  /** Random scores around ±10^u, u uniform in [3, 6], spread N(0, 3²), length 1 to 8. */
  private static double[] hugeScores(Random random, int sign) {
    double offset = sign * Math.pow(10, RandomInputs.uniform(random, 3, 6));
    double[] z = RandomInputs.gaussian(random, RandomInputs.between(random, 1, 8), 3.0);
    for (int j = 0; j < z.length; j++) {
      z[j] += offset;
    }
    return z;
  }

  @Test
  void scoresFarBelowTheMaximumGetExactlyZero() {
    Random random = RandomInputs.random(304);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      double[] z = RandomInputs.gaussian(random, RandomInputs.between(random, 2, 8), 2.0);
      double max = Arrays.stream(z).max().orElseThrow();
      int far = random.nextInt(z.length);
      if (z[far] == max) {
        far = (far + 1) % z.length;
      }
      z[far] = max - RandomInputs.uniform(random, 1000, 1e5);
      double[] p = student(z);
      String input = Checks.text("softmax.farBelow", "call", "applyInto(z, out)", "index", far, "z",
          Arrays.toString(z), "case", RandomInputs.caseOf(c));
      assertThat(p).as(SOFTMAX.about(Checks.length(input))).hasSize(z.length);
      assertThat(p[far]).as(SOFTMAX.about(Checks.entry(input, "[" + far + "]"))).isEqualTo(0.0);
      assertThat(Arrays.stream(p).sum()).as(SOFTMAX.about(Checks.text("softmax.sum", "input", input)))
          .isCloseTo(1.0, within(1e-14));
    }
  }

  @Test
  void aSingleScoreGivesOne() {
    Random random = RandomInputs.random(305);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      double[] z = {Math.copySign(Math.pow(10, RandomInputs.uniform(random, -3, 300)), random.nextDouble() - 0.5)};
      assertThat(student(z)).as(SOFTMAX.about(describe("softmax.single", z, c)))
          .containsExactly(new double[] {1.0}, within(1e-15));
    }
  }

  @Test
  void worksInPlace() {
    Random random = RandomInputs.random(306);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      double[] z = scores(random);
      double[] expected = reference(z);
      double[] inPlace = z.clone();
      Softmax.applyInto(inPlace, inPlace);
      assertProbabilities(describe("softmax.random", "applyInto(z, z)", z, c), z, inPlace, expected);
    }
  }

  @Test
  void writesIntoOutAndLeavesTheScoresAlone() {
    Random random = RandomInputs.random(307);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      double[] z = scores(random);
      double[] scores = z.clone();
      double[] out = new double[z.length];
      Arrays.fill(out, c % 2 == 0 ? Double.NaN : 7.5);
      String input = Checks.text("softmax.outFilled", "input", describe("softmax.random", z, c), "value", out[0]);
      Softmax.applyInto(scores, out);
      assertProbabilities(Checks.result(input, "out"), z, out, reference(z));
      assertThat(scores).as(SOFTMAX.about(Checks.afterwards(input, "z"))).containsExactly(z);
    }
  }
}
