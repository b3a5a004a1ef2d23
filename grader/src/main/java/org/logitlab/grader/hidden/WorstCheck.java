package org.logitlab.grader.hidden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.logitlab.exercise.Exercise;
import org.logitlab.reference.gradcheck.GradientCheck;

/**
 * The worst coordinate of a gradient check over several random cases, and the case it came from.
 * The checks are the reference's {@link GradientCheck}: centered differences with {@code h = 1e-5} in
 * double precision, relative error {@code |a − n| / max(|a|, |n|, 1e-3)}.
 *
 * <p>Each parameter group is graded twice: "not wrong" (below {@link GradingParameters#gradientWrong()},
 * default {@code 1e-4}: above it the gradient is almost certainly a mistake) and "right" (below
 * {@link GradingParameters#gradientGood()}, default {@code 1e-7}: what a correct double-precision
 * gradient shows, about {@code 1e-9}).
 *
 * @param result the worst coordinate so far, {@code null} before the first case
 * @param where the case it came from
 * @param samples that case's batch size
 */
record WorstCheck(GradientCheck.Result result, String where, int samples) {

  /** No case yet. */
  static WorstCheck none() {
    return new WorstCheck(null, "", 0);
  }

  /**
   * The worse of this and the check of {@code analytic} against {@code loss} on {@code param}, for a
   * batch of {@code samples} (the {@code m} of the loss's mean).
   */
  WorstCheck check(DoubleSupplier loss, double[][] param, double[][] analytic, String where, int samples) {
    return worse(GradientCheck.check(loss, param, analytic), where, samples);
  }

  /** As {@link #check(DoubleSupplier, double[][], double[][], String, int)}, for a vector parameter. */
  WorstCheck check(DoubleSupplier loss, double[] param, double[] analytic, String where, int samples) {
    return worse(GradientCheck.check(loss, param, analytic), where, samples);
  }

  private WorstCheck worse(GradientCheck.Result r, String where, int samples) {
    // NaN counts as the worst of all.
    return result == null || !(r.relativeError() <= result.relativeError()) ? new WorstCheck(r, where, samples)
        : this;
  }

  /**
   * Asserts that the worst relative error is below {@code tolerance}; the message names the
   * parameter, the case and the worst coordinate with its analytic and numeric values.
   */
  void assertBelow(Exercise exercise, String gradient, int cases, double tolerance) {
    if (result.relativeError() < tolerance) {
      return;
    }
    // What the analytic derivative is, as a multiple of the numerical one, at the worst coordinate.
    Optional<Cause> cause = Math.abs(result.numeric()) < 1e-9 ? Optional.empty()
        : Cause.ofRatio(result.analytic() / result.numeric(), samples);
    String description = exercise.about(Checks.text("gradientCheck", "gradient", gradient, "cases", cases,
        "where", where, "error", String.format(Locale.ROOT, "%.3e", result.relativeError()),
        "index", "[" + result.row() + "][" + result.col() + "]",
        "analytic", String.format(Locale.ROOT, "%.10g", result.analytic()),
        "numeric", String.format(Locale.ROOT, "%.10g", result.numeric())))
        + cause.map(c -> " — " + c.sentence(samples)).orElse("");
    try {
      assertThat(result.relativeError()).as(description).isLessThan(tolerance);
    } catch (AssertionError e) {
      throw cause.<AssertionError>map(c -> new Diagnosed(e.getMessage(), c)).orElse(e);
    }
  }
}
