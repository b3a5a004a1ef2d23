package org.logitlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.exercise.Exercise;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.GradingConfig;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.TestOutcome;

class GradescopeReportTest {

  @TempDir
  Path dir;

  private JsonObject written(SubmissionResult result) throws IOException {
    return written(result, GradingConfig.defaults().gradescope());
  }

  private JsonObject written(SubmissionResult result, GradingConfig.Gradescope shown) throws IOException {
    Path file = dir.resolve("results").resolve("results.json");
    GradescopeReport.write(result, shown, file);
    return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
  }

  private static double sum(JsonArray tests, String field) {
    double sum = 0;
    for (JsonElement test : tests) {
      sum += test.getAsJsonObject().get(field).getAsDouble();
    }
    return sum;
  }

  private static JsonObject test(JsonArray tests, String number) {
    for (JsonElement test : tests) {
      if (test.getAsJsonObject().get("number").getAsString().equals(number)) {
        return test.getAsJsonObject();
      }
    }
    throw new AssertionError("no test " + number);
  }

  @Test
  void topLevelFieldsFollowTheSpecification() throws IOException {
    JsonObject json = written(SampleResults.complete());

    assertThat(json.keySet()).containsExactlyInAnyOrder("score", "execution_time", "output", "visibility",
        "stdout_visibility", "extra_data", "tests", "leaderboard");
    assertThat(json.get("score").getAsDouble()).isEqualTo(66.25);
    assertThat(json.get("execution_time").getAsLong()).isEqualTo(32);
    assertThat(json.get("visibility").getAsString()).isEqualTo("visible");
    assertThat(json.get("stdout_visibility").getAsString()).isEqualTo("hidden");
    assertThat(json.get("output").getAsString()).contains("66.25 / 100", "Seed 12345", "--seed 12345",
        "MNIST test accuracy: 95.12 %", "Warning: the grading machine has 1 CPU");
    assertThat(json.getAsJsonObject("extra_data").get("seed").getAsLong()).isEqualTo(12345);
  }

  /**
   * The visibilities of Gradescope's specification
   * (https://gradescope-autograders.readthedocs.io/en/latest/specs/, "Output format"): a top-level
   * default, one per exercise or per check, and a check students do not see yet leaves no trace in what
   * they do see.
   */
  @Test
  void visibilityFollowsTheConfigurationPerExerciseAndPerCheck(@TempDir Path tmp) throws IOException {
    Path config = Files.writeString(tmp.resolve("grading.json"), """
        {"gradescope": {"visibility": "after_due_date", "stdoutVisibility": "visible",
          "tests": {"FIT/mnist": "after_published", "BCE_GRADIENT": "hidden", "SOFTMAX": "visible"}}}
        """);
    JsonObject json = written(SampleResults.complete(), GradingConfig.load(config).gradescope());
    JsonArray tests = json.getAsJsonArray("tests");

    assertThat(json.get("visibility").getAsString()).isEqualTo("after_due_date");
    assertThat(json.get("stdout_visibility").getAsString()).isEqualTo("visible");
    assertThat(test(tests, "7.3").get("visibility").getAsString()).as("the MNIST check").isEqualTo("after_published");
    assertThat(test(tests, "7.1").has("visibility")).as("FIT's other checks take the default").isFalse();
    for (String number : List.of("2.1", "2.2", "2.3", "2.4")) {
      assertThat(test(tests, number).get("visibility").getAsString()).isEqualTo("hidden");
    }
    assertThat(test(tests, "3.0").get("visibility").getAsString()).isEqualTo("visible");
    assertThat(json.get("output").getAsString()).doesNotContain("MNIST", "95.12");
    assertThat(json.has("leaderboard")).as("the accuracy would reveal the MNIST check").isFalse();
  }

  @Test
  void aVisibilityOutsideTheSpecificationAnUnknownExerciseOrAnUnknownCheckIsRefusedByName(@TempDir Path tmp) throws IOException {
    Path config = Files.writeString(tmp.resolve("grading.json"), """
        {"gradescope": {"visibility": "later", "tests": {"FITT": "hidden", "FIT/mnist": "secret",
          "SIGMOID/σ(z) matches the reference on random scores, from |z| ≈ 1e-12 to |z| = 30": "hidden"}}}
        """);
    assertThatThrownBy(() -> GradingConfig.load(config)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gradescope.visibility must be one of [visible, hidden, after_due_date, after_published]")
        .hasMessageContaining("gradescope.tests.FITT: FITT is not an exercise")
        .hasMessageContaining("gradescope.tests.FIT/mnist must be one of")
        .hasMessageContaining("gradescope.tests.SIGMOID/σ(z) matches the reference on random scores, from |z| ≈ 1e-12 "
            + "to |z| = 30: SIGMOID has no check σ(z) matches the reference on random scores, from |z| ≈ 1e-12 to "
            + "|z| = 30; its checks are [")
        .hasMessageContaining("keepsTheSubnormalTail");
  }

  @Test
  void aCheckIsNamedByItsTestMethod() {
    TestOutcome test = new TestOutcome("[engine:junit-jupiter]/[class:org.logitlab.grader.hidden.HiddenSigmoidSuite]"
        + "/[test-template:matchesTheReference(double)]/[test-template-invocation:#3]", "x", TestOutcome.Status.PASSED,
        "", false, 1, Map.of(), 1, 1);
    assertThat(GradescopeReport.check(test)).isEqualTo("matchesTheReference");
  }

  @Test
  void oneEntryPerTestAndPerExerciseThatDidNotRunToTheEnd() throws IOException {
    JsonArray tests = written(SampleResults.complete()).getAsJsonArray("tests");

    List<String> numbers = new ArrayList<>();
    tests.forEach(t -> numbers.add(t.getAsJsonObject().get("number").getAsString()));
    assertThat(numbers).containsExactly("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.0", "4.0", "5.1",
        "5.2", "5.3", "6.1", "6.2", "6.3", "6.0", "7.1", "7.2", "7.3");
    for (JsonElement t : tests) {
      assertThat(t.getAsJsonObject().has("visibility")).as("takes the top-level visibility").isFalse();
    }

    JsonObject failed = test(tests, "2.3");
    assertThat(failed.get("name").getAsString()).isEqualTo("Exercise 2 (BCE derivative): random data");
    assertThat(failed.get("status").getAsString()).isEqualTo("failed");
    assertThat(failed.get("score").getAsDouble()).isZero();
    assertThat(failed.get("max_score").getAsDouble()).isEqualTo(3.75);
    assertThat(failed.get("output").getAsString()).isEqualTo(SampleResults.BCE_FEEDBACK.replace("\u0007", "\\u0007"));

    JsonObject passed = test(tests, "1.2");
    assertThat(passed.get("status").getAsString()).isEqualTo("passed");
    assertThat(passed.get("score").getAsDouble()).isEqualTo(3.3333);
    assertThat(passed.has("output")).isFalse();

    JsonObject skipped = test(tests, "5.2");
    assertThat(skipped.has("status")).isFalse();
    assertThat(skipped.get("name").getAsString()).endsWith("(skipped)");
    assertThat(skipped.get("max_score").getAsDouble()).isZero();
    assertThat(skipped.get("output").getAsString()).isEqualTo("MNIST is not available");
  }

  @Test
  void anExerciseThatDoesNotCompileCarriesTheCompilerErrorsAndItsPoints() throws IOException {
    JsonArray tests = written(SampleResults.complete()).getAsJsonArray("tests");

    JsonObject compile = test(tests, "3.0");
    assertThat(compile.get("name").getAsString()).isEqualTo("Exercise 3 (softmax): does not compile");
    assertThat(compile.get("status").getAsString()).isEqualTo("failed");
    assertThat(compile.get("score").getAsDouble()).isZero();
    assertThat(compile.get("max_score").getAsDouble()).isEqualTo(10);
    assertThat(compile.get("output").getAsString()).startsWith("Softmax.java does not compile")
        .contains(String.join("\n", SampleResults.COMPILER_ERRORS), "lessons/04-softmax.md#");

    JsonObject missing = test(tests, "4.0");
    assertThat(missing.get("name").getAsString()).isEqualTo("Exercise 4 (one-hot): missing");
    assertThat(missing.get("max_score").getAsDouble()).isEqualTo(10);
    assertThat(missing.get("output").getAsString()).contains("OneHot.java in the submission");
  }

  @Test
  void aTimedOutExerciseSaysWhyWithoutCountingItsTestsTwice() throws IOException {
    JsonArray tests = written(SampleResults.complete()).getAsJsonArray("tests");

    JsonObject timeout = test(tests, "6.0");
    assertThat(timeout.get("name").getAsString()).isEqualTo("Exercise 6 (hidden-layer backprop): timed out");
    assertThat(timeout.get("output").getAsString()).startsWith(SampleResults.TIMEOUT);
    assertThat(timeout.get("max_score").getAsDouble()).isZero(); // its three tests hold the 15 points
    assertThat(test(tests, "6.2").get("output").getAsString()).isEqualTo("not run: " + SampleResults.TIMEOUT);
  }

  @Test
  void aTimedOutExerciseWithoutTestsCarriesItsPoints() throws IOException {
    ExerciseResult early = new ExerciseResult(Exercise.FIT, ExerciseResult.Status.CRASHED, "exit code 137",
        0, 25, List.of(), List.of(), 10);
    JsonArray tests = written(SampleResults.result("carol", List.of(early), SubmissionResult.Status.COMPLETE, "",
        List.of())).getAsJsonArray("tests");

    assertThat(tests).hasSize(1);
    assertThat(test(tests, "7.0").get("name").getAsString()).isEqualTo("Exercise 7 (fit): crashed");
    assertThat(test(tests, "7.0").get("max_score").getAsDouble()).isEqualTo(25);
  }

  @Test
  void testScoresAddUpToTheScore() throws IOException {
    for (SubmissionResult result : List.of(SampleResults.complete(), SampleResults.error())) {
      JsonObject json = written(result);
      JsonArray tests = json.getAsJsonArray("tests");
      assertThat(sum(tests, "score")).isCloseTo(result.score(), within(1e-3));
      assertThat(json.get("score").getAsDouble()).isCloseTo(result.score(), within(1e-4));
      assertThat(sum(tests, "max_score")).isCloseTo(result.maxScore(), within(1e-3));
    }
  }

  @Test
  void leaderboardHoldsTheMnistAccuracy() throws IOException {
    JsonArray board = written(SampleResults.complete()).getAsJsonArray("leaderboard");

    assertThat(board).hasSize(1);
    JsonObject entry = board.get(0).getAsJsonObject();
    assertThat(entry.get("name").getAsString()).isEqualTo("MNIST accuracy");
    assertThat(entry.get("value").getAsDouble()).isEqualTo(0.9512);
    assertThat(entry.get("order").getAsString()).isEqualTo("desc");
  }

  @Test
  void aFailedGradingRunIsOneFailedEntryThatSaysWhy() throws IOException {
    JsonObject json = written(SampleResults.error());

    assertThat(json.get("score").getAsDouble()).isZero();
    assertThat(json.has("leaderboard")).isFalse();
    assertThat(json.get("output").getAsString()).contains("grading failed",
        "bob.zip is not a zip file", "Seed 12345", "Warning: MNIST is not available");
    JsonArray tests = json.getAsJsonArray("tests");
    assertThat(tests).hasSize(1);
    JsonObject entry = tests.get(0).getAsJsonObject();
    assertThat(entry.get("name").getAsString()).isEqualTo("Grading");
    assertThat(entry.get("status").getAsString()).isEqualTo("failed");
    assertThat(entry.get("max_score").getAsDouble()).isEqualTo(100);
    assertThat(entry.get("output").getAsString()).startsWith("grading failed: java.io.IOException");
  }

  @Test
  void writingReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("results.json");
    Files.writeString(file, "old");

    GradescopeReport.write(SampleResults.error(), GradingConfig.defaults().gradescope(), file);

    assertThat(Files.readString(file)).startsWith("{").endsWith("}\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }
}
