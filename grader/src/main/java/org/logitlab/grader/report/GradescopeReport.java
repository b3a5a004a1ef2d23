package org.logitlab.grader.report;

import org.logitlab.grader.AtomicFile;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.OptionalDouble;
import org.logitlab.exercise.Exercise;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.GradingConfig;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.TestOutcome;
import org.logitlab.grader.Texts;

/**
 * Gradescope's {@code results.json}, as its autograder specification describes it: the score, the
 * run time, a summary, one test entry per hidden test ({@code number} "3.2" is exercise 3, test 2),
 * one entry "N.0" per exercise that did not run to the end (missing, not compiling, timed out,
 * crashed) carrying the reason and the points its tests do not cover, and the MNIST accuracy as a
 * leaderboard entry. The test scores add up to the submission's score; a failed grading run is one
 * failed entry that says why. What students see when follows {@code grading.json}'s {@code gradescope}
 * part: the top-level {@code visibility} is every test's default, an exercise or a single check may
 * have its own, and a check that students do not see right away leaves no trace in what they do see
 * (the MNIST accuracy is left out of the summary and the leaderboard while its check is not visible). Control characters and lone surrogates (which UTF-8 cannot encode) are
 * written as backslash-u escapes.
 */
public final class GradescopeReport {

  /** The id of the MNIST check of exercise 7. */
  public static final String MNIST_CHECK = "mnist";

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private GradescopeReport() {}

  /** Writes the report to {@code file} (normally {@code /autograder/results/results.json}), atomically. */
  public static void write(SubmissionResult result, GradingConfig.Gradescope shown, Path file) throws IOException {
    AtomicFile.write(file, GSON.toJson(toJson(result, shown)) + "\n");
  }

  /** The report as a JSON object. */
  public static JsonObject toJson(SubmissionResult result, GradingConfig.Gradescope shown) {
    Texts texts = result.texts();
    boolean mnistShown = shown.visibleNow(Exercise.FIT, MNIST_CHECK);
    JsonObject json = new JsonObject();
    json.addProperty("score", ReportFormat.round4(result.score()));
    json.addProperty("execution_time", Math.round(ReportFormat.totalMillis(result) / 1000.0));
    json.addProperty("output", ReportFormat.printable(summary(result, mnistShown)));
    json.addProperty("visibility", shown.visibility());
    json.addProperty("stdout_visibility", shown.stdoutVisibility());
    JsonObject extra = new JsonObject();
    extra.addProperty("student", ReportFormat.printable(result.student()));
    extra.addProperty("seed", result.seed());
    extra.addProperty("digest", result.digest());
    extra.addProperty("status", result.status().name());
    json.add("extra_data", extra);

    JsonArray tests = new JsonArray();
    for (ExerciseResult exercise : result.exercises()) {
      addExercise(texts, tests, exercise, shown);
    }
    double restScore = result.score() - result.exercises().stream().mapToDouble(ExerciseResult::score).sum();
    double restMax = result.maxScore() - result.exercises().stream().mapToDouble(ExerciseResult::maxScore).sum();
    boolean complete = result.status() == SubmissionResult.Status.COMPLETE;
    if (!complete || !isZero(restScore) || !isZero(restMax)) {
      boolean passed = complete && isZero(restMax - restScore);
      String why = !complete ? ReportFormat.error(result) : texts.text("gradescope.outside");
      tests.add(entry(texts.text("report.grading"), "0.0", restScore, restMax, passed, why, Optional.empty()));
    }
    json.add("tests", tests);

    OptionalDouble accuracy = ReportFormat.mnistAccuracy(result);
    if (accuracy.isPresent() && mnistShown) {
      JsonObject board = new JsonObject();
      board.addProperty("name", texts.text("gradescope.leaderboard"));
      board.addProperty("value", ReportFormat.round4(accuracy.getAsDouble()));
      board.addProperty("order", "desc");
      JsonArray leaderboard = new JsonArray();
      leaderboard.add(board);
      json.add("leaderboard", leaderboard);
    }
    return json;
  }

  /** The text above the tests: score, seed, MNIST accuracy (if shown), warnings and why grading failed. */
  private static String summary(SubmissionResult result, boolean mnistShown) {
    Texts texts = result.texts();
    List<String> lines = new ArrayList<>();
    lines.add(ReportFormat.headline(result));
    if (result.status() != SubmissionResult.Status.COMPLETE) {
      lines.add(ReportFormat.firstLine(ReportFormat.error(result)));
    }
    if (mnistShown) {
      ReportFormat.mnistAccuracy(result).ifPresent(a -> lines.add(texts.text("report.mnist", "accuracy",
          ReportFormat.percent(a))));
    }
    lines.add(ReportFormat.seed(result) + ".");
    for (String warning : result.warnings()) {
      lines.add(texts.text("report.warning", "warning", warning));
    }
    return String.join("\n", lines);
  }

  /**
   * The exercise's tests, numbered from N.1, and an entry N.0 when it did not run to the end (or its
   * tests do not hold all its points), carrying the reason and the points its tests do not hold.
   */
  private static void addExercise(Texts texts, JsonArray tests, ExerciseResult exercise,
      GradingConfig.Gradescope shown) {
    int n = exercise.exercise().number();
    double restScore = exercise.score();
    double restMax = exercise.maxScore();
    for (int i = 0; i < exercise.tests().size(); i++) {
      TestOutcome test = exercise.tests().get(i);
      tests.add(testEntry(texts, exercise, test, n + "." + (i + 1), shown.of(exercise.exercise(), check(test))));
      restScore -= test.score();
      restMax -= test.maxScore();
    }
    boolean graded = exercise.status() == ExerciseResult.Status.GRADED;
    if (!graded || !isZero(restScore) || !isZero(restMax)) {
      String name = texts.exercise(exercise.exercise()) + ": "
          + (graded ? texts.text("gradescope.outsideTests") : ReportFormat.status(texts, exercise));
      tests.add(entry(name, n + ".0", restScore, restMax, graded && isZero(restMax - restScore),
          exerciseOutput(texts, exercise), shown.of(exercise.exercise(), "")));
    }
  }

  /**
   * The check's name in {@code grading.json}: {@value #MNIST_CHECK} for the MNIST check, else its test
   * method's name, read from the JUnit unique id ({@code ...[method:gradientIsExact()]}).
   */
  static String check(TestOutcome test) {
    if (test.mnist()) {
      return MNIST_CHECK;
    }
    Matcher method = METHOD.matcher(test.id());
    String name = test.id();
    while (method.find()) {
      name = method.group(1);
    }
    return name;
  }

  private static final Pattern METHOD = Pattern.compile("\\[(?:method|test-template):([^(\\]]+)");

  private static boolean isZero(double points) {
    return Math.abs(points) <= ReportFormat.EPSILON;
  }

  private static JsonObject testEntry(Texts texts, ExerciseResult exercise, TestOutcome test, String number,
      Optional<String> visibility) {
    String name = texts.exercise(exercise.exercise()) + ": " + test.name();
    if (test.status() == TestOutcome.Status.SKIPPED) {
      // Neither passed nor failed: no status, so Gradescope shows it by its 0 / 0 points.
      JsonObject entry = entry(texts.text("gradescope.skipped", "test", name), number, test.score(), test.maxScore(),
          true, ReportFormat.feedback(texts, test), visibility);
      entry.remove("status");
      return entry;
    }
    return entry(name, number, test.score(), test.maxScore(), test.status() == TestOutcome.Status.PASSED,
        ReportFormat.feedback(texts, test), visibility);
  }

  /** A test entry; without a visibility of its own it takes the top-level one. */
  private static JsonObject entry(String name, String number, double score, double maxScore, boolean passed,
      String output, Optional<String> visibility) {
    JsonObject entry = new JsonObject();
    entry.addProperty("score", ReportFormat.round4(score));
    entry.addProperty("max_score", ReportFormat.round4(maxScore));
    entry.addProperty("status", passed ? "passed" : "failed");
    entry.addProperty("name", ReportFormat.printable(name));
    entry.addProperty("number", number);
    if (!output.isEmpty()) {
      entry.addProperty("output", ReportFormat.printable(output));
    }
    visibility.ifPresent(v -> entry.addProperty("visibility", v));
    return entry;
  }

  /** The reason an exercise did not run to the end, its compiler errors, and where to read. */
  private static String exerciseOutput(Texts texts, ExerciseResult exercise) {
    StringBuilder out = new StringBuilder(ReportFormat.problem(texts, exercise));
    if (!exercise.details().isEmpty()) {
      out.append("\n\n").append(ReportFormat.detailsHeading(texts, exercise)).append(":\n")
          .append(String.join("\n", exercise.details()));
    }
    out.append("\n\n").append(ReportFormat.read(texts, exercise));
    return out.toString().strip();
  }
}
