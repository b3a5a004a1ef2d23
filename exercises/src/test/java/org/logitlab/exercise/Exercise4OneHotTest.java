package org.logitlab.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.logitlab.exercise.Exercise.ONE_HOT;
import static org.logitlab.exercise.TestMessages.text;

import org.junit.jupiter.api.Test;
import org.logitlab.softmax.OneHot;

/** Exercise 4: {@code OneHot.encode(int[], int)}. Run with {@code ./mvnw test -Dtest=Exercise4OneHotTest}. */
class Exercise4OneHotTest {

  @Test
  void scattersAOneIntoTheColumnOfEachLabel() {
    assertThat(OneHot.encode(new int[] {2, 0, 1, 2}, 3)).as(ONE_HOT.about("OneHot.encode([2, 0, 1, 2], 3)"))
        .isEqualTo(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
  }

  @Test
  void hasOneRowPerLabelAndOneColumnPerClass() {
    double[][] y = OneHot.encode(new int[] {9, 3}, 10);
    String call = "OneHot.encode([9, 3], 10)";
    assertThat(y.length).as(ONE_HOT.about(text("oneHot.rowCount", "call", call))).isEqualTo(2);
    assertThat(y[0]).as(ONE_HOT.about(text("oneHot.row", "row", 0, "call", call)))
        .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    assertThat(OneHot.encode(new int[0], 4)).as(ONE_HOT.about("OneHot.encode([], 4)")).isEmpty();
  }

  @Test
  void aLabelOutsideTheClassesIsAnErrorNamingItsIndexAndValue() {
    assertThatThrownBy(() -> OneHot.encode(new int[] {0, 9, 10}, 10))
        .as(ONE_HOT.about(text("oneHot.outOfRange", "call", "OneHot.encode([0, 9, 10], 10)", "label", 10, "index", 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 2").hasMessageContaining("10");
    assertThatThrownBy(() -> OneHot.encode(new int[] {-1}, 3))
        .as(ONE_HOT.about(text("oneHot.outOfRange", "call", "OneHot.encode([-1], 3)", "label", -1, "index", 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 0").hasMessageContaining("-1");
  }
}
