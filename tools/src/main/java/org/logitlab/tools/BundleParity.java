package org.logitlab.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.logitlab.exercise.Language;
import org.logitlab.exercise.Messages;

/**
 * Checks that a resource bundle says everything in every {@link Language}: the same keys in the
 * English base file and in each translation, each message with the same placeholders, none empty.
 */
public final class BundleParity {

  private BundleParity() {}

  /**
   * What is wrong with the bundle {@code baseName} on {@code loader}'s class path, one line per
   * problem; empty when the languages agree.
   *
   * @throws IOException if a file of the bundle is missing or cannot be read
   */
  public static List<String> problems(String baseName, ClassLoader loader) throws IOException {
    Properties english = load(baseName, "", loader);
    List<String> problems = new ArrayList<>();
    for (Language language : Language.values()) {
      if (language == Language.ENGLISH) {
        continue;
      }
      Properties translated = load(baseName, "_" + language.tag(), loader);
      TreeSet<String> keys = new TreeSet<>(english.stringPropertyNames());
      keys.addAll(translated.stringPropertyNames());
      for (String key : keys) {
        String en = english.getProperty(key);
        String other = translated.getProperty(key);
        if (en == null || other == null) {
          problems.add(key + ": only in " + (en == null ? language : Language.ENGLISH) + " (" + baseName + ")");
        } else if (en.isBlank() || other.isBlank()) {
          problems.add(key + ": empty in " + (en.isBlank() ? Language.ENGLISH : language));
        } else if (!Messages.placeholders(en).equals(Messages.placeholders(other))) {
          problems.add(key + ": placeholders " + Messages.placeholders(en) + " in English but "
              + Messages.placeholders(other) + " in " + language);
        }
      }
    }
    return problems;
  }

  /**
   * What is wrong with the bundles in the resource folder {@code resources}: every bundle there, found
   * by its files ({@code x.properties}, {@code x_ko.properties}), so that a new bundle cannot escape
   * the check; a bundle missing a language's file is named too. Empty when every bundle agrees.
   *
   * @throws IOException if the folder cannot be read
   */
  public static List<String> problemsIn(Path resources) throws IOException {
    Set<String> bundles = new TreeSet<>();
    try (Stream<Path> files = Files.walk(resources)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".properties")).toList()) {
        String path = resources.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        bundles.add(path.replaceFirst("(_[a-z]{2})?\\.properties$", "").replace('/', '.'));
      }
    }
    List<String> problems = new ArrayList<>();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {resources.toUri().toURL()}, null)) {
      for (String bundle : bundles) {
        try {
          problems.addAll(problems(bundle, loader));
        } catch (IOException e) {
          problems.add(bundle + ": " + e.getMessage());
        }
      }
    }
    return problems;
  }

  private static Properties load(String baseName, String suffix, ClassLoader loader) throws IOException {
    String file = baseName.replace('.', '/') + suffix + ".properties";
    try (InputStream in = loader.getResourceAsStream(file)) {
      if (in == null) {
        throw new IOException("no " + file + " on the class path");
      }
      Properties properties = new Properties();
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      return properties;
    }
  }
}
