package org.logitlab.exercise;

import java.util.Locale;

/**
 * The language of what students and instructors read: every message, the progress board and the
 * grader's feedback. Chosen by the system property {@value #PROPERTY}, else the environment variable
 * {@value #VARIABLE}, else the system locale (Korean for a Korean locale, English otherwise).
 */
public enum Language {
  /** English, the lessons in {@code lessons/}. */
  ENGLISH("en", "lessons/"),
  /** Korean, the lessons in {@code lessons/ko/}. */
  KOREAN("ko", "lessons/ko/");

  /** The system property that chooses the language ({@code en} or {@code ko}). */
  public static final String PROPERTY = "logitlab.lang";
  /** The environment variable that chooses the language when the property is not set. */
  public static final String VARIABLE = "LOGITLAB_LANG";

  private final String tag;
  private final String lessons;

  Language(String tag, String lessons) {
    this.tag = tag;
    this.lessons = lessons;
  }

  /**
   * The language this JVM speaks: the property, the variable, then the system locale.
   *
   * @return the language
   */
  public static Language current() {
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      return parse(property, "the system property " + PROPERTY);
    }
    String variable = System.getenv(VARIABLE);
    if (variable != null && !variable.isBlank()) {
      return parse(variable, "the environment variable " + VARIABLE);
    }
    return Locale.getDefault().getLanguage().equals(KOREAN.tag) ? KOREAN : ENGLISH;
  }

  /**
   * The language of a tag such as {@code ko}, {@code ko_KR}, {@code ko-KR} or {@code en}.
   *
   * @param where where the tag was set, for the error message
   * @param tag the tag, in any case
   * @throws IllegalArgumentException for any other language
   * @return the language
   */
  public static Language parse(String tag, String where) {
    String language = tag.strip().toLowerCase(Locale.ROOT).split("[_.-]", 2)[0];
    for (Language l : values()) {
      if (l.tag.equals(language)) {
        return l;
      }
    }
    throw new IllegalArgumentException(where + " is '" + tag + "': logit-lab speaks en (English) and ko (Korean)");
  }

  /**
   * The language's tag: {@code en} or {@code ko}.
   *
   * @return {@code en} or {@code ko}
   */
  public String tag() {
    return tag;
  }

  /**
   * The locale of the language's resource bundles.
   *
   * @return the locale of the tag, {@code en} or {@code ko}
   */
  public Locale locale() {
    return Locale.forLanguageTag(tag);
  }

  /**
   * The folder of this language's lessons in the repository and the kit, e.g. {@code lessons/ko/}.
   *
   * @return the folder, ending in {@code /}
   */
  public String lessons() {
    return lessons;
  }
}
