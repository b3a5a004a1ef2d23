package org.logitlab.grader.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What GitHub Classroom's autograding reporter does with the runners' results, reproduced from its
 * source ({@code classroom-resources/autograding-grading-reporter@v1}, mirrored as
 * {@code github-education-resources/autograding-grading-reporter}): {@code src/main.js} at
 * 2282b4a4c4b094c5e0a6221ba80956c92eb88374 and {@code src/notify-classroom.js} at
 * 09c6d0859e327c028a6bf95f6d417a6098da6c51.
 *
 * <ul>
 *   <li>{@code parseRunnerResults}: the {@code runners} input is split on commas; each trimmed id,
 *       upper-cased, names the environment variable {@code <ID>_RESULTS}, whose value is base64 of the
 *       runner's JSON; any failure there is "The runners input must be a comma-separated list of
 *       strings." and fails the job;
 *   <li>{@code NotifyClassroom}: over the runners whose {@code max_score} is truthy, adds the
 *       {@code score} of every test and the {@code max_score}; if the maximum is 0 it writes nothing,
 *       else the check run's text {@code Points <total>/<max>} (JavaScript's number formatting), which
 *       is what Classroom shows;
 *   <li>{@code main}: the job fails ("Some tests failed." / "Some tests errored.") when a runner's
 *       {@code status} is {@code fail} / {@code error}.
 * </ul>
 */
final class ClassroomReporterV1 {

  /** What the reporter leaves behind: the check run's text (null if none) and the job's failure (null if none). */
  record Outcome(String points, String failure) {}

  private ClassroomReporterV1() {}

  static Outcome run(String runnersInput, Map<String, String> environment) {
    List<JsonObject> results = new ArrayList<>();
    try {
      for (String runner : runnersInput.split(",", -1)) {
        String encoded = environment.get(runner.trim().toUpperCase(Locale.ROOT) + "_RESULTS");
        String json = new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8);
        results.add(JsonParser.parseString(json).getAsJsonObject());
      }
    } catch (RuntimeException e) { // Buffer.from(undefined) throws; so does JSON.parse of a bad text
      return new Outcome(null, "The runners input must be a comma-separated list of strings.");
    }
    double total = 0;
    double max = 0;
    for (JsonObject result : results) {
      double maxScore = number(result.get("max_score"));
      if (maxScore == 0 || Double.isNaN(maxScore)) { // if (!results.max_score) return acc
        continue;
      }
      max += maxScore;
      for (JsonElement test : result.getAsJsonArray("tests")) {
        total += number(test.getAsJsonObject().get("score"));
      }
    }
    String points = max == 0 ? null : "Points " + javaScript(total) + "/" + javaScript(max);
    String failure = null;
    if (results.stream().anyMatch(r -> "fail".equals(string(r.get("status"))))) {
      failure = "Some tests failed.";
    } else if (results.stream().anyMatch(r -> "error".equals(string(r.get("status"))))) {
      failure = "Some tests errored.";
    }
    return new Outcome(points, failure);
  }

  /** A JSON value as JavaScript's {@code +=} sees it: undefined or null become NaN or 0. */
  private static double number(JsonElement value) {
    if (value == null) {
      return Double.NaN;
    }
    return value.isJsonNull() ? 0 : value.getAsDouble();
  }

  private static String string(JsonElement value) {
    return value == null || value.isJsonNull() ? null : value.getAsString();
  }

  /** A double as JavaScript's template literal prints it (integers without ".0"). */
  static String javaScript(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e21) {
      return Long.toString((long) value);
    }
    return Double.toString(value); // the shortest round-trip form, as JavaScript's for these magnitudes
  }
}
