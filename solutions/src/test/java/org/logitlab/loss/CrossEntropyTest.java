package org.logitlab.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.logitlab.RandomArrays;
import org.logitlab.activation.Softmax;
import org.logitlab.softmax.OneHot;

class CrossEntropyTest {

  @Test
  void fromProbabilitiesIsTheMeanNegativeLogOfTheTrueClass() {
    double[][] p = {{0.7, 0.2, 0.1}, {0.1, 0.1, 0.8}};
    double[][] y = {{1, 0, 0}, {0, 0, 1}};
    assertThat(CrossEntropy.fromProbabilities(p, y)).isCloseTo(-(Math.log(0.7) + Math.log(0.8)) / 2, within(1e-15));
  }

  @Test
  void zeroProbabilitiesOfWrongClassesCostNothingAndOfTheTrueClassStayFinite() {
    assertThat(CrossEntropy.fromProbabilities(new double[][] {{1, 0}}, new double[][] {{1, 0}})).isEqualTo(0.0);
    assertThat(CrossEntropy.fromProbabilities(new double[][] {{0, 1}}, new double[][] {{1, 0}})).isFinite();
  }

  @Test
  void fromLogitsEqualsNllOfLogSoftmaxAndCrossEntropyOfSoftmax() {
    double[][] z = RandomArrays.gaussian(6, 4, 2, 11);
    int[] labels = RandomArrays.labels(6, 4, 12);
    double[][] y = OneHot.encode(labels, 4);
    double fromLogits = CrossEntropy.fromLogits(z, y);
    assertThat(fromLogits).isCloseTo(CrossEntropy.negativeLogLikelihood(Softmax.logRows(z), labels), within(1e-14));
    assertThat(fromLogits).isCloseTo(CrossEntropy.fromProbabilities(Softmax.rows(z), y), within(1e-14));
  }

  @Test
  void fromLogitsIsExactForHugeLogits() {
    assertThat(CrossEntropy.fromLogits(new double[][] {{1000, 0}}, new double[][] {{0, 1}})).isEqualTo(1000.0);
  }

  @Test
  void badShapesAndLabelsAreRejected() {
    assertThatThrownBy(() -> CrossEntropy.fromProbabilities(new double[2][3], new double[2][4]))
        .hasMessage("predictions have shape (2,3) but targets have shape (2,4); they must match");
    assertThatThrownBy(() -> CrossEntropy.negativeLogLikelihood(new double[1][3], new int[] {3}))
        .hasMessage("label at index 0 is 3, outside [0, 3)");
    assertThatThrownBy(() -> CrossEntropy.negativeLogLikelihood(new double[1][3], new int[2]))
        .hasMessage("1 rows of log-probabilities but 2 labels");
    assertThatThrownBy(() -> CrossEntropy.fromLogits(new double[0][0], new double[0][0]))
        .hasMessageContaining("empty batch");
  }
}
