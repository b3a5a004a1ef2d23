package org.logitlab.grader.runner;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The line protocol between a grading JVM and the grader: JSON objects, one per line, written and
 * flushed one at a time, so that a reader finds every complete line even after a kill.
 */
public final class ResultLog {

  /** A test the suites hold, announced before any runs. */
  public record PlannedTest(String id, String name, boolean mnist) {}

  /** A finished test. */
  public record FinishedTest(String id, String status, String feedback, long millis, Map<String, String> entries) {}

  /**
   * What a results file holds.
   *
   * @param started whether the grading JVM's handshake is there: written before any student class
   *     loads, so a JVM without it failed for a reason of the grader's (it did not start, could not
   *     write its results, the sandbox refused it)
   * @param graderError what the grading JVM reported as a fault of the grader's, or empty
   * @param plan the tests the suites hold (empty before discovery)
   * @param finished the tests that finished, by id
   */
  public record Contents(boolean started, String graderError, List<PlannedTest> plan,
      Map<String, FinishedTest> finished) {}

  private static final Gson GSON = new Gson();
  private final Writer out;
  private final String token;

  /**
   * @param token carried by every line: a reader accepts only lines with its token
   */
  ResultLog(Writer out, String token) {
    this.out = out;
    this.token = token;
  }

  synchronized void started() {
    JsonObject line = new JsonObject();
    line.addProperty("event", "started");
    write(line);
  }

  synchronized void graderError(String cause) {
    JsonObject line = new JsonObject();
    line.addProperty("event", "grader-error");
    line.addProperty("cause", cause);
    write(line);
  }

  synchronized void plan(List<PlannedTest> tests) {
    JsonObject line = new JsonObject();
    line.addProperty("event", "plan");
    line.add("tests", GSON.toJsonTree(tests));
    write(line);
  }

  synchronized void result(String id, String status, String feedback, long millis, Map<String, String> entries) {
    JsonObject line = GSON.toJsonTree(new FinishedTest(id, status, feedback, millis, entries)).getAsJsonObject();
    line.addProperty("event", "result");
    write(line);
  }

  private void write(JsonObject line) {
    line.addProperty("token", token);
    try {
      out.write(GSON.toJson(line));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a results file, keeping only the lines that carry {@code token}. A missing file, or a last
   * line cut short by a kill, is not an error: the contents are whatever was complete.
   */
  public static Contents read(Path file, String token) throws IOException {
    boolean started = false;
    String graderError = "";
    List<PlannedTest> plan = new ArrayList<>();
    Map<String, FinishedTest> finished = new LinkedHashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new Contents(false, graderError, plan, finished);
    }
    for (String text : lines) {
      JsonObject line;
      try {
        line = GSON.fromJson(text, JsonObject.class);
      } catch (JsonParseException e) {
        continue; // a line cut short by a kill
      }
      if (line == null || !line.has("event") || !line.has("token") || !token.equals(line.get("token").getAsString())) {
        continue;
      }
      switch (line.get("event").getAsString()) {
        case "started" -> started = true;
        case "grader-error" -> graderError = line.get("cause").getAsString();
        case "plan" -> plan.addAll(GSON.fromJson(line.get("tests"), new TypeToken<List<PlannedTest>>() {}.getType()));
        default -> {
          FinishedTest test = GSON.fromJson(line, FinishedTest.class);
          finished.put(test.id(), test);
        }
      }
    }
    return new Contents(started, graderError, plan, finished);
  }
}
