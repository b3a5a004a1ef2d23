package org.logitlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.logitlab.grader.submission.BytecodeCheck;
import org.logitlab.tools.BundleParity;

/**
 * Every bundle of the grader says everything in English and Korean: each {@code *_ko.properties}
 * under {@code grader/src/main/resources} is found, so that a new bundle cannot escape the check, and
 * checked against its English base file by {@link BundleParity}.
 */
class GraderBundlesTest {

  private static final Path RESOURCES = Submissions.ROOT.resolve("grader/src/main/resources");

  /** The base names of the grader's bundles: {@code org.logitlab.grader.messages} for its {@code messages_ko.properties}. */
  private static List<String> bundles() throws IOException {
    try (Stream<Path> files = Files.walk(RESOURCES)) {
      return files.map(f -> RESOURCES.relativize(f).toString().replace('\\', '/'))
          .filter(f -> f.endsWith("_ko.properties")).sorted()
          .map(f -> f.substring(0, f.length() - "_ko.properties".length()).replace('/', '.')).toList();
    }
  }

  @Test
  void everyBundleSaysEverythingInEnglishAndKorean() throws IOException {
    List<String> bundles = bundles();
    assertThat(bundles).as("the bundles found under %s", RESOURCES).contains(Texts.MESSAGES, BytecodeCheck.MESSAGES);
    List<String> problems = new ArrayList<>();
    for (String bundle : bundles) {
      problems.addAll(BundleParity.problems(bundle, getClass().getClassLoader()));
    }
    assertThat(problems).isEmpty();
  }
}
