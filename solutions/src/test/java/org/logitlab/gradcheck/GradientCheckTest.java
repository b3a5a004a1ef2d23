package org.logitlab.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

  /** f(p) = Σ p³, whose gradient is 3p². */
  private static DoubleSupplier cubeSum(double[][] p) {
    return () -> {
      double s = 0;
      for (double[] row : p) {
        for (double v : row) {
          s += v * v * v;
        }
      }
      return s;
    };
  }

  @Test
  void aCorrectGradientPassesAndTheParameterIsRestoredExactly() {
    double[][] p = {{0.5, -1.25}, {2.0, 0.75}};
    double[][] before = {{0.5, -1.25}, {2.0, 0.75}};
    double[][] grad = new double[2][2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        grad[i][j] = 3 * p[i][j] * p[i][j];
      }
    }
    GradientCheck.Result result = GradientCheck.check(cubeSum(p), p, grad);
    assertThat(result.relativeError()).isLessThan(1e-9);
    assertThat(result.passes(1e-7)).isTrue();
    assertThat(p).isEqualTo(before);
  }

  @Test
  void aWrongGradientIsCaughtAtItsWorstCoordinate() {
    double[][] p = {{0.5, -1.25}, {2.0, 0.75}};
    double[][] grad = {{0.75, 4.6875}, {12.0, 3 * 0.75 * 0.75 * 2}};
    GradientCheck.Result result = GradientCheck.check(cubeSum(p), p, grad);
    assertThat(result.row()).isEqualTo(1);
    assertThat(result.col()).isEqualTo(1);
    assertThat(result.relativeError()).isGreaterThan(0.4);
    assertThat(result.passes(1e-4)).isFalse();
    assertThat(result.toString()).startsWith("max relative error 5.000e-01 at [1][1]: analytic 3.375");
  }

  @Test
  void aNaNGradientIsNeverMistakenForAPass() {
    double[] p = {1.0, 2.0};
    GradientCheck.Result result = GradientCheck.check(() -> p[0] + p[1], p, new double[] {1.0, Double.NaN});
    assertThat(result.col()).isEqualTo(1);
    assertThat(result.passes(1e-7)).isFalse();
  }

  @Test
  void relativeErrorIsScaleFreeAndDefinedAtZero() {
    assertThat(GradientCheck.relativeError(1.0, 1.001)).isCloseTo(0.001 / 1.001, within(1e-15));
    assertThat(GradientCheck.relativeError(1e6, 1.001e6)).isCloseTo(0.001 / 1.001, within(1e-12));
    assertThat(GradientCheck.relativeError(0.0, 0.0)).isZero();
    // Near zero the difference is measured against TINY: rounding noise is no relative error.
    assertThat(GradientCheck.relativeError(0.0, 2e-11)).isCloseTo(2e-11 / GradientCheck.TINY, within(1e-20));
    assertThat(GradientCheck.relativeError(0.0, 1e-5)).isGreaterThan(1e-4);
  }

  @Test
  void shapesMustMatch() {
    assertThatThrownBy(() -> GradientCheck.check(() -> 0, new double[2], new double[3]))
        .hasMessage("the analytic gradient has 3 entries where the parameter has 2; they must have the same shape");
    assertThatThrownBy(() -> GradientCheck.check(() -> 0, new double[2][1], new double[1][1]))
        .hasMessageContaining("same shape");
    assertThatThrownBy(() -> GradientCheck.check(() -> 0, new double[0][0], new double[0][0]))
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> GradientCheck.check(() -> 0, new double[0], new double[0]))
        .hasMessageContaining("empty");
  }
}
