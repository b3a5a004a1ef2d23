package org.logitlab.exercise;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Messages from a resource bundle (UTF-8 {@code .properties}, English in the base file and Korean in
 * {@code _ko}) in one {@link Language}. A message names its placeholders, {@code {exercise}}, and
 * {@link #text} fills each from name-value pairs: no message is assembled from fragments in code,
 * and a translator sees what each value is.
 */
public final class Messages {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)\\}");
  /** The bundles loaded so far, by base name and language: a bundle is read once per JVM. */
  private static final ConcurrentMap<String, Messages> LOADED = new ConcurrentHashMap<>();

  private final String baseName;
  private final Language language;
  private final ResourceBundle bundle;

  private Messages(String baseName, Language language) {
    this.baseName = baseName;
    this.language = language;
    this.bundle = ResourceBundle.getBundle(baseName, language.locale(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /**
   * The bundle {@code baseName} (e.g. {@code org.logitlab.exercise.messages}) in {@code language}.
   *
   * @param baseName the bundle's base name
   * @param language the language of the messages
   * @return the bundle, loaded once per JVM
   */
  public static Messages of(String baseName, Language language) {
    return LOADED.computeIfAbsent(baseName + '@' + language.name(), key -> new Messages(baseName, language));
  }

  /**
   * The language of these messages.
   *
   * @return the language these messages were asked for
   */
  public Language language() {
    return language;
  }

  /**
   * The message {@code key} with its placeholders filled.
   *
   * @param namesAndValues placeholder names and their values, alternating
   * @param key the message's key in the bundle
   * @throws IllegalArgumentException when the key is missing, or the values do not fill exactly the
   *     message's placeholders
   * @return the message
   */
  public String text(String key, Object... namesAndValues) {
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalArgumentException(baseName + " has no message '" + key + "' in " + language, e);
    }
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(key + ": placeholder names and values must come in pairs");
    }
    Set<String> given = new LinkedHashSet<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      given.add(String.valueOf(namesAndValues[i]));
    }
    if (!given.equals(placeholders(pattern))) {
      throw new IllegalArgumentException(key + " takes " + placeholders(pattern) + ", given " + given);
    }
    Matcher m = PLACEHOLDER.matcher(pattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object value = null;
      for (int i = 0; i < namesAndValues.length; i += 2) {
        if (namesAndValues[i].equals(m.group(1))) {
          value = namesAndValues[i + 1];
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The names of a message's placeholders, in order of first use.
   *
   * @param pattern a message as the bundle holds it
   * @return the names between braces, e.g. {@code exercise} for {@code {exercise}}
   */
  public static Set<String> placeholders(String pattern) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(pattern);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * The keys of the bundle in this language, its own and its parent's.
   *
   * @return every key, in no particular order
   */
  public List<String> keys() {
    return new ArrayList<>(bundle.keySet());
  }

  /**
   * How many columns a terminal gives {@code text}, for aligning messages in a table: two for each
   * wide character (Hangul, CJK and fullwidth forms, as East Asian Width "W" and "F"), none for a
   * combining mark, one for the rest.
   *
   * @param text a line of text
   * @return the columns it takes on a terminal
   */
  public static int columns(String text) {
    return text.codePoints().map(c -> {
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
        return 0;
      }
      return isWide(c) ? 2 : 1;
    }).sum();
  }

  private static boolean isWide(int c) {
    return c >= 0x1100 && c <= 0x115F
        || c >= 0x2E80 && c <= 0xA4CF && c != 0x303F
        || c >= 0xAC00 && c <= 0xD7A3
        || c >= 0xF900 && c <= 0xFAFF
        || c >= 0xFE30 && c <= 0xFE4F
        || c >= 0xFF00 && c <= 0xFF60
        || c >= 0xFFE0 && c <= 0xFFE6
        || c >= 0x20000 && c <= 0x3FFFD;
  }
}
