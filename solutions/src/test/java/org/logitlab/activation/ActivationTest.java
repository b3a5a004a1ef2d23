package org.logitlab.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ActivationTest {

  @ParameterizedTest
  @EnumSource(Activation.class)
  void derivativeMatchesACenteredDifference(Activation g) {
    double h = 1e-5;
    for (double z = -4; z <= 4; z += 0.5) {
      double numeric = (g.apply(z + h) - g.apply(z - h)) / (2 * h);
      assertThat(g.derivative(z)).as("%s'(%s)", g, z).isCloseTo(numeric, within(1e-9));
    }
  }

  @Test
  void tanhIsCentredAndSigmoidIsNot() {
    assertThat(Activation.TANH.apply(0)).isEqualTo(0.0);
    assertThat(Activation.TANH.derivative(0)).isEqualTo(1.0);
    assertThat(Activation.SIGMOID.apply(0)).isEqualTo(0.5);
    assertThat(Activation.SIGMOID.derivative(0)).isEqualTo(0.25);
  }

  @Test
  void appliesElementWiseInPlace() {
    double[][] z = {{0, 1000}, {-1000, 0}};
    Activation.SIGMOID.applyInto(z, z);
    assertThat(z).isEqualTo(new double[][] {{0.5, 1}, {0, 0.5}});
  }

  @Test
  void parsesNamesIgnoringCase() {
    assertThat(Activation.parse(" Tanh ")).isEqualTo(Activation.TANH);
    assertThat(Activation.parse("sigmoid")).isEqualTo(Activation.SIGMOID);
    assertThat(Activation.SIGMOID).hasToString("sigmoid");
    assertThatThrownBy(() -> Activation.parse("relu"))
        .hasMessage("unknown activation 'relu'; use one of [sigmoid, tanh]");
  }
}
