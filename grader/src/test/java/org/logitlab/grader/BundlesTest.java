package org.logitlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.logitlab.grader.submission.BytecodeCheck;
import org.logitlab.tools.BundleParity;

/**
 * Every resource bundle of the grader says everything in English and Korean: {@link BundleParity}
 * finds each bundle under {@code grader/src/main/resources} by its files, so that a new bundle, or
 * one without its translation, cannot escape the check.
 */
class BundlesTest {

  private static final Path RESOURCES = Submissions.ROOT.resolve("grader/src/main/resources");

  @Test
  void everyBundleOfTheGraderSaysEverythingInEveryLanguage() throws IOException {
    try (Stream<Path> files = Files.walk(RESOURCES)) {
      assertThat(files.map(f -> RESOURCES.relativize(f).toString().replace('\\', '/')))
          .as("the grader's bundles, found where the check looks")
          .contains(Texts.MESSAGES.replace('.', '/') + "_ko.properties",
              BytecodeCheck.MESSAGES.replace('.', '/') + "_ko.properties",
              "org/logitlab/grader/hidden/checks_ko.properties");
    }
    assertThat(BundleParity.problemsIn(RESOURCES)).isEmpty();
  }
}
