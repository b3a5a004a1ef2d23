package org.logitlab.grader.hidden;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.logitlab.exercise.Exercise;

/**
 * The check names of the hidden suites, in the student's language: a suite's name is the message
 * {@code <Suite>} of {@link Checks#BUNDLE} (its placeholder {@code {exercise}} the suite's exercise)
 * and a test's name the message {@code <Suite>.<method>}. Every report shows these names. A missing
 * message is an error, never a fallback to the method's name: a suite or test without its name in
 * some language fails to load, and the grader's tests check that none lacks one.
 */
public final class CheckNames implements DisplayNameGenerator {

  @Override
  public String generateDisplayNameForClass(Class<?> suite) {
    return Checks.text(suite.getSimpleName(), "exercise", exerciseOf(suite));
  }

  @Override
  public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> suite, Method test) {
    return Checks.text(suite.getSimpleName() + "." + test.getName());
  }

  /** The exercise whose hidden suites include {@code suite}. */
  static Exercise exerciseOf(Class<?> suite) {
    for (Exercise exercise : Exercise.values()) {
      if (HiddenSuites.of(exercise).contains(suite)) {
        return exercise;
      }
    }
    throw new IllegalArgumentException(suite.getName() + " is not a hidden suite of any exercise");
  }
}
