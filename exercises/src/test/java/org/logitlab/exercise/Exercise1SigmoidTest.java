package org.logitlab.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.logitlab.exercise.Exercise.SIGMOID;
import static org.logitlab.exercise.TestMessages.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.logitlab.activation.Sigmoid;

/** Exercise 1: {@code Sigmoid.apply(double)}. Run with {@code ./mvnw test -Dtest=Exercise1SigmoidTest}. */
class Exercise1SigmoidTest {

  @Test
  void sigmoidOfZeroIsOneHalf() {
    assertThat(Sigmoid.apply(0.0)).as(SIGMOID.about("Sigmoid.apply(0.0)")).isEqualTo(0.5);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-5, -2, -0.5, 0.25, 1, 3, 8})
  void typicalValuesFollowTheFormula(double z) {
    double expected = 1 / (1 + Math.exp(-z));
    assertThat(Sigmoid.apply(z)).as(SIGMOID.about("Sigmoid.apply(" + z + ")")).isCloseTo(expected, within(1e-15));
  }

  @Test
  void hugePositiveScoresGiveOneWithoutOverflow() {
    assertThat(Sigmoid.apply(1000.0)).as(SIGMOID.about("Sigmoid.apply(1000.0)")).isEqualTo(1.0);
    assertThat(Sigmoid.apply(Double.MAX_VALUE)).as(SIGMOID.about("Sigmoid.apply(Double.MAX_VALUE)")).isEqualTo(1.0);
  }

  @Test
  void hugeNegativeScoresGiveZeroWithoutNaN() {
    assertThat(Sigmoid.apply(-1000.0)).as(SIGMOID.about("Sigmoid.apply(-1000.0)")).isEqualTo(0.0);
    assertThat(Sigmoid.apply(-Double.MAX_VALUE)).as(SIGMOID.about("Sigmoid.apply(-Double.MAX_VALUE)")).isEqualTo(0.0);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, 2, 20, 50, 700})
  void isSymmetricAndPreciseInTheLowerTail(double z) {
    assertThat(Sigmoid.apply(-z)).as(SIGMOID.about(text("sigmoid.symmetry", "minusZ", -z, "z", z)))
        .isCloseTo(1 - Sigmoid.apply(z), within(1e-15));
    // Far in the lower tail σ(−z) ≈ e^(−z): a stable sigmoid keeps those tiny values accurate.
    assertThat(Sigmoid.apply(-z) / Math.exp(-z) * (1 + Math.exp(-z)))
        .as(SIGMOID.about(text("sigmoid.lowerTail", "minusZ", -z)))
        .isCloseTo(1.0, within(1e-12));
  }

  /**
   * Between z = −745 and −709.8, σ(z) ≈ e^z is a subnormal number, tiny but not 0, while e^(−z)
   * overflows to ∞: there {@code 1 / (1 + Math.exp(-z))} returns 0. Two correct forms agree within a
   * couple of the smallest steps a subnormal can take ({@code Double.MIN_VALUE} each).
   */
  @ParameterizedTest
  @ValueSource(doubles = {-710, -720, -735, -744})
  void keepsTheSubnormalTailWhereTheNaiveFormOverflows(double z) {
    assertThat(Sigmoid.apply(z)).as(SIGMOID.about(text("sigmoid.subnormal", "z", z, "minusZ", -z, "exp", Math.exp(z))))
        .isPositive().isCloseTo(Math.exp(z), within(4 * Double.MIN_VALUE));
  }
}
