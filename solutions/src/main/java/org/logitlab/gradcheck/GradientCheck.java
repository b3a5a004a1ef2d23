package org.logitlab.gradcheck;

import java.util.function.DoubleSupplier;

/**
 * Numerical gradient checking: compares an analytic gradient with centered differences of the loss,
 * {@code (J(θ + h) − J(θ − h)) / 2h}, coordinate by coordinate.
 *
 * <p>The comparison is the relative error {@code |a − n| / max(|a|, |n|, TINY)}. With
 * {@code h = 1e-5} in double precision the centered difference has a truncation error of about
 * {@code h² ≈ 1e-10} and a rounding error of about {@code ε·|J|/h ≈ 2e-11} for a loss {@code J} of
 * order 1 (a mean cross-entropy). A correct gradient therefore shows a relative error well below
 * {@code 1e-7}, while a real mistake (a missing {@code 1/m}, a sign, the wrong derivative) shows
 * {@code 1e-2} or more. Errors between {@code 1e-7} and {@code 1e-4} deserve a closer look; above
 * {@code 1e-4} the gradient is almost certainly wrong.
 *
 * <p>{@link #TINY} keeps that scale meaningful for entries that are zero or nearly so (a bias whose
 * samples cancel, an input pixel that is always 0): there the rounding noise of about {@code 2e-11}
 * would be a huge <em>relative</em> error, so entries below {@code TINY} are compared by their
 * absolute difference divided by {@code TINY}.
 */
public final class GradientCheck {

  /** The step {@code h} of the centered difference. */
  public static final double STEP = 1e-5;

  /**
   * The floor of the denominator: {@code 1e-3}, so that the rounding noise of the centered difference
   * ({@code ≈ 2e-11}) stays a relative error below {@code 1e-7} even where the gradient is 0.
   */
  public static final double TINY = 1e-3;

  private GradientCheck() {}

  /**
   * The worst coordinate of a check.
   *
   * @param relativeError the largest relative error over all coordinates
   * @param row its row (0 for a vector)
   * @param col its column (its index, for a vector)
   * @param analytic the analytic gradient there
   * @param numeric the centered difference there
   */
  public record Result(double relativeError, int row, int col, double analytic, double numeric) {

    /**
     * Whether the largest relative error is below {@code tolerance}.
     *
     * @param tolerance the largest relative error that passes, e.g. {@code 1e-7}
     * @return true if the worst coordinate's relative error is below {@code tolerance}
     */
    public boolean passes(double tolerance) {
      return relativeError < tolerance;
    }

    @Override
    public String toString() {
      return String.format("max relative error %.3e at [%d][%d]: analytic %.10g, numeric %.10g",
          relativeError, row, col, analytic, numeric);
    }
  }

  /**
   * {@code |a − n| / max(|a|, |n|, TINY)}.
   *
   * @param analytic the analytic derivative {@code a}
   * @param numeric the centered difference {@code n}
   * @return {@code |a − n| / max(|a|, |n|, TINY)}
   */
  public static double relativeError(double analytic, double numeric) {
    return Math.abs(analytic - numeric) / Math.max(Math.max(Math.abs(analytic), Math.abs(numeric)), TINY);
  }

  /**
   * Checks the gradient of {@code loss} with respect to the matrix parameter {@code param}, which
   * {@code loss} must read on every call. Each entry is nudged by {@code ±h} and restored exactly.
   *
   * @param analytic the gradient to check, same shape as {@code param}
   * @param loss computes the loss from the current parameters
   * @param param the parameter, nudged in place and restored
   * @return the worst coordinate
   */
  public static Result check(DoubleSupplier loss, double[][] param, double[][] analytic) {
    if (param.length != analytic.length) {
      throw shapeMismatch(param.length, analytic.length);
    }
    Result worst = null;
    for (int i = 0; i < param.length; i++) {
      Result row = check(loss, param[i], analytic[i]);
      if (worst == null || row.relativeError() > worst.relativeError()) {
        worst = new Result(row.relativeError(), i, row.col(), row.analytic(), row.numeric());
      }
    }
    if (worst == null) {
      throw new IllegalArgumentException("nothing to check: the parameter is empty");
    }
    return worst;
  }

  /**
   * Checks the gradient of {@code loss} with respect to the vector parameter {@code param}.
   *
   * @param loss computes the loss from the current parameters
   * @param param the parameter, nudged in place entry by entry and restored exactly
   * @param analytic the gradient to check, of {@code param}'s length
   * @return the worst coordinate
   */
  public static Result check(DoubleSupplier loss, double[] param, double[] analytic) {
    if (param.length != analytic.length) {
      throw shapeMismatch(param.length, analytic.length);
    }
    if (param.length == 0) {
      throw new IllegalArgumentException("nothing to check: the parameter is empty");
    }
    Result worst = null;
    for (int j = 0; j < param.length; j++) {
      double saved = param[j];
      param[j] = saved + STEP;
      double plus = loss.getAsDouble();
      param[j] = saved - STEP;
      double minus = loss.getAsDouble();
      param[j] = saved;
      double numeric = (plus - minus) / (2 * STEP);
      double error = relativeError(analytic[j], numeric);
      if (worst == null || error > worst.relativeError() || Double.isNaN(error)) {
        worst = new Result(error, 0, j, analytic[j], numeric);
      }
    }
    return worst;
  }

  private static IllegalArgumentException shapeMismatch(int param, int analytic) {
    return new IllegalArgumentException("the analytic gradient has " + analytic + " entries where the parameter has "
        + param + "; they must have the same shape");
  }
}
