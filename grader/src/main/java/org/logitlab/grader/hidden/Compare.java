package org.logitlab.grader.hidden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.logitlab.exercise.Exercise;

/**
 * Entry-by-entry comparisons of a student's result with the reference's, each failure naming the
 * exercise, the input and the entry (AssertJ adds the expected and the actual value). A description
 * is written only when its check fails: a 784×100 gradient has 78,400 entries.
 *
 * <p>The tolerance of a sum of products is relative to its <em>magnitude</em>, the same sum taken
 * over absolute values ({@code Σ|aᵢ·bᵢ|}): summing {@code N} terms in any order is within
 * {@code (N − 1)·ε·Σ|terms|} of the exact sum ({@code ε = 2⁻⁵³ ≈ 1.1e-16}), so two correct
 * implementations of the hidden suites' small sums ({@code N ≤ 50}) differ by less than
 * {@code 1e-14} of the magnitude. {@link #SUMS} = {@code 1e-12} leaves a wide margin, while a real
 * mistake (a sign, a factor {@code m}, a transposition, a wrong derivative) is off by the order of the
 * value itself. Where the magnitude is 0 the result must be exactly 0.
 */
final class Compare {

  /** The unit roundoff of double precision, {@code ε = 2⁻⁵³}. */
  static final double EPSILON = Math.ulp(1.0) / 2;

  /** Tolerance relative to the magnitude of a sum of products; see the class comment. */
  static final double SUMS = 1e-12;

  /**
   * Tolerance relative to the magnitude on {@link RandomInputs#dyadic dyadic} inputs, where every
   * product and sum of a correct gradient is exact: 32ε ({@code ε = 2⁻⁵³}) covers an activation's
   * slope computed from {@code Z1} instead of {@code A1} (within 4ε for the values drawn there) and
   * the rounding of the sums that this then brings (at most {@code (m − 1)·ε}, {@code m ≤ 8}). A
   * numerical derivative cannot get there: a central difference's rounding alone is
   * {@code ε·|loss| / h}, about 1e-11 at {@code h = 1e-5} and 1e-13 at a fourth-order stencil's best
   * {@code h}, a thousand times more.
   */
  static final double EXACT = 32 * EPSILON;

  private Compare() {}

  /**
   * Checks that {@code actual} has the shape of {@code expected} and each entry is within
   * {@code SUMS · magnitude[i][j]} of it.
   *
   * @param what the input and the result's name, e.g. "random 4×3 batch #2 of seed 0: dW2"
   */
  static void matrix(Exercise exercise, String what, double[][] actual, double[][] expected, double[][] magnitude) {
    matrix(exercise, what, actual, expected, magnitude, SUMS);
  }

  /** As {@link #matrix}, within {@code relative · magnitude[i][j]}. */
  static void matrix(Exercise exercise, String what, double[][] actual, double[][] expected, double[][] magnitude,
      double relative) {
    assertThat(actual).as(() -> exercise.about(Checks.rows(what))).hasNumberOfRows(expected.length);
    for (int i = 0; i < expected.length; i++) {
      int row = i;
      assertThat(actual[i]).as(() -> exercise.about(Checks.rowLength(what, row))).hasSize(expected[i].length);
      for (int j = 0; j < expected[i].length; j++) {
        int column = j;
        assertThat(actual[i][j]).as(() -> exercise.about(Checks.entry(what, "[" + row + "][" + column + "]")))
            .isCloseTo(expected[i][j], within(relative * magnitude[i][j]));
      }
    }
  }

  /** As {@link #matrix}, for a vector. */
  static void vector(Exercise exercise, String what, double[] actual, double[] expected, double[] magnitude) {
    vector(exercise, what, actual, expected, magnitude, SUMS);
  }

  /** As {@link #vector}, within {@code relative · magnitude[j]}. */
  static void vector(Exercise exercise, String what, double[] actual, double[] expected, double[] magnitude,
      double relative) {
    assertThat(actual).as(() -> exercise.about(Checks.length(what))).hasSize(expected.length);
    for (int j = 0; j < expected.length; j++) {
      int index = j;
      assertThat(actual[j]).as(() -> exercise.about(Checks.entry(what, "[" + index + "]")))
          .isCloseTo(expected[j], within(relative * magnitude[j]));
    }
  }

  /**
   * Checks that an argument the student's code was given is, after the call, exactly what it was
   * before: the code reads it, and the step after it (in {@code fit}) reads it again.
   *
   * @param why who reads it next (a message of {@link Checks}), e.g. "fit reads A1 again in the hidden layer"
   */
  static void unchanged(Exercise exercise, String what, double[][] after, double[][] before, String why) {
    assertThat(after).as(exercise.about(Checks.text("result.unchanged", "input", what, "why", why)))
        .isDeepEqualTo(before);
  }

  /** Entry-wise absolute values, the inputs of a magnitude computation. */
  static double[][] abs(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = abs(a[i]);
    }
    return out;
  }

  /** Entry-wise absolute values of a vector. */
  static double[] abs(double[] a) {
    double[] out = new double[a.length];
    for (int j = 0; j < a.length; j++) {
      out[j] = Math.abs(a[j]);
    }
    return out;
  }
}
