package org.logitlab.grader.hidden;

import java.util.Optional;

/**
 * A classic mistake that a wrong result's fingerprint gives away, as the lessons' "points to watch"
 * name them: every entry the negative of the right one is the sign convention, every entry {@code m}
 * times too large the missing {@code 1/m}, NaN where the right result is finite an overflow. A hidden
 * test that finds one says it in its feedback (the message {@code cause.<NAME>} of the checks' bundle) and publishes it as the report entry
 * {@value org.logitlab.grader.TestOutcome#CAUSE}, which the class report counts.
 */
public enum Cause {
  /** Every entry is the negative of the right one: {@code Y − A2} for {@code A2 − Y}, or a step up the gradient. */
  SIGN,
  /** Every entry is {@code m} times too large: the sum over the batch where its mean is meant. */
  MISSING_ONE_OVER_M,
  /** Both: every entry is {@code −m} times the right one. */
  SIGN_AND_MISSING_ONE_OVER_M,
  /** Every entry is {@code m} times too small: {@code 1/m} applied twice. */
  ONE_OVER_M_TWICE,
  /** The result holds NaN or ∞ where the right one is finite: an overflow or a {@code 0/0}. */
  NOT_FINITE;

  /** How close two ratios must be to count as one; rounding differences are far smaller. */
  private static final double SAME = 1e-6;

  /**
   * The mistake whose fingerprint {@code actual} shows against {@code expected} (same shape), or
   * empty when none fits. {@code samples} is the batch size {@code m} of a mean over the batch, or 0
   * for a result that is no such mean (then only the sign and NaN are read).
   */
  static Optional<Cause> of(double[][] actual, double[][] expected, int samples) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        if (!Double.isFinite(actual[i][j]) && Double.isFinite(expected[i][j])) {
          return Optional.of(NOT_FINITE);
        }
      }
    }
    return commonRatio(actual, expected).flatMap(ratio -> ofRatio(ratio, samples));
  }

  /** The mistake that makes the analytic derivative {@code ratio} times the numerical one, if any. */
  static Optional<Cause> ofRatio(double ratio, int samples) {
    if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
      return Optional.of(NOT_FINITE);
    }
    if (close(ratio, -1)) {
      return Optional.of(SIGN);
    }
    if (samples > 1 && close(ratio, samples)) {
      return Optional.of(MISSING_ONE_OVER_M);
    }
    if (samples > 1 && close(ratio, -samples)) {
      return Optional.of(SIGN_AND_MISSING_ONE_OVER_M);
    }
    if (samples > 1 && close(ratio, 1.0 / samples)) {
      return Optional.of(ONE_OVER_M_TWICE);
    }
    return Optional.empty();
  }

  /** The sentence that says it, in the student's language, for a batch of {@code samples}. */
  String sentence(int samples) {
    String key = "cause." + name();
    return switch (this) {
      case MISSING_ONE_OVER_M, ONE_OVER_M_TWICE -> Checks.text(key, "m", samples);
      case SIGN_AND_MISSING_ONE_OVER_M -> Checks.text(key, "sign", SIGN.sentence(samples),
          "missing", MISSING_ONE_OVER_M.sentence(samples));
      case SIGN, NOT_FINITE -> Checks.text(key);
    };
  }

  /** The ratio every entry of {@code actual} has to {@code expected} (entries near 0 must both be), if there is one. */
  private static Optional<Double> commonRatio(double[][] actual, double[][] expected) {
    Double ratio = null;
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        double e = expected[i][j];
        double a = actual[i][j];
        if (Math.abs(e) < 1e-12) {
          if (Math.abs(a) > 1e-12) {
            return Optional.empty();
          }
          continue;
        }
        double r = a / e;
        if (ratio == null) {
          ratio = r;
        } else if (!close(r, ratio)) {
          return Optional.empty();
        }
      }
    }
    return Optional.ofNullable(ratio);
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= SAME * Math.max(1, Math.abs(b));
  }
}
