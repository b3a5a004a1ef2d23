package org.logitlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StandardizerTest {

  private static final double[][] TRAIN = {{1, 10, 5}, {2, 20, 5}, {3, 60, 5}};

  @Test
  void measuresThePopulationMeanAndStandardDeviation() {
    Standardizer standardizer = Standardizer.fit(TRAIN);

    assertThat(standardizer.mean()).containsExactly(2, 30, 5);
    assertThat(standardizer.std())
        .containsExactly(new double[] {Math.sqrt(2.0 / 3), Math.sqrt(1400.0 / 3), 0}, within(1e-12));
  }

  @Test
  void theTrainingDataGetsMeanZeroAndStandardDeviationOne() {
    double[][] z = Standardizer.fit(TRAIN).transform(TRAIN);

    for (int j = 0; j < 2; j++) {
      double mean = 0;
      double squares = 0;
      for (double[] row : z) {
        mean += row[j] / z.length;
        squares += row[j] * row[j] / z.length;
      }
      assertThat(mean).as("mean of feature %d", j).isCloseTo(0, within(1e-12));
      assertThat(squares).as("variance of feature %d", j).isCloseTo(1, within(1e-12));
    }
    assertThat(z[0][0]).isCloseTo(-1 / Math.sqrt(2.0 / 3), within(1e-12));
  }

  @Test
  void aConstantFeatureIsCentredInsteadOfDividedByZero() {
    Standardizer standardizer = Standardizer.fit(TRAIN);

    for (double[] row : standardizer.transform(TRAIN)) {
      assertThat(row[2]).isZero();
    }
    assertThat(standardizer.transform(new double[][] {{2, 30, 7}})[0]).containsExactly(0, 0, 2);
  }

  @Test
  void aFeatureConstantUpToRoundingIsAlsoOnlyCentred() {
    // Seven times 0.1 has a computed mean of 0.09999999999999999, so a standard deviation of 1.4e-17.
    double[][] x = {{0.1}, {0.1}, {0.1}, {0.1}, {0.1}, {0.1}, {0.1}};

    Standardizer standardizer = Standardizer.fit(x);

    assertThat(standardizer.std()[0]).isPositive();
    for (double[] row : standardizer.transform(x)) {
      assertThat(row[0]).isCloseTo(0, within(1e-15));
    }
  }

  @Test
  void otherDataUsesTheTrainingStatistics() {
    Standardizer standardizer = Standardizer.fit(TRAIN);
    double[] std = standardizer.std();

    double[][] z = standardizer.transform(new double[][] {{4, 30, 5}});

    assertThat(z[0]).containsExactly(new double[] {2 / std[0], 0, 0}, within(1e-12));
  }

  @Test
  void transformingLeavesTheInputAndTheStatisticsUnchanged() {
    double[][] x = {{1, 10, 5}, {3, 60, 5}};
    Standardizer standardizer = Standardizer.fit(TRAIN);
    standardizer.mean()[0] = 99;

    standardizer.transform(x);

    assertThat(x).isDeepEqualTo(new double[][] {{1, 10, 5}, {3, 60, 5}});
    assertThat(standardizer.mean()[0]).isEqualTo(2);
  }

  @Test
  void aDatasetKeepsItsNameLabelsAndClasses() {
    Dataset data = new Dataset("demo", TRAIN, new int[] {0, 1, 1}, List.of("a", "b"));

    Dataset standardized = Standardizer.fit(data.x()).transform(data);

    assertThat(standardized.name()).isEqualTo("demo");
    assertThat(standardized.y()).containsExactly(0, 1, 1);
    assertThat(standardized.classNames()).containsExactly("a", "b");
    assertThat(standardized.x()[1])
        .containsExactly(new double[] {0, -10 / Math.sqrt(1400.0 / 3), 0}, within(1e-12));
  }

  @Test
  void rejectsEmptyRaggedAndMismatchedData() {
    assertThatThrownBy(() -> Standardizer.fit(new double[0][]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 rows");
    assertThatThrownBy(() -> Standardizer.fit(new double[][] {{1, 2}, {3}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row 1 of the training data has 1 features but row 0 has 2");
    Standardizer standardizer = Standardizer.fit(TRAIN);
    assertThatThrownBy(() -> standardizer.transform(new double[][] {{1, 2}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("row 0 has 2 features but the training data had 3");
  }
}
