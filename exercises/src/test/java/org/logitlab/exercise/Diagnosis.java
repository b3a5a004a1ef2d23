package org.logitlab.exercise;

import java.util.Map;
import org.logitlab.gradcheck.GradientCheck;

/**
 * What a wrong result most likely means, read off how it differs from the right one. The lessons'
 * classic mistakes leave fingerprints: every entry {@code m} times too large is the missing
 * {@code 1/m}, every entry negated is the sign convention, a result equal to a known wrong formula
 * is that formula. Each method returns a sentence to append to a failure's description, or "" when
 * no fingerprint fits.
 */
final class Diagnosis {

  /** How close two ratios must be to count as one; rounding differences are far smaller. */
  private static final double SAME = 1e-6;

  private Diagnosis() {}

  /** For a vector compared entry by entry with the right one, over a batch of {@code m} samples. */
  static String of(double[] actual, double[] expected, int m) {
    return actual == null ? "" : of(new double[][] {actual}, new double[][] {expected}, m);
  }

  /** For a matrix compared entry by entry with the right one, over a batch of {@code m} samples. */
  static String of(double[][] actual, double[][] expected, int m) {
    if (actual == null || actual.length == 0 || expected.length == 0 || actual[0] == null) {
      return "";
    }
    if (actual.length != expected.length || actual[0].length != expected[0].length) {
      boolean transposed = actual.length == expected[0].length && actual[0].length == expected.length;
      return transposed ? " — probably a transposed product: the result is " + actual.length + "×" + actual[0].length
          + " where " + expected.length + "×" + expected[0].length + " is expected (every gradient has the shape of"
          + " what it is the gradient of: check which factor carries the ᵀ)" : "";
    }
    for (double[] row : actual) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          return " — it holds NaN or ∞: an overflow (e^z of a large z) or a 0/0; the lesson's stable form avoids both";
        }
      }
    }
    Double ratio = commonRatio(actual, expected);
    return ratio == null ? "" : hint(ratio, m);
  }

  /** For a gradient check: the ratio of the analytic to the numerical derivative at the worst coordinate. */
  static String of(GradientCheck.Result check, int m) {
    if (!Double.isFinite(check.analytic())) {
      return " — the gradient holds NaN or ∞: an overflow (e^z of a large z) or a 0/0";
    }
    return Math.abs(check.numeric()) < 1e-9 ? "" : hint(check.analytic() / check.numeric(), m);
  }

  /** The name of the known wrong formula {@code actual} equals (to rounding), as a sentence; "" if none. */
  static String matching(double[][] actual, Map<String, double[][]> mistakes) {
    for (Map.Entry<String, double[][]> mistake : mistakes.entrySet()) {
      Double ratio = commonRatio(actual, mistake.getValue());
      if (ratio != null && Math.abs(ratio - 1) < SAME) {
        return " — it equals " + mistake.getKey();
      }
    }
    return "";
  }

  private static String hint(double ratio, int m) {
    String sign = "probably the sign: every entry is the negative of the right one. The error is prediction minus"
        + " target (ŷ − y, A2 − Y) and the step is θ ← θ − α·dθ; the lectures' code writes Y − A2 and W += η·dW,"
        + " the same step in the other convention: do not mix the two (lesson 6, the lecture's code and ours)";
    String missing = "probably the missing 1/m: every entry is m = " + m + " times too large (the cost is the mean"
        + " over the batch, so its gradient divides the sum over the " + m + " samples by m)";
    if (close(ratio, 1)) {
      return "";
    }
    if (close(ratio, -1)) {
      return " — " + sign;
    }
    if (m > 1 && close(ratio, m)) {
      return " — " + missing;
    }
    if (m > 1 && close(ratio, -m)) {
      return " — " + sign + "; and " + missing;
    }
    if (m > 1 && close(ratio, 1.0 / m)) {
      return " — every entry is m = " + m + " times too small: is the 1/m applied twice?";
    }
    return "";
  }

  /** The ratio every entry of {@code actual} has to {@code expected}, or null when there is none. */
  private static Double commonRatio(double[][] actual, double[][] expected) {
    if (actual.length != expected.length) {
      return null;
    }
    Double ratio = null;
    for (int i = 0; i < expected.length; i++) {
      if (actual[i] == null || actual[i].length != expected[i].length) {
        return null;
      }
      for (int j = 0; j < expected[i].length; j++) {
        double e = expected[i][j];
        double a = actual[i][j];
        if (Math.abs(e) < 1e-12) {
          if (Math.abs(a) > 1e-12) {
            return null;
          }
          continue;
        }
        double r = a / e;
        if (ratio == null) {
          ratio = r;
        } else if (!close(r, ratio)) {
          return null;
        }
      }
    }
    return ratio;
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= SAME * Math.max(1, Math.abs(b));
  }
}
