package org.logitlab.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExerciseTest {

  @Test
  void exercisesAreNumberedInLectureOrderWithTheirTestClasses() {
    assertThat(Arrays.stream(Exercise.values()).mapToInt(Exercise::number)).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(Arrays.stream(Exercise.values()).map(Exercise::testClass)).containsExactly("Exercise1SigmoidTest",
        "Exercise2BceGradientTest", "Exercise3SoftmaxTest", "Exercise4OneHotTest", "Exercise5OutputBackpropTest",
        "Exercise6HiddenBackpropTest", "Exercise7FitTest");
  }

  @Test
  void theUnfinishedExceptionSaysWhatToWriteWhatToReadAndHowToTest() {
    assertThat(Exercise.SOFTMAX.unfinished()).isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("Exercise 3 (softmax) is not done yet: write the body of Softmax.applyInto(double[], double[]). "
            + "Read lessons/04-softmax.md#exercise-3-softmax-with-max-subtraction, then run its tests with: "
            + "./mvnw test -Dtest=Exercise3SoftmaxTest");
  }

  @Test
  void aboutDescribesACheckForItsFailureMessage() {
    assertThat(Exercise.SIGMOID.about("Sigmoid.apply(1000.0)")).isEqualTo("Exercise 1 (sigmoid): Sigmoid.apply(1000.0)"
        + " — read lessons/01-classification-and-sigmoid.md#exercise-1-a-stable-sigmoid");
  }

  @Test
  void fitAndTheBceGradientRunThroughOtherExercises() {
    assertThat(Exercise.FIT.prerequisites()).containsExactly(Exercise.SOFTMAX, Exercise.ONE_HOT,
        Exercise.OUTPUT_BACKPROP, Exercise.HIDDEN_BACKPROP);
    assertThat(Exercise.BCE_GRADIENT.prerequisites()).containsExactly(Exercise.SIGMOID);
    assertThat(Exercise.SIGMOID.prerequisites()).isEmpty();
    assertThat(Exercise.OUTPUT_BACKPROP.lesson()).isEqualTo(Exercise.HIDDEN_BACKPROP.lesson());
    assertThat(Exercise.ONE_HOT.title()).isEqualTo("one-hot");
    assertThat(Exercise.ONE_HOT.section()).isEqualTo("exercise-4-one-hot-by-scatter");
  }

  @Test
  void eachLanguageReadsItsOwnEditionOfTheLessonUnderTheSameAnchor() {
    assertThat(Exercise.ONE_HOT.reading(Language.ENGLISH))
        .isEqualTo("lessons/05-one-hot-and-cross-entropy.md#exercise-4-one-hot-by-scatter");
    assertThat(Exercise.ONE_HOT.reading(Language.KOREAN))
        .isEqualTo("lessons/ko/05-one-hot-and-cross-entropy.md#exercise-4-one-hot-by-scatter");
    assertThat(Exercise.ONE_HOT.label(Language.KOREAN)).isEqualTo("연습 4 (원-핫 인코딩)");
    assertThat(Exercise.ONE_HOT.todo(Language.ENGLISH)).isEqualTo("Exercise 4 (one-hot): your code here. Read "
        + "lessons/05-one-hot-and-cross-entropy.md#exercise-4-one-hot-by-scatter");
  }
}
