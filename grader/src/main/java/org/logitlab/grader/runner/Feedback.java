package org.logitlab.grader.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.logitlab.exercise.Exercise;
import org.logitlab.grader.Texts;

/**
 * Turns a failed test's exception into feedback for the student: the assertion's message (which
 * names the exercise, the input, the expected and actual values and the lesson section), or what
 * the student's code threw and where in the student's code, never a frame of the hidden suites. It
 * runs in the grading JVM and speaks its language ({@link Texts#current()}), which the grader sets.
 */
final class Feedback {

  /** Feedback longer than this is cut. */
  static final int MAX_LENGTH = 2000;
  private static final int STUDENT_FRAMES = 3;
  /** A stack frame as Java prints it: {@code at pkg.Type.method(File.java:12)}, the type in group 1. */
  private static final Pattern FRAME = Pattern.compile("\\s*at\\s+(?:[\\w.$/@-]+/)?([\\w$.]+)\\.[\\w$<>]+\\(.*\\)\\s*");
  private static final Pattern OMITTED = Pattern.compile(
      "\\s*\\.\\.\\.(?: \\d+ (?:more|common frames omitted)|\\(\\d+ remaining lines not displayed.*)\\s*");

  private Feedback() {}

  /**
   * A failure put into words, and what describing it showed.
   *
   * @param text the feedback
   * @param timeout whether the failure was a time limit
   * @param overran whether describing it ran the student's code past the limit (an overridden
   *     {@code getMessage}, {@code toString} or {@code getStackTrace} that does not return)
   */
  record Described(String text, boolean timeout, boolean overran) {}

  /**
   * {@link #of} within {@code seconds}: a student's exception is the student's code (its message,
   * text and stack trace may be overridden), so it is described on a thread of its own, and only its
   * class name is used when that does not finish in time or throws.
   */
  static Described within(Throwable failure, int seconds) {
    FutureTask<Described> task = new FutureTask<>(() -> new Described(of(failure), isTimeout(failure), false));
    Thread thread = new Thread(task, "describe-failure");
    thread.setDaemon(true);
    thread.start();
    String type = failure == null ? "" : failure.getClass().getName();
    Texts texts = Texts.current();
    try {
      return task.get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      return new Described(texts.text("feedback.describeOverran", "type", type, "seconds", seconds), false, true);
    } catch (ExecutionException e) {
      return new Described(texts.text("feedback.describeThrew", "type", type, "thrown",
          e.getCause().getClass().getName()), false, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Described(texts.text("feedback.threw", "exception", type, "frames", ""), false, false);
    }
  }

  /**
   * Whether a test failed by running out of time: JUnit's own timeout, or a suite's
   * {@code assertTimeoutPreemptively} ("execution timed out after ...").
   */
  static boolean isTimeout(Throwable failure) {
    return failure instanceof TimeoutException
        || failure instanceof AssertionError && String.valueOf(failure.getMessage()).contains("timed out after");
  }

  /**
   * The last line a grading JVM printed that may be shown to the student, for a JVM that stopped
   * early; empty when there is none. Frames of the grader and the hidden suites are never chosen.
   */
  static String lastWords(Path log) {
    try {
      List<String> lines = List.of(withoutForeignFrames(Files.readString(log)).split("\n"));
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          String line = lines.get(i).strip();
          return line.length() > 300 ? line.substring(0, 300) + " [...]" : line;
        }
      }
    } catch (IOException | RuntimeException e) {
      // no log, or not text: nothing to add
    }
    return "";
  }

  static String of(Throwable failure) {
    Texts texts = Texts.current();
    if (failure == null) {
      return texts.text("feedback.noReason");
    }
    String text;
    if (failure instanceof AssertionError) {
      text = String.valueOf(failure.getMessage()).strip();
    } else if (failure instanceof TimeoutException) {
      text = texts.text("feedback.timeout", "message", failure.getMessage());
    } else if (isUnfinished(failure)) {
      text = failure.getMessage();
    } else {
      text = texts.text("feedback.threw", "exception", failure, "frames", studentFrames(failure));
    }
    text = withoutForeignFrames(text);
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + " [...]";
  }

  /** Whether the failure is an exercise's {@link Exercise#unfinished()}, in any language: it says all there is to say. */
  private static boolean isUnfinished(Throwable failure) {
    return failure instanceof UnsupportedOperationException && Stream.of(Exercise.values())
        .anyMatch(e -> e.unfinished().getMessage().equals(failure.getMessage()));
  }

  /**
   * The text without the stack frames of anything but the student's code: an assertion's message can
   * quote a whole stack trace (AssertJ does, for an exception of the wrong type), whose frames would
   * name the hidden suites, their lines and JUnit's internals.
   */
  static String withoutForeignFrames(String text) {
    StringBuilder kept = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      Matcher frame = FRAME.matcher(line);
      if (frame.matches() && !isStudents(frame.group(1)) || OMITTED.matcher(line).matches()) {
        continue;
      }
      kept.append(kept.length() == 0 ? "" : "\n").append(line);
    }
    return kept.toString();
  }

  private static boolean isStudents(String type) {
    return type.startsWith("org.logitlab.") && !type.startsWith("org.logitlab.grader.")
        && !type.startsWith("org.logitlab.reference.");
  }

  /** Up to three frames of the student's own code, where the exception came from. */
  private static String studentFrames(Throwable failure) {
    List<String> frames = new ArrayList<>();
    for (StackTraceElement frame : failure.getStackTrace()) {
      if (isStudents(frame.getClassName())) {
        frames.add("\n    at " + frame);
        if (frames.size() == STUDENT_FRAMES) {
          break;
        }
      }
    }
    return String.join("", frames);
  }
}
