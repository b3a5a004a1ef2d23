package org.logitlab.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.grader.report.ConsoleReport;
import org.logitlab.grader.report.MarkdownReport;
import org.logitlab.grader.runner.Sandbox;

/**
 * {@code grading.json}'s {@code language}: it wins over the grader's own language, a bad value is
 * named with the file and the values it may take, and a submission graded in Korean gets Korean
 * feedback from its grading JVMs (which this test JVM, pinned to English, could only give them with
 * {@code -Dlogitlab.lang=ko}) and Korean reports.
 */
class GradingLanguageTest {

  @TempDir
  Path tmp;

  private GradingConfig config(String json) throws IOException {
    return GradingConfig.load(Files.writeString(tmp.resolve("grading.json"), json));
  }

  /** Something to do that may throw. */
  private interface Action<T> {
    T run() throws Exception;
  }

  /** What {@code action} returns while this JVM's {@code logitlab.lang} is {@code tag}. */
  private static <T> T speaking(String tag, Action<T> action) throws Exception {
    String before = System.getProperty(Language.PROPERTY);
    System.setProperty(Language.PROPERTY, tag);
    try {
      return action.run();
    } finally {
      if (before == null) {
        System.clearProperty(Language.PROPERTY);
      } else {
        System.setProperty(Language.PROPERTY, before);
      }
    }
  }

  @Test
  void theFilesLanguageWinsOverTheGradersOwn() throws Exception {
    assertThat(config("{\"language\": \"ko\"}").language()).isEqualTo(Language.KOREAN);
    assertThat(config("{\"language\": \"en\"}").language()).isEqualTo(Language.ENGLISH);
    assertThat(speaking("ko", () -> GradingConfig.load(tmp.resolve("grading.json")).language()))
        .as("loaded while the grader speaks Korean").isEqualTo(Language.ENGLISH);
  }

  @Test
  void withoutALanguageTheGraderSpeaksItsOwn() throws Exception {
    config("{\"randomCases\": 5}");
    assertThat(GradingConfig.load(tmp.resolve("grading.json")).language()).isEqualTo(Language.ENGLISH);
    assertThat(speaking("ko", () -> GradingConfig.load(tmp.resolve("grading.json")).language()))
        .isEqualTo(Language.KOREAN);
    assertThat(speaking("ko_KR.UTF-8", GradingConfig::defaults).language()).isEqualTo(Language.KOREAN);
  }

  @Test
  void aBadLanguageIsNamedWithTheFileAndTheValuesItMayTake() throws IOException {
    Path file = Files.writeString(tmp.resolve("course.json"), "{\"language\": \"fr\", \"randomCases\": 0}");
    assertThatThrownBy(() -> GradingConfig.load(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + ": ")
        .hasMessageContaining("language is \"fr\": use \"en\" (English) or \"ko\" (Korean), or leave it out to "
            + "speak the grader's own language (-Dlogitlab.lang, LOGITLAB_LANG, the system locale)")
        .hasMessageContaining("randomCases must be ≥ 1");
    for (String bad : new String[] {"\"KO\"", "\"ko-KR\"", "\"\"", "1", "[\"ko\"]"}) {
      Files.writeString(file, "{\"language\": " + bad + "}");
      assertThatThrownBy(() -> GradingConfig.load(file)).as(bad).hasMessageContaining("language is " + bad + ": use");
    }
  }

  /**
   * A skeleton whose sigmoid does not compile, graded with {@code "language": "ko"}: the compiler's
   * verdict, each unfinished exercise's own words from its grading JVM and the reports are Korean.
   */
  @Test
  void aSubmissionGradedInKoreanGetsKoreanFeedbackAndReports() throws Exception {
    Path submission = Submissions.skeleton(tmp.resolve("민준"));
    Submissions.edit(submission, Exercise.SIGMOID, ".SIGMOID.unfinished();", ".SIGMOID.unfinished()");
    GradingConfig config = config("{\"language\": \"ko\", \"mnist\": {\"share\": 0}}");

    SubmissionResult result = new Grader(config, Optional.empty(), 2).grade(submission, 3, tmp.resolve("work"));

    assertThat(result.status()).as(result.error()).isEqualTo(SubmissionResult.Status.COMPLETE);
    assertThat(result.language()).isEqualTo(Language.KOREAN);
    ExerciseResult sigmoid = result.exercises().get(0);
    assertThat(sigmoid.status()).isEqualTo(ExerciseResult.Status.DOES_NOT_COMPILE);
    assertThat(sigmoid.problem()).isEqualTo("Sigmoid.java이(가) 주어진 코드와 함께 컴파일되지 않습니다");
    String unfinished = speaking("ko", () -> Exercise.BCE_GRADIENT.unfinished().getMessage());
    assertThat(unfinished).startsWith("연습 2 (BCE 미분)");
    ExerciseResult bce = result.exercises().get(1);
    assertThat(bce.tests()).isNotEmpty().allSatisfy(test -> assertThat(test.feedback()).contains(unfinished));
    assertThat(result.warnings()).anySatisfy(w -> assertThat(w).startsWith("채점 기계에 MNIST가 없어"));
    assertThat(result.isolation()).isEqualTo(Sandbox.detect().description(Language.KOREAN));

    assertThat(ConsoleReport.render(result)).startsWith("logit-lab: 민준: 0 / 100점\n")
        .contains("연습 1 (시그모이드)", "컴파일 실패", "연습 2 (BCE 미분)", "실패", "합계", "시드 3: ")
        .doesNotContain("Exercise 1", "does not compile", "Total", "Seed");
    assertThat(MarkdownReport.render(result)).contains("## 연습 2 (BCE 미분): 0 / 15", "**컴파일 실패:**", "컴파일 오류:")
        .doesNotContain("Compiler errors", "tests failed", "Read ");
  }
}
