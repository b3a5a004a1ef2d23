package org.logitlab.grader.hidden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.exercise.Messages;

/**
 * The check names of the hidden suites come from {@link Checks#BUNDLE} in every language: each suite
 * and each of its tests has its name there, no name is left over from a test that is gone, a missing
 * name is an error, and JUnit shows the names of the current language.
 */
class CheckNamesTest {

  /** {@code "SigmoidSuite.isSymmetric"} for each test method of each hidden suite, and each suite's simple name. */
  private static List<String> checks() {
    List<String> keys = new ArrayList<>();
    for (Exercise exercise : Exercise.values()) {
      for (Class<?> suite : HiddenSuites.of(exercise)) {
        keys.add(suite.getSimpleName());
        Arrays.stream(suite.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Test.class))
            .forEach(m -> keys.add(suite.getSimpleName() + "." + m.getName()));
      }
    }
    return keys;
  }

  /**
   * The messages of {@code language}'s own file of the bundle: a bundle in Korean also answers with the
   * English file's messages for keys the Korean file lacks, so the files are read one by one.
   */
  private static Properties file(Language language) throws IOException {
    String name = Checks.BUNDLE.replace('.', '/') + (language == Language.ENGLISH ? "" : "_" + language.tag())
        + ".properties";
    Properties messages = new Properties();
    try (InputStream in = CheckNamesTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return messages;
  }

  @Test
  void everySuiteAndEveryTestHasItsNameInEveryLanguageAndNoNameIsLeftOver() throws IOException {
    List<String> checks = checks();
    for (Language language : Language.values()) {
      List<String> names = file(language).stringPropertyNames().stream()
          .filter(key -> key.matches("[A-Z]\\w*Suite(\\.\\w+)?")).toList();
      assertThat(names).as("the check names in %s", language).containsExactlyInAnyOrderElementsOf(checks);
      // A suite's name takes the exercise's name, its only placeholder; a test's name takes none.
      Messages messages = Messages.of(Checks.BUNDLE, language);
      for (Exercise exercise : Exercise.values()) {
        for (Class<?> suite : HiddenSuites.of(exercise)) {
          assertThat(messages.text(suite.getSimpleName(), "exercise", exercise.name())).as("%s in %s", suite, language)
              .contains(exercise.name());
        }
      }
      for (String check : checks.stream().filter(c -> c.contains(".")).toList()) {
        assertThat(messages.text(check)).as("%s in %s", check, language).isNotBlank();
      }
    }
  }

  /** A class that is no hidden suite, with a method that has no name in the bundle. */
  static class NotASuite {
    void unnamed() {}
  }

  @Test
  void aSuiteOrTestWithoutItsNameIsAnErrorNotAFallback() throws NoSuchMethodException {
    CheckNames names = new CheckNames();
    Method unnamed = NotASuite.class.getDeclaredMethod("unnamed");
    assertThatThrownBy(() -> names.generateDisplayNameForMethod(List.of(), NotASuite.class, unnamed))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NotASuite.unnamed");
    assertThatThrownBy(() -> names.generateDisplayNameForClass(NotASuite.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a hidden suite");
  }

  @Test
  void junitShowsTheNamesOfTheCurrentLanguage() {
    Messages korean = Messages.of(Checks.BUNDLE, Language.KOREAN);
    Messages english = Messages.of(Checks.BUNDLE, Language.ENGLISH);
    List<SuiteRuns.Outcome> outcomes = SuiteRuns.reference(Exercise.ONE_HOT,
        Map.of(Language.PROPERTY, "ko", GradingParameters.RANDOM_CASES, "2"));
    assertThat(outcomes).isNotEmpty().allSatisfy(o -> {
      assertThat(o.status()).as("%s", o).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
      assertThat(o.displayName()).isEqualTo(korean.text("OneHotSuite." + o.method()))
          .isNotEqualTo(english.text("OneHotSuite." + o.method()));
    });
  }
}
