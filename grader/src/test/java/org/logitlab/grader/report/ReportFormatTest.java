package org.logitlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.GradingConfig;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.TestOutcome;
import org.logitlab.grader.Texts;

class ReportFormatTest {

  private static final Texts ENGLISH = Texts.of(Language.ENGLISH);

  @Test
  void pointsHaveAtMostTwoDecimals() {
    assertThat(ReportFormat.points(10)).isEqualTo("10");
    assertThat(ReportFormat.points(7.5)).isEqualTo("7.5");
    assertThat(ReportFormat.points(10.0 / 3)).isEqualTo("3.33");
    assertThat(ReportFormat.points(-0.0)).isEqualTo("0");
    assertThat(ReportFormat.score(11.25, 15)).isEqualTo("11.25 / 15");
    assertThat(ReportFormat.round4(10.0 / 3)).isEqualTo(3.3333);
    assertThat(ReportFormat.round4(Double.NaN)).isZero();
  }

  @Test
  void statusesInWords() {
    List<ExerciseResult> exercises = SampleResults.complete().exercises();
    assertThat(exercises).extracting(e -> ReportFormat.status(ENGLISH, e)).containsExactly("passed", "failed", "does not compile",
        "missing", "passed", "timed out", "passed");
    assertThat(exercises).extracting(e -> ReportFormat.tests(ENGLISH, e)).containsExactly("3/3", "3/4", "0/0", "0/0",
        "2/2, 1 skipped", "1/3", "3/3");
    assertThat(exercises).extracting(ReportFormat::needsExplaining)
        .containsExactly(false, true, true, true, false, true, false);
  }

  @Test
  void anUnexplainedProblemGetsASentenceForItsStatus() {
    ExerciseResult crashed = new ExerciseResult(Exercise.FIT, ExerciseResult.Status.CRASHED, null, 0, 25,
        List.of(), List.of(), 1);
    ExerciseResult missing = new ExerciseResult(Exercise.SIGMOID, ExerciseResult.Status.MISSING, "", 0, 10,
        List.of(), List.of(), 1);

    assertThat(ReportFormat.status(ENGLISH, crashed)).isEqualTo("crashed");
    assertThat(ReportFormat.problem(ENGLISH, crashed)).isEqualTo("the grading JVM stopped early");
    assertThat(ReportFormat.problem(ENGLISH, missing)).isEqualTo("the submission has no org/logitlab/activation/Sigmoid.java");
  }

  @Test
  void timingsInTheirOrder() {
    Map<String, Long> phases = new LinkedHashMap<>();
    phases.put("unpack", 120L);
    phases.put("compile", 1234L);
    assertThat(ReportFormat.timings(ENGLISH, phases)).isEqualTo("unpack 0.1 s, compile 1.2 s");
    assertThat(ReportFormat.totalMillis(SampleResults.complete())).isEqualTo(31810);
  }

  @Test
  void anUnreadableMnistAccuracyIsLeftOut() {
    TestOutcome broken = new TestOutcome("m", "mnist", TestOutcome.Status.PASSED, "", true, 1,
        Map.of("mnistAccuracy", "n/a"), 10, 10);
    SubmissionResult result = SampleResults.result("dan", List.of(SampleResults.graded(Exercise.FIT, broken)),
        SubmissionResult.Status.COMPLETE, "", List.of());

    assertThat(ReportFormat.mnistAccuracy(result)).isEmpty();
    assertThat(ReportFormat.mnistAccuracy(SampleResults.complete())).hasValue(0.9512);
    assertThat(GradescopeReport.toJson(result, GradingConfig.defaults().gradescope()).has("leaderboard")).isFalse();
  }

  @Test
  void controlCharactersAreEscapedAndOthersKept() {
    assertThat(ReportFormat.printable("a\u0000b\u001bc\td\ne\r\u007f\u0085\uFFFEf\uD800g\uD83D\uDE00 é"))
        .isEqualTo("a\\u0000b\\u001Bc\td\ne\r\\u007F\\u0085\\uFFFEf\\uD800g\uD83D\uDE00 é");
  }

  @Test
  void everyReportSurvivesTextThatUtf8CannotEncode(@TempDir Path dir) throws IOException {
    TestOutcome hostile = SampleResults.failed("lone \uD800 surrogate", "NUL \u0000 and \uDC00 here", 10);
    SubmissionResult result = SampleResults.result("eve\uD800", List.of(SampleResults.graded(Exercise.SIGMOID,
        hostile)), SubmissionResult.Status.COMPLETE, "", List.of("warning \u001b[31m red"));

    GradescopeReport.write(result, GradingConfig.defaults().gradescope(), dir.resolve("results.json"));
    JUnitXmlReport.write(result, dir.resolve("junit.xml"));
    MarkdownReport.write(result, dir.resolve("summary.md"));

    assertThat(Files.readString(dir.resolve("results.json"))).contains("NUL \\\\u0000 and \\\\uDC00 here");
    assertThat(Files.readString(dir.resolve("junit.xml"))).contains("NUL \\u0000 and \\uDC00 here");
    assertThat(Files.readString(dir.resolve("summary.md"))).contains("NUL \\\\u0000 and \\\\uDC00 here");
    assertThat(ConsoleReport.render(result)).contains("lone \\uD800 surrogate: NUL \\u0000", "warning \\u001B[31m red");
  }
}
