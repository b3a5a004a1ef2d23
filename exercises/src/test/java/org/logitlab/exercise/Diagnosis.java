package org.logitlab.exercise;

import static org.logitlab.exercise.TestMessages.text;

import java.util.Locale;
import java.util.Map;
import org.logitlab.gradcheck.GradientCheck;

/**
 * What a wrong result most likely means, read off how it differs from the right one. The lessons'
 * classic mistakes leave fingerprints: every entry {@code m} times too large is the missing
 * {@code 1/m}, every entry negated is the sign convention, a result equal to a known wrong formula
 * is that formula. Each method returns a sentence to append to a failure's description, or "" when
 * no fingerprint fits; the sentences come from the bundle {@link TestMessages#BUNDLE}.
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
      return transposed ? cause(text("diagnosis.transposed", "actualRows", actual.length,
          "actualColumns", actual[0].length, "expectedRows", expected.length, "expectedColumns", expected[0].length))
          : "";
    }
    for (double[] row : actual) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          return cause(text("diagnosis.notFinite"));
        }
      }
    }
    Double ratio = commonRatio(actual, expected);
    return ratio == null ? "" : hint(ratio, m);
  }

  /**
   * A gradient check of {@code gradient} (e.g. {@code dw}) over a batch of {@code m} samples: its
   * worst coordinate, and what the ratio of the analytic to the numerical derivative there means.
   */
  static String gradientCheck(String gradient, GradientCheck.Result check, int m) {
    String result = text("diagnosis.gradientCheck", "gradient", gradient,
        "error", String.format(Locale.ROOT, "%.3e", check.relativeError()), "row", check.row(), "col", check.col(),
        "analytic", String.format(Locale.ROOT, "%.10g", check.analytic()),
        "numeric", String.format(Locale.ROOT, "%.10g", check.numeric()));
    if (!Double.isFinite(check.analytic())) {
      return result + cause(text("diagnosis.gradientNotFinite"));
    }
    return result + (Math.abs(check.numeric()) < 1e-9 ? "" : hint(check.analytic() / check.numeric(), m));
  }

  /** The name of the known wrong formula {@code actual} equals (to rounding), as a sentence; "" if none. */
  static String matching(double[][] actual, Map<String, double[][]> mistakes) {
    for (Map.Entry<String, double[][]> mistake : mistakes.entrySet()) {
      Double ratio = commonRatio(actual, mistake.getValue());
      if (ratio != null && Math.abs(ratio - 1) < SAME) {
        return cause(text("diagnosis.equals", "mistake", mistake.getKey()));
      }
    }
    return "";
  }

  private static String hint(double ratio, int m) {
    if (close(ratio, 1)) {
      return "";
    }
    if (close(ratio, -1)) {
      return cause(text("diagnosis.sign"));
    }
    if (m > 1 && close(ratio, m)) {
      return cause(text("diagnosis.missingOneOverM", "m", m));
    }
    if (m > 1 && close(ratio, -m)) {
      return cause(text("diagnosis.signAndMissingOneOverM", "sign", text("diagnosis.sign"),
          "missing", text("diagnosis.missingOneOverM", "m", m)));
    }
    if (m > 1 && close(ratio, 1.0 / m)) {
      return cause(text("diagnosis.oneOverMTwice", "m", m));
    }
    return "";
  }

  /** A cause, set off from the description it follows. */
  private static String cause(String sentence) {
    return " — " + sentence;
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
