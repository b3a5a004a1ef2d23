package org.logitlab.grader.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Turns a failed test's exception into feedback for the student: the assertion's message (which
 * names the exercise, the input, the expected and actual values and the lesson section), or what
 * the student's code threw and where in the student's code, never a frame of the hidden suites.
 */
final class Feedback {

  /** Feedback longer than this is cut. */
  static final int MAX_LENGTH = 2000;
  private static final int STUDENT_FRAMES = 3;

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
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + " [...]";
  }

  /** Up to three frames of the student's own code, where the exception came from. */
  private static String studentFrames(Throwable failure) {
    List<String> frames = new ArrayList<>();
    for (StackTraceElement frame : failure.getStackTrace()) {
      String type = frame.getClassName();
      if (type.startsWith("org.logitlab.") && !type.startsWith("org.logitlab.grader.")
          && !type.startsWith("org.logitlab.reference.")) {
        frames.add("\n    at " + frame);
        if (frames.size() == STUDENT_FRAMES) {
          break;
        }
      }
    }
    return String.join("", frames);
  }
}
