package org.logitlab.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SigmoidTest {

  @Test
  void typicalValues() {
    assertThat(Sigmoid.apply(0.0)).isEqualTo(0.5);
    assertThat(Sigmoid.apply(2.0)).isCloseTo(1 / (1 + Math.exp(-2.0)), within(1e-16));
    assertThat(Sigmoid.apply(-3.0)).isCloseTo(1 / (1 + Math.exp(3.0)), within(1e-16));
  }

  @Test
  void saturatesWithoutOverflowForHugeScores() {
    assertThat(Sigmoid.apply(-1000.0)).isEqualTo(0.0);
    assertThat(Sigmoid.apply(1000.0)).isEqualTo(1.0);
    assertThat(Sigmoid.apply(-Double.MAX_VALUE)).isEqualTo(0.0);
    assertThat(Sigmoid.apply(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(Sigmoid.apply(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, 1, 5, 30, 700, 745})
  void isSymmetricAndKeepsRelativePrecisionInTheLowerTail(double z) {
    assertThat(Sigmoid.apply(-z)).isCloseTo(1.0 - Sigmoid.apply(z), within(1e-15));
    // σ(−z) ≈ e^(−z) for large z: the small tail keeps its relative precision.
    if (z >= 30) {
      assertThat(Sigmoid.apply(-z) / Math.exp(-z)).isCloseTo(1.0, within(1e-12));
    }
  }

  @Test
  void derivativeMatchesACenteredDifference() {
    double h = 1e-5;
    for (double z = -6; z <= 6; z += 0.75) {
      double numeric = (Sigmoid.apply(z + h) - Sigmoid.apply(z - h)) / (2 * h);
      assertThat(Sigmoid.derivative(z)).as("σ'(%s)", z).isCloseTo(numeric, within(1e-10));
    }
    assertThat(Sigmoid.derivative(0)).isEqualTo(0.25);
  }

  @Test
  void appliesToEveryEntryOfAVector() {
    assertThat(Sigmoid.apply(new double[] {-1000, 0, 1000})).containsExactly(0.0, 0.5, 1.0);
  }
}
