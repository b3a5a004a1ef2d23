package org.logitlab.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.exercise.Exercise;

class BundleParityTest {

  @Test
  void theExerciseMessagesSayEverythingInEnglishAndKorean() throws IOException {
    assertThat(BundleParity.problems(Exercise.MESSAGES, getClass().getClassLoader())).isEmpty();
  }

  @Test
  void aKeyInOneLanguageOnlyDifferentPlaceholdersAndEmptyMessagesAreNamed(@TempDir Path dir) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("demo"));
    Files.writeString(folder.resolve("messages.properties"), """
        same=Exercise {number}: {title}
        placeholders=read {reading}
        english.only=only here
        empty=
        """, StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("messages_ko.properties"), """
        same=연습 {number}: {title}
        placeholders={lesson}을 읽으세요
        korean.only=여기에만
        empty=비어 있지 않음
        """, StandardCharsets.UTF_8);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assertThat(BundleParity.problems("demo.messages", loader)).containsExactly(
          "empty: empty in ENGLISH",
          "english.only: only in ENGLISH (demo.messages)",
          "korean.only: only in KOREAN (demo.messages)",
          "placeholders: placeholders [reading] in English but [lesson] in KOREAN");
      assertThatThrownBy(() -> BundleParity.problems("demo.missing", loader)).hasMessage(
          "no demo/missing.properties on the class path");
    }
  }

  @Test
  void everyBundleOfAResourceFolderIsCheckedAndOneWithoutItsTranslationIsNamed(@TempDir Path dir) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("a/b"));
    Files.writeString(folder.resolve("good.properties"), "k=v {x}\n", StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("good_ko.properties"), "k=값 {x}\n", StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("lonely.properties"), "k=v\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("odd_ko.properties"), "only=한국어\n", StandardCharsets.UTF_8);
    assertThat(BundleParity.problemsIn(dir)).containsExactly(
        "a.b.lonely: no a/b/lonely_ko.properties on the class path",
        "odd: no odd.properties on the class path");
  }
}
