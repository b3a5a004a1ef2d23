package org.logitlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.exercise.Exercise;
import org.logitlab.grader.SubmissionResult;

/**
 * {@code classroom.json} fed to the GitHub Classroom reporter's own parsing and summing
 * ({@link ClassroomReporterV1}), as the workflow hands it over: base64 in the runner's
 * {@code result} output, passed to the reporter as {@code GRADING_RESULTS} with {@code runners: grading}.
 */
class ClassroomReportTest {

  @TempDir
  Path tmp;

  private ClassroomReporterV1.Outcome reported(SubmissionResult result) throws IOException {
    Path file = tmp.resolve("classroom.json");
    ClassroomReport.write(result, file);
    String base64 = Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    return ClassroomReporterV1.run("grading", Map.of("GRADING_RESULTS", base64));
  }

  private JsonObject written(SubmissionResult result) throws IOException {
    Path file = tmp.resolve("classroom.json");
    ClassroomReport.write(result, file);
    return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
  }

  /** The total as {@code grade} prints it, to the hundredth. */
  private static String printed(double points) {
    return String.format(Locale.ROOT, "%.2f", points);
  }

  @Test
  void classroomShowsTheGradersPointsForASubmissionThatLostSome() throws IOException {
    SubmissionResult result = SampleResults.complete();
    ClassroomReporterV1.Outcome outcome = reported(result);

    assertThat(outcome.points()).isEqualTo("Points 66.25/100");
    String[] shown = outcome.points().substring("Points ".length()).split("/");
    assertThat(printed(Double.parseDouble(shown[0]))).isEqualTo(printed(result.score()));
    assertThat(printed(Double.parseDouble(shown[1]))).isEqualTo(printed(result.maxScore()));
    assertThat(outcome.failure()).as("a submission below the maximum fails the check").isEqualTo("Some tests failed.");
  }

  @Test
  void fullMarksPassTheCheck() throws IOException {
    List<org.logitlab.grader.ExerciseResult> exercises = List.of(Exercise.values()).stream()
        .map(e -> SampleResults.graded(e, SampleResults.passed("all of it", e == Exercise.FIT ? 25 : 12.5)))
        .toList();
    SubmissionResult result = SampleResults.result("carol", exercises, SubmissionResult.Status.COMPLETE, "",
        List.of());
    ClassroomReporterV1.Outcome outcome = reported(result);
    assertThat(outcome.points()).isEqualTo("Points 100/100");
    assertThat(outcome.failure()).isNull();
    assertThat(written(result).get("status").getAsString()).isEqualTo("pass");
  }

  @Test
  void incompleteGradingShowsNoPointsAndFailsTheCheck() throws IOException {
    SubmissionResult result = SampleResults.error();
    ClassroomReporterV1.Outcome outcome = reported(result);
    assertThat(outcome.points()).as("no score where the grader could not grade").isNull();
    assertThat(outcome.failure()).isEqualTo("Some tests errored.");
    JsonObject json = written(result);
    assertThat(json.get("max_score").getAsDouble()).isZero();
    assertThat(json.getAsJsonArray("tests")).singleElement()
        .satisfies(t -> assertThat(t.getAsJsonObject().get("message").getAsString())
            .contains("grading incomplete", "bob.zip is not a zip file"));
  }

  @Test
  void oneTestPerExerciseWithItsPointsAndWhyItLostThem() throws IOException {
    SubmissionResult result = SampleResults.complete();
    JsonObject json = written(result);
    assertThat(json.get("version").getAsInt()).isEqualTo(1);
    assertThat(json.get("max_score").getAsDouble()).isEqualTo(result.maxScore());
    JsonArray tests = json.getAsJsonArray("tests");
    assertThat(tests).hasSize(Exercise.values().length);
    double sum = 0;
    for (JsonElement element : tests) {
      JsonObject test = element.getAsJsonObject();
      assertThat(test.keySet()).contains("name", "status", "score", "message");
      sum += test.get("score").getAsDouble();
    }
    assertThat(sum).isEqualTo(result.score());
    JsonObject sigmoid = tests.get(0).getAsJsonObject();
    assertThat(sigmoid.get("name").getAsString()).isEqualTo(Exercise.SIGMOID.toString());
    assertThat(sigmoid.get("status").getAsString()).isEqualTo("pass");
    JsonObject softmax = tests.get(2).getAsJsonObject();
    assertThat(softmax.get("status").getAsString()).isEqualTo("fail");
    assertThat(softmax.get("score").getAsDouble()).isZero();
    assertThat(softmax.get("message").getAsString()).contains("0 / 10", "does not compile",
        Exercise.SOFTMAX.reading());
    JsonObject bce = tests.get(1).getAsJsonObject();
    assertThat(bce.get("message").getAsString()).contains("11.25 / 15", "gradient for w = <0.5, -1>")
        .doesNotContain("\u0007");
  }

  @Test
  void aMissingResultOrARunnerTypoFailsTheCheckWithoutPoints() {
    ClassroomReporterV1.Outcome missing = ClassroomReporterV1.run("grading", Map.of());
    assertThat(missing.points()).isNull();
    assertThat(missing.failure()).isEqualTo("The runners input must be a comma-separated list of strings.");
  }
}
