package org.logitlab.softmax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OneHotTest {

  @Test
  void scattersASingleOnePerRow() {
    assertThat(OneHot.encode(new int[] {2, 0, 1, 2}, 3))
        .isEqualTo(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    assertThat(OneHot.encode(new int[0], 10)).isEmpty();
  }

  @Test
  void everyClassIsTheSameDistanceFromEveryOther() {
    double[][] y = OneHot.encode(new int[] {0, 1, 2, 3}, 4);
    for (int a = 0; a < 4; a++) {
      for (int b = a + 1; b < 4; b++) {
        double d2 = 0;
        for (int j = 0; j < 4; j++) {
          d2 += (y[a][j] - y[b][j]) * (y[a][j] - y[b][j]);
        }
        assertThat(d2).as("squared distance between classes %d and %d", a, b).isEqualTo(2.0);
      }
    }
  }

  @Test
  void aLabelOutsideTheClassesNamesItsIndexAndValue() {
    assertThatThrownBy(() -> OneHot.encode(new int[] {0, 9, 10}, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label at index 2 is 10, outside [0, 10)");
    assertThatThrownBy(() -> OneHot.encode(new int[] {-1}, 10))
        .hasMessage("label at index 0 is -1, outside [0, 10)");
    assertThatThrownBy(() -> OneHot.encode(new int[] {0}, 0))
        .hasMessage("the number of classes must be at least 1, got 0");
  }
}
