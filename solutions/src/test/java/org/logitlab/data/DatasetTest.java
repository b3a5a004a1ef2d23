package org.logitlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {

  private static final List<String> AB = List.of("a", "b");

  @Test
  void reportsItsShapeAndSummarisesItself() {
    Dataset data = new Dataset("demo", new double[][] {{1, 2, 3}, {4, 5, 6}}, new int[] {0, 1}, AB);

    assertThat(data.size()).isEqualTo(2);
    assertThat(data.features()).isEqualTo(3);
    assertThat(data.classes()).isEqualTo(2);
    assertThat(data).hasToString("demo: 2 × 3, 2 classes");
  }

  @Test
  void anEmptyDatasetHasNoFeatures() {
    Dataset empty = new Dataset("empty", new double[0][], new int[0], AB);

    assertThat(empty.features()).isZero();
    assertThat(empty).hasToString("empty: 0 × 0, 2 classes");
  }

  @Test
  void theClassNamesAreCopied() {
    List<String> names = new ArrayList<>(AB);
    Dataset data = new Dataset("demo", new double[][] {{1}}, new int[] {1}, names);
    names.add("c");

    assertThat(data.classNames()).containsExactly("a", "b");
  }

  @Test
  void rejectsWhatAModelCannotUse() {
    assertThatThrownBy(() -> new Dataset("d", new double[][] {{1}}, new int[] {0, 1}, AB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 feature rows but 2 labels");
    assertThatThrownBy(() -> new Dataset("d", new double[][] {{1}}, new int[] {0}, List.of("a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2 classes, got 1");
    assertThatThrownBy(() -> new Dataset("d", new double[][] {{1, 2}, {3}}, new int[] {0, 1}, AB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1 has 1 features but row 0 has 2");
    assertThatThrownBy(() -> new Dataset("d", new double[][] {{1, Double.NaN}}, new int[] {0}, AB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x[0][1] is NaN");
    assertThatThrownBy(() -> new Dataset("d", new double[][] {{1}}, new int[] {2}, AB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y[0] = 2 is outside [0, 2)");
    assertThatThrownBy(() -> new Dataset("d", new double[][] {{1}}, new int[] {-1}, AB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y[0] = -1");
  }
}
