package org.logitlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.logitlab.exercise.Language;
import org.logitlab.tools.BundleParity;

/**
 * Every resource bundle of the grader says everything in every language: each {@code .properties}
 * file under {@code grader/src/main/resources} is a bundle (its base name without a language suffix),
 * and {@link BundleParity} finds no key in one language only, no empty message and no placeholder
 * that differs. A new bundle, or one without its translation, cannot escape the check.
 */
class BundlesTest {

  /** The grader's resources, in the source tree (the build passes the repository root). */
  private static final Path RESOURCES = Path.of(System.getProperty("logitlab.root", ".."))
      .resolve("grader/src/main/resources").toAbsolutePath().normalize();

  /** The base names of the bundles under {@link #RESOURCES}, e.g. {@code org.logitlab.grader.hidden.checks}. */
  static List<String> bundles() throws IOException {
    try (Stream<Path> files = Files.walk(RESOURCES)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".properties"))
          .map(f -> RESOURCES.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".")
              .replaceFirst("\\.properties$", ""))
          .map(BundlesTest::baseName).distinct().sorted().toList();
    }
  }

  private static String baseName(String name) {
    for (Language language : Language.values()) {
      if (name.endsWith("_" + language.tag())) {
        return name.substring(0, name.length() - language.tag().length() - 1);
      }
    }
    return name;
  }

  @Test
  void everyBundleOfTheGraderSaysEverythingInEveryLanguage() throws IOException {
    List<String> bundles = bundles();
    assertThat(bundles).as("the grader's bundles under %s", RESOURCES).contains("org.logitlab.grader.hidden.checks");
    for (String bundle : bundles) {
      assertThat(BundleParity.problems(bundle, getClass().getClassLoader())).as(bundle).isEmpty();
    }
  }
}
