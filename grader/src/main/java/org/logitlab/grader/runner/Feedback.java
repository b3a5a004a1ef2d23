package org.logitlab.grader.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed test's exception into feedback for the student: the assertion's message (which
 * names the exercise, the input, the expected and actual values and the lesson section), or what
 * the student's code threw and where in the student's code, never a frame of the hidden suites.
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

  static String of(Throwable failure) {
    if (failure == null) {
      return "failed without a reason";
    }
    String text;
    if (failure instanceof AssertionError) {
      text = String.valueOf(failure.getMessage()).strip();
    } else if (failure instanceof TimeoutException) {
      text = "did not finish in time: " + failure.getMessage() + " (an endless loop?)";
    } else if (failure instanceof UnsupportedOperationException && String.valueOf(failure.getMessage())
        .contains("is not done yet")) {
      text = failure.getMessage();
    } else {
      text = "your code threw " + failure + studentFrames(failure);
    }
    text = withoutForeignFrames(text);
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + " [...]";
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
