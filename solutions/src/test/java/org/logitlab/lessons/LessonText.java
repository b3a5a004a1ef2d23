package org.logitlab.lessons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The text of a lesson, for tests that check the numbers a lesson states against the library that
 * computes them: a number in a lesson is a claim, and these tests keep it true.
 */
public final class LessonText {

  private LessonText() {}

  /** The Markdown of {@code lessons/<file>}. */
  public static String of(String file) {
    try {
      return Files.readString(root().resolve("lessons").resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code x} with {@code places} decimals, as the lessons print numbers ({@code 0.6590}, {@code −0.0880}). */
  public static String fixed(double x, int places) {
    String s = String.format(Locale.ROOT, "%." + places + "f", x);
    return s.startsWith("-") ? "−" + s.substring(1) : s;
  }

  /** The repository root: the nearest folder, from the working directory up, that holds {@code lessons/}. */
  public static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("lessons")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no lessons/ folder above " + Path.of("").toAbsolutePath());
  }
}
