package org.logitlab.grader.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import org.logitlab.grader.AtomicFile;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.Texts;

/**
 * {@code classroom.json}: the result of one runner step as GitHub Classroom's autograding reporter
 * ({@code classroom-resources/autograding-grading-reporter@v1}) reads it, base64-encoded, from the
 * environment variable {@code <RUNNER>_RESULTS}: {@code version} 1, {@code status} ({@code pass},
 * {@code fail} or {@code error}), {@code max_score} and {@code tests}, each with {@code name},
 * {@code status}, {@code score} and {@code message}. The reporter writes
 * "Points (sum of the tests' scores)/(sum of the runners' max_score)" on the check run that Classroom
 * reads, skipping a runner whose {@code max_score} is 0, and fails the job when a runner's status is
 * {@code fail} or {@code error}.
 *
 * <p>One test per exercise, scored with the exercise's points, so the points add up to the
 * submission's score. Incomplete grading (a grader fault) has {@code max_score} 0 and status
 * {@code error}: the reporter then shows no points rather than a wrong grade.
 */
public final class ClassroomReport {

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private ClassroomReport() {}

  /** Writes the report to {@code file}, atomically. */
  public static void write(SubmissionResult result, Path file) throws IOException {
    AtomicFile.write(file, GSON.toJson(toJson(result)) + "\n");
  }

  /** The report as a JSON object. */
  public static JsonObject toJson(SubmissionResult result) {
    Texts texts = result.texts();
    boolean complete = result.status() != SubmissionResult.Status.INCOMPLETE;
    JsonObject json = new JsonObject();
    json.addProperty("version", 1);
    JsonArray tests = new JsonArray();
    if (!complete) {
      tests.add(test(texts.text("report.grading"), "error", 0.0, ReportFormat.headline(result)
          + (result.error().isBlank() ? "" : ": " + ReportFormat.firstLine(result.error()))));
    } else {
      for (ExerciseResult exercise : result.exercises()) {
        boolean full = exercise.maxScore() - exercise.score() <= ReportFormat.EPSILON;
        tests.add(test(texts.exercise(exercise.exercise()), full ? "pass" : "fail", exercise.score(),
            message(texts, exercise)));
      }
    }
    boolean passed = complete && result.maxScore() - result.score() <= ReportFormat.EPSILON;
    json.addProperty("status", !complete ? "error" : passed ? "pass" : "fail");
    json.addProperty("max_score", complete ? result.maxScore() : 0.0);
    json.add("tests", tests);
    return json;
  }

  private static JsonObject test(String name, String status, double score, String message) {
    JsonObject test = new JsonObject();
    test.addProperty("name", ReportFormat.printable(name));
    test.addProperty("status", status);
    test.addProperty("score", score);
    test.addProperty("message", ReportFormat.printable(message));
    test.addProperty("test_code", "");
    test.addProperty("filename", "");
    test.addProperty("line_no", 0);
    return test;
  }

  /** The exercise's points and, where it lost some, why and where to read. */
  private static String message(Texts texts, ExerciseResult exercise) {
    String points = texts.text("classroom.points", "score", ReportFormat.score(exercise.score(), exercise.maxScore()));
    if (!ReportFormat.needsExplaining(exercise)) {
      return points;
    }
    String why = ReportFormat.problem(texts, exercise);
    if (why.isEmpty()) {
      why = ReportFormat.failed(exercise).stream().findFirst().map(test -> ReportFormat.feedback(texts, test))
          .map(ReportFormat::firstLine).orElse("");
    }
    return (why.isEmpty() ? points : points + ": " + why) + ". " + ReportFormat.read(texts, exercise);
  }
}
