package org.logitlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedDatasetsTest {

  private static long count(Dataset data, int label) {
    return Arrays.stream(data.y()).filter(y -> y == label).count();
  }

  @Test
  void toyIsTheLecturesSixPoints() {
    Dataset toy = EmbeddedDatasets.toy();

    assertThat(toy.x()).isDeepEqualTo(new double[][] {{1, 2}, {2, 3}, {3, 1}, {4, 3}, {5, 3}, {6, 2}});
    assertThat(toy.y()).containsExactly(0, 0, 0, 1, 1, 1);
    assertThat(toy.classNames()).containsExactly("fail", "pass");
    assertThat(toy).hasToString("toy: 6 × 2, 2 classes");
  }

  @Test
  void irisHas150FlowersOfThreeSpecies() {
    Dataset iris = EmbeddedDatasets.iris();

    assertThat(iris).hasToString("iris: 150 × 4, 3 classes");
    assertThat(iris.classNames()).containsExactly("setosa", "versicolor", "virginica");
    assertThat(iris.x()[0]).containsExactly(5.1, 3.5, 1.4, 0.2);
    assertThat(iris.y()[0]).isZero();
    assertThat(iris.x()[149]).containsExactly(5.9, 3.0, 5.1, 1.8);
    assertThat(iris.y()[149]).isEqualTo(2);
    assertThat(List.of(count(iris, 0), count(iris, 1), count(iris, 2))).containsExactly(50L, 50L, 50L);
  }

  @Test
  void breastCancerCallsMalignantThePositiveClass() {
    Dataset cancer = EmbeddedDatasets.breastCancer();

    assertThat(cancer).hasToString("breast-cancer: 569 × 30, 2 classes");
    assertThat(cancer.classNames()).containsExactly("benign", "malignant");
    assertThat(count(cancer, 1)).as("malignant").isEqualTo(212);
    assertThat(count(cancer, 0)).as("benign").isEqualTo(357);
    // The first sample of the file (class 0 there) is a large malignant tumour.
    assertThat(cancer.x()[0][0]).isEqualTo(17.99);
    assertThat(cancer.y()[0]).isEqualTo(1);
  }

  @Test
  void everyCallReturnsFreshArrays() {
    Dataset first = EmbeddedDatasets.iris();
    first.x()[0][0] = -1;
    first.y()[0] = 2;

    Dataset second = EmbeddedDatasets.iris();

    assertThat(second.x()[0][0]).isEqualTo(5.1);
    assertThat(second.y()[0]).isZero();
    assertThat(EmbeddedDatasets.toy().x()).isNotSameAs(EmbeddedDatasets.toy().x());
  }

  @Test
  void reorderingNeedsTheSameClassNames() {
    Dataset toy = EmbeddedDatasets.toy();

    assertThat(EmbeddedDatasets.reorderClasses(toy, List.of("pass", "fail")).y())
        .containsExactly(1, 1, 1, 0, 0, 0);
    assertThatThrownBy(() -> EmbeddedDatasets.reorderClasses(toy, List.of("pass", "win")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("toy has classes [fail, pass], which [pass, win] does not reorder");
    assertThatThrownBy(() -> EmbeddedDatasets.reorderClasses(toy, List.of("pass", "fail", "draw")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
