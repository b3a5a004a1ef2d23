package org.logitlab.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.logitlab.RandomArrays;

class SoftmaxTest {

  @Test
  void isAProbabilityDistributionOrderedLikeTheScores() {
    double[] p = Softmax.apply(new double[] {1, 2, 3});
    double e = Math.exp(1) + Math.exp(2) + Math.exp(3);
    assertThat(p).containsExactly(new double[] {Math.exp(1) / e, Math.exp(2) / e, Math.exp(3) / e},
        within(1e-15));
    assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-15));
  }

  @Test
  void hugeScoresStayFiniteAndEqualTheShiftedScores() {
    double[] big = Softmax.apply(new double[] {1000, 1001, 1002});
    assertThat(java.util.Arrays.stream(big).allMatch(Double::isFinite)).isTrue();
    assertThat(big).containsExactly(Softmax.apply(new double[] {0, 1, 2}), within(1e-15));
    assertThat(Softmax.apply(new double[] {-1000, 0})).containsExactly(0.0, 1.0);
  }

  @Test
  void rowsApplySoftmaxToEachRowInPlaceOrNot() {
    double[][] z = RandomArrays.gaussian(4, 5, 3, 9);
    double[][] p = Softmax.rows(z);
    for (int i = 0; i < z.length; i++) {
      assertThat(p[i]).containsExactly(Softmax.apply(z[i]), within(0.0));
    }
    Softmax.rowsInto(z, z);
    assertThat(z).isEqualTo(p);
    assertThatThrownBy(() -> Softmax.rowsInto(z, new double[3][5]))
        .hasMessage("output has 3 rows but the scores have 4");
  }

  @Test
  void logSoftmaxIsTheLogOfSoftmaxAndStaysFiniteWhereSoftmaxUnderflows() {
    double[] z = {0.3, -1.2, 2.5, 0};
    double[] log = Softmax.log(z);
    double[] p = Softmax.apply(z);
    for (int j = 0; j < z.length; j++) {
      assertThat(log[j]).isCloseTo(Math.log(p[j]), within(1e-14));
    }
    assertThat(Softmax.log(new double[] {-1000, 0})).containsExactly(-1000.0, 0.0);
    assertThat(Softmax.logRows(new double[][] {z})[0]).containsExactly(log, within(0.0));
  }

  @Test
  void emptyOrMismatchedVectorsAreRejected() {
    assertThatThrownBy(() -> Softmax.apply(new double[0])).hasMessageContaining("empty vector");
    assertThatThrownBy(() -> Softmax.applyInto(new double[2], new double[3]))
        .hasMessage("output has length 3 but the scores have length 2");
  }
}
