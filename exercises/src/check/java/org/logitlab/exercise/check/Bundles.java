package org.logitlab.exercise.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.exercise.Messages;
import org.logitlab.exercise.TestMessages;

/** The message bundles the kit's tests speak from, as the checks read them. */
final class Bundles {

  /** The resources shipped with the public tests. */
  static final Path TEST_RESOURCES = PublicTestRun.ROOT.resolve("exercises/src/test/resources");

  /** A value {@link #shape} matches to any number. */
  static final String NUMBER = "\u0001";
  /** A value {@link #shape} matches to any text, as a group. */
  static final String CAPTURED = "\u0002";

  /** A run of three or more English words, the first maybe capitalised. */
  private static final Pattern PHRASE = Pattern.compile("\\b[A-Za-z][a-z']*(?: [a-z][a-z']*){2,}\\b");

  private Bundles() {}

  /** A message of the public tests' bundle in {@code language}. */
  static String text(Language language, String key, Object... namesAndValues) {
    return Messages.of(TestMessages.BUNDLE, language).text(key, namesAndValues);
  }

  /** What {@code what} gives while the system property {@value Language#PROPERTY} says {@code language}. */
  static <T> T in(Language language, Supplier<T> what) {
    String previous = System.setProperty(Language.PROPERTY, language.tag());
    try {
      return what.get();
    } finally {
      if (previous == null) {
        System.clearProperty(Language.PROPERTY);
      } else {
        System.setProperty(Language.PROPERTY, previous);
      }
    }
  }

  /**
   * Every run of three or more English words in the English messages of the public tests and of the
   * exercises: none may show in what a Korean student reads.
   */
  static Set<String> englishPhrases() {
    Set<String> phrases = new TreeSet<>();
    for (String bundle : List.of(TestMessages.BUNDLE, Exercise.MESSAGES)) {
      for (String message : english(bundle)) {
        for (String part : message.split("\\{[a-zA-Z][a-zA-Z0-9]*\\}")) {
          Matcher m = PHRASE.matcher(part);
          while (m.find()) {
            phrases.add(m.group());
          }
        }
      }
    }
    return phrases;
  }

  private static List<String> english(String bundle) {
    String file = bundle.replace('.', '/') + ".properties";
    try (InputStream in = Bundles.class.getClassLoader().getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("no " + file + " on the class path");
      }
      Properties messages = new Properties();
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        messages.load(reader);
      }
      return messages.stringPropertyNames().stream().map(messages::getProperty).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A pattern for {@code text}, a message filled with {@link #NUMBER} and {@link #CAPTURED} where its
   * values are unknown: those match any number and (as group 1, 2, …) any text.
   */
  static Pattern shape(String text) {
    StringBuilder regex = new StringBuilder();
    Matcher m = Pattern.compile(NUMBER + "|" + CAPTURED).matcher(text);
    int end = 0;
    while (m.find()) {
      regex.append(Pattern.quote(text.substring(end, m.start()))).append(m.group().equals(NUMBER) ? "\\d+" : "(.+)");
      end = m.end();
    }
    return Pattern.compile(regex.append(Pattern.quote(text.substring(end))).toString());
  }
}
