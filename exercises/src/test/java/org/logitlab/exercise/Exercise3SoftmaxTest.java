package org.logitlab.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.logitlab.exercise.Exercise.SOFTMAX;
import static org.logitlab.exercise.TestMessages.text;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.logitlab.activation.Softmax;

/** Exercise 3: {@code Softmax.applyInto(double[], double[])}. Run with {@code ./mvnw test -Dtest=Exercise3SoftmaxTest}. */
class Exercise3SoftmaxTest {

  @Test
  void followsTheFormulaAndSumsToOne() {
    double[] p = Softmax.apply(new double[] {1, 2, 3});
    double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
    assertThat(p).as(SOFTMAX.about("Softmax.apply([1, 2, 3])"))
        .containsExactly(new double[] {Math.exp(1) / sum, Math.exp(2) / sum, Math.exp(3) / sum}, within(1e-15));
    assertThat(Arrays.stream(p).sum()).as(SOFTMAX.about(text("softmax.sum")))
        .isCloseTo(1.0, within(1e-15));
  }

  @Test
  void hugeScoresStayFiniteAndEqualTheShiftedScores() {
    double[] big = Softmax.apply(new double[] {1000, 1001, 1002});
    assertThat(Arrays.stream(big).allMatch(Double::isFinite))
        .as(SOFTMAX.about(text("softmax.finite", "got", Arrays.toString(big))))
        .isTrue();
    assertThat(big).as(SOFTMAX.about(text("softmax.shifted")))
        .containsExactly(Softmax.apply(new double[] {0, 1, 2}), within(1e-15));
  }

  @Test
  void aVeryNegativeScoreGetsProbabilityZero() {
    assertThat(Softmax.apply(new double[] {-1000, 0})).as(SOFTMAX.about("Softmax.apply([-1000, 0])"))
        .containsExactly(0.0, 1.0);
  }

  @Test
  void worksInPlaceAndRowByRow() {
    double[] z = {0.5, -1, 2, 0};
    double[] expected = Softmax.apply(z.clone());
    Softmax.applyInto(z, z);
    assertThat(z).as(SOFTMAX.about(text("softmax.inPlace")))
        .containsExactly(expected, within(1e-15));
    double[][] rows = Softmax.rows(new double[][] {{1000, 1000}, {0, Math.log(3)}});
    assertThat(rows[0]).as(SOFTMAX.about(text("softmax.row", "row", "[1000, 1000]"))).containsExactly(0.5, 0.5);
    assertThat(rows[1]).as(SOFTMAX.about(text("softmax.row", "row", "[0, ln 3]")))
        .containsExactly(new double[] {0.25, 0.75}, within(1e-15));
  }
}
