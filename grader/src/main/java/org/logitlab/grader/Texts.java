package org.logitlab.grader;

import java.util.EnumMap;
import java.util.Map;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.exercise.Messages;

/**
 * What the grader says, in one {@link Language}: the messages of its bundle ({@value #MESSAGES}:
 * {@code messages.properties} beside this class, Korean in {@code messages_ko.properties}) and the
 * exercises' names. The grader speaks the language of {@code grading.json}; a grading JVM speaks
 * {@link Language#current()}, which the grader sets to the same.
 */
public final class Texts {

  /** The resource bundle of the grader's messages. */
  public static final String MESSAGES = "org.logitlab.grader.messages";

  private static final Map<Language, Texts> ALL = new EnumMap<>(Language.class);

  static {
    for (Language language : Language.values()) {
      ALL.put(language, new Texts(language));
    }
  }

  private final Messages messages;

  private Texts(Language language) {
    this.messages = Messages.of(MESSAGES, language);
  }

  /** The grader's words in {@code language}. */
  public static Texts of(Language language) {
    return ALL.get(language);
  }

  /** The grader's words in the language this JVM speaks ({@link Language#current()}). */
  public static Texts current() {
    return of(Language.current());
  }

  /** The language of these words. */
  public Language language() {
    return messages.language();
  }

  /** The message {@code key} with its placeholders filled, as {@link Messages#text} does. */
  public String text(String key, Object... namesAndValues) {
    return messages.text(key, namesAndValues);
  }

  /** The exercise's name in this language, {@code "Exercise 1 (sigmoid)"} or {@code "연습 1 (시그모이드)"}. */
  public String exercise(Exercise exercise) {
    return exercise.label(language());
  }

  /** Where to read about the exercise, in this language's edition of its lesson. */
  public String reading(Exercise exercise) {
    return exercise.reading(language());
  }
}
