package org.logitlab.grader.hidden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
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
   * {@code SUMS · magnitude[i][j]} of it; a failure names the {@link Cause} its fingerprint shows.
   *
   * @param what the input and the result's name, e.g. "random 4×3 batch #2 of seed 0: dW2"
   * @param samples the batch size {@code m} when the result is a mean over the batch, else 0
   */
  static void matrix(Exercise exercise, String what, double[][] actual, double[][] expected, double[][] magnitude,
      int samples) {
    matrix(exercise, what, actual, expected, magnitude, SUMS, samples);
  }

  /** As {@link #matrix}, within {@code relative · magnitude[i][j]}. */
  static void matrix(Exercise exercise, String what, double[][] actual, double[][] expected, double[][] magnitude,
      double relative, int samples) {
    assertThat(actual).as(() -> exercise.about(Checks.rows(what))).hasNumberOfRows(expected.length);
    for (int i = 0; i < expected.length; i++) {
      int row = i;
      assertThat(actual[i]).as(() -> exercise.about(Checks.rowLength(what, row))).hasSize(expected[i].length);
    }
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        double tolerance = relative * magnitude[i][j];
        if (!(Math.abs(actual[i][j] - expected[i][j]) <= tolerance)) {
          fail(exercise, Checks.entry(what, "[" + i + "][" + j + "]"), actual[i][j], expected[i][j], tolerance,
              Cause.of(actual, expected, samples), samples);
        }
      }
    }
  }

  /** As {@link #matrix}, for a vector. */
  static void vector(Exercise exercise, String what, double[] actual, double[] expected, double[] magnitude,
      int samples) {
    vector(exercise, what, actual, expected, magnitude, SUMS, samples);
  }

  /** As {@link #vector}, within {@code relative · magnitude[j]}. */
  static void vector(Exercise exercise, String what, double[] actual, double[] expected, double[] magnitude,
      double relative, int samples) {
    assertThat(actual).as(() -> exercise.about(Checks.length(what))).hasSize(expected.length);
    for (int j = 0; j < expected.length; j++) {
      double tolerance = relative * magnitude[j];
      if (!(Math.abs(actual[j] - expected[j]) <= tolerance)) {
        fail(exercise, Checks.entry(what, "[" + j + "]"), actual[j], expected[j], tolerance,
            Cause.of(new double[][] {actual}, new double[][] {expected}, samples), samples);
      }
    }
  }

  /**
   * Fails on one entry as AssertJ words it (the description, the expected and the actual value),
   * with the cause's sentence after the description when there is one.
   */
  private static void fail(Exercise exercise, String entry, double actual, double expected, double tolerance,
      Optional<Cause> cause, int samples) {
    String description = exercise.about(entry) + cause.map(c -> " — " + c.sentence(samples)).orElse("");
    try {
      assertThat(actual).as(description).isCloseTo(expected, within(tolerance));
    } catch (AssertionError e) {
      if (cause.isPresent()) {
        throw new Diagnosed(e.getMessage(), cause.get());
      }
      throw e;
    }
    throw new IllegalStateException("the entry was out of tolerance, yet AssertJ passed it: " + entry);
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
