package org.logitlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainTestSplitTest {

  private static final Dataset IRIS = EmbeddedDatasets.iris();

  private static long count(Dataset data, int label) {
    return Arrays.stream(data.y()).filter(y -> y == label).count();
  }

  @Test
  void eachClassKeepsItsProportion() {
    TrainTestSplit split = TrainTestSplit.stratified(IRIS, 0.2, 7);

    for (int c = 0; c < 3; c++) {
      assertThat(count(split.test(), c)).as("class %d in test", c).isEqualTo(10);
      assertThat(count(split.train(), c)).as("class %d in train", c).isEqualTo(40);
    }
    Dataset cancer = EmbeddedDatasets.breastCancer();
    TrainTestSplit cancerSplit = TrainTestSplit.stratified(cancer, 0.25, 7);
    assertThat(count(cancerSplit.test(), 1)).isEqualTo(Math.round(0.25 * 212));
    assertThat(count(cancerSplit.test(), 0)).isEqualTo(Math.round(0.25 * 357));
  }

  @Test
  void everySampleLandsInExactlyOnePartWithItsLabel() {
    TrainTestSplit split = TrainTestSplit.stratified(IRIS, 0.3, 1);

    Set<double[]> rows = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Dataset part : List.of(split.train(), split.test())) {
      for (int i = 0; i < part.size(); i++) {
        assertThat(rows.add(part.x()[i])).as("row used twice").isTrue();
        int original = List.of(IRIS.x()).indexOf(part.x()[i]);
        assertThat(part.y()[i]).isEqualTo(IRIS.y()[original]);
      }
    }
    assertThat(rows).hasSize(150);
  }

  @Test
  void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
    TrainTestSplit first = TrainTestSplit.stratified(IRIS, 0.2, 42);
    TrainTestSplit again = TrainTestSplit.stratified(IRIS, 0.2, 42);
    TrainTestSplit other = TrainTestSplit.stratified(IRIS, 0.2, 43);

    assertThat(again.test().x()).isDeepEqualTo(first.test().x());
    assertThat(again.train().y()).containsExactly(first.train().y());
    assertThat(other.test().x()).isNotEqualTo(first.test().x());
  }

  @Test
  void thePartsAreNamedAndMixed() {
    TrainTestSplit split = TrainTestSplit.stratified(IRIS, 0.2, 3);

    assertThat(split.train().name()).isEqualTo("iris-train");
    assertThat(split.test().name()).isEqualTo("iris-test");
    assertThat(split.test().classNames()).isEqualTo(IRIS.classNames());
    int[] sorted = split.train().y().clone();
    Arrays.sort(sorted);
    assertThat(split.train().y()).as("rows sorted by class in the source are shuffled").isNotEqualTo(sorted);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 1, -0.1, 1.5, Double.NaN})
  void aFractionOutsideTheOpenUnitIntervalIsRejected(double fraction) {
    assertThatThrownBy(() -> TrainTestSplit.stratified(IRIS, fraction, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strictly between 0 and 1, got " + fraction);
  }
}
