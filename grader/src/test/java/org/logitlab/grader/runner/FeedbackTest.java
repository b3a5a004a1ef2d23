package org.logitlab.grader.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;

/** What a student reads of a failed hidden test: never a frame of the grader, its suites or JUnit. */
class FeedbackTest {

  @Test
  void anAssertionThatQuotesAStackTraceKeepsOnlyTheStudentsFrames() {
    // AssertJ quotes the whole stack trace of an exception of the wrong type.
    Throwable failure = catchThrowable(() -> assertThatThrownBy(FeedbackTest::studentCode)
        .as("one-hot rejects a bad label").isInstanceOf(IllegalArgumentException.class));
    assertThat(failure.getMessage()).contains("org.logitlab.grader.runner.FeedbackTest", "org.assertj",
        "remaining lines not displayed");

    String feedback = Feedback.of(failure);

    assertThat(feedback).contains("one-hot rejects a bad label", "IllegalStateException: not my label")
        .doesNotContain("FeedbackTest", "org.junit", "org.assertj", "java.base", "more", "remaining lines");
  }

  @Test
  void framesOfTheStudentsOwnCodeStay() {
    String text = "expected x\n\tat org.logitlab.softmax.OneHot.encode(OneHot.java:31)\n"
        + "\tat org.logitlab.grader.hidden.OneHotSuite.namesTheFirstBadLabel(OneHotSuite.java:151)\n"
        + "\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\n\t... 71 more";
    assertThat(Feedback.withoutForeignFrames(text))
        .isEqualTo("expected x\n\tat org.logitlab.softmax.OneHot.encode(OneHot.java:31)");
  }

  /**
   * In the grading JVM of a Korean course ({@code -Dlogitlab.lang=ko}) the feedback is Korean, and an
   * unfinished exercise is still told by its own words alone, whatever their language.
   */
  @Test
  void aKoreanGradingJvmGivesKoreanFeedback() {
    String before = System.getProperty(Language.PROPERTY);
    System.setProperty(Language.PROPERTY, "ko");
    try {
      UnsupportedOperationException unfinished = Exercise.SOFTMAX.unfinished();
      assertThat(unfinished.getMessage()).startsWith("연습 3 (소프트맥스)");
      assertThat(Feedback.of(unfinished)).isEqualTo(unfinished.getMessage());
      assertThat(Feedback.of(new IllegalStateException("not my label")))
          .isEqualTo("코드에서 예외가 발생했습니다: java.lang.IllegalStateException: not my label");
      assertThat(Feedback.of(null)).isEqualTo("이유 없이 실패했습니다");
    } finally {
      if (before == null) {
        System.clearProperty(Language.PROPERTY);
      } else {
        System.setProperty(Language.PROPERTY, before);
      }
    }
    assertThat(Feedback.of(Exercise.SOFTMAX.unfinished())).isEqualTo(Exercise.SOFTMAX.unfinished().getMessage())
        .startsWith("Exercise 3 (softmax)");
  }

  private static void studentCode() {
    throw new IllegalStateException("not my label");
  }
}
