package org.logitlab.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LossesTest {

  private static final double[] PREDICTED = {1.0, 2.5, -1.0};
  private static final double[] TARGET = {0.0, 2.0, 1.0};

  @Test
  void squaredAndAbsoluteErrors() {
    assertThat(Losses.meanSquaredError(PREDICTED, TARGET)).isCloseTo((1 + 0.25 + 4) / 3, within(1e-15));
    assertThat(Losses.meanAbsoluteError(PREDICTED, TARGET)).isCloseTo((1 + 0.5 + 2) / 3, within(1e-15));
  }

  @Test
  void hingeIsZeroBeyondTheMarginAndLinearInside() {
    assertThat(Losses.hinge(new double[] {2, -3}, new double[] {1, -1})).isEqualTo(0.0);
    assertThat(Losses.hinge(new double[] {0.5, 0.5}, new double[] {1, -1})).isCloseTo((0.5 + 1.5) / 2, within(1e-15));
    assertThatThrownBy(() -> Losses.hinge(new double[] {1}, new double[] {0}))
        .hasMessage("hinge loss takes labels -1 and +1, but label 0 is 0.0");
  }

  @Test
  void mismatchedLengthsAreRejected() {
    assertThatThrownBy(() -> Losses.meanSquaredError(new double[1], new double[2]))
        .hasMessageContaining("got 1 and 2");
  }
}
