package org.logitlab.exercise;

/**
 * What the public tests, their hints and the progress board say, from the bundle {@value #BUNDLE}
 * ({@code tests.properties}, Korean in {@code tests_ko.properties}) in the current {@link Language}.
 */
public final class TestMessages {

  /** The resource bundle of the public tests and the progress board. */
  public static final String BUNDLE = "org.logitlab.exercise.tests";

  private TestMessages() {}

  /** The message {@code key} in the current language, its placeholders filled from name-value pairs. */
  static String text(String key, Object... namesAndValues) {
    return messages().text(key, namesAndValues);
  }

  /** The bundle in the current language. */
  static Messages messages() {
    return Messages.of(BUNDLE, Language.current());
  }
}
