package org.logitlab.grader.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

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

  private static void studentCode() {
    throw new IllegalStateException("not my label");
  }
}
