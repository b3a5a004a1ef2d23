package org.logitlab.exercise.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.logitlab.exercise.Language;
import org.logitlab.exercise.Messages;
import org.logitlab.exercise.TestMessages;
import org.logitlab.tools.BundleParity;

/**
 * The bundles shipped with the public tests say everything in every language, and say what each
 * public test checks: the progress board names a failing test by its entry
 * {@code check.<test class>.<test method>}.
 */
class TestBundlesTest {

  @Test
  void everyBundleOfThePublicTestsSaysEverythingInEveryLanguage() throws IOException {
    assertThat(Bundles.TEST_RESOURCES.resolve(TestMessages.BUNDLE.replace('.', '/') + "_ko.properties")).exists();
    assertThat(BundleParity.problemsIn(Bundles.TEST_RESOURCES)).isEmpty();
  }

  @Test
  void everyPublicTestHasAnEntrySayingWhatItChecksAndNoEntryIsLeftOver() throws IOException, ClassNotFoundException {
    Set<String> expected = new TreeSet<>();
    for (Class<?> testClass : publicTestClasses()) {
      expected.addAll(checkKeys(testClass));
    }
    // The Korean entries are the English ones: BundleParity checks that.
    List<String> entries = Messages.of(TestMessages.BUNDLE, Language.ENGLISH).keys().stream()
        .filter(key -> key.startsWith("check.")).toList();
    assertThat(entries).as("the check.* entries of %s", TestMessages.BUNDLE)
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theEntriesExpectedAreThoseOfEveryKindOfTestMethod() {
    assertThat(checkKeys(Specimen.class))
        .containsExactlyInAnyOrder("check.Specimen.plain", "check.Specimen.parameterized");
  }

  /** Test methods of two kinds, and a helper that is not a test. */
  static class Specimen {
    @Test
    void plain() {}

    @ParameterizedTest
    @ValueSource(ints = 1)
    void parameterized(int value) {}

    void helper() {}
  }

  /** The entry each test method of {@code testClass} needs: {@code check.<class>.<method>}. */
  private static Set<String> checkKeys(Class<?> testClass) {
    Set<String> keys = new TreeSet<>();
    for (Method method : testClass.getDeclaredMethods()) {
      if (AnnotationSupport.isAnnotated(method, Testable.class)) {
        keys.add("check." + testClass.getSimpleName() + "." + method.getName());
      }
    }
    return keys;
  }

  /** Every class of the public tests' folder whose name ends in {@code Test}. */
  private static List<Class<?>> publicTestClasses() throws IOException, ClassNotFoundException {
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(PublicTestRun.PUBLIC_TESTS)) {
      for (Path file : files.filter(p -> p.getFileName().toString().endsWith("Test.java")).sorted().toList()) {
        String name = PublicTestRun.PUBLIC_TESTS.relativize(file).toString().replace('\\', '/')
            .replaceFirst("\\.java$", "").replace('/', '.');
        classes.add(Class.forName(name));
      }
    }
    assertThat(classes).as("public test classes in %s", PublicTestRun.PUBLIC_TESTS).hasSizeGreaterThanOrEqualTo(7);
    return classes;
  }
}
