package org.logitlab.grader.hidden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.logitlab.data.MnistLocator;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;

/**
 * The hidden suites against the reference (every test passes, whatever the seed and the language), against the
 * untouched skeleton (every test fails, saying the exercise is not done yet), and their shape: 5 to
 * 10 tests per exercise, each with a student-facing name, under a timeout. Which mistake each test
 * catches is {@link HiddenSuitesMutantTest}.
 */
class HiddenSuitesTest {

  /** The MNIST folder of this machine ({@code MNIST_DIR} or the cache), if any. */
  static Optional<Path> mnist() throws IOException {
    Optional<Path> dir = MnistLocator.fromEnvironment().findOffline().map(f -> f.trainImages().getParent());
    if (dir.isEmpty() && "true".equals(System.getenv("LOGITLAB_REQUIRE_MNIST"))) {
      throw new IllegalStateException("MNIST_DIR is required in CI (LOGITLAB_REQUIRE_MNIST=true)");
    }
    return dir;
  }

  @Test
  void everyExerciseHasFiveToTwelveNamedTestsAndFitHasTheMnistSuite() {
    for (Exercise exercise : Exercise.values()) {
      List<Class<?>> suites = HiddenSuites.of(exercise);
      assertThat(suites).as("%s has suites", exercise).isNotEmpty();
      int tests = 0;
      for (Class<?> suite : suites) {
        // Named in the student's language by CheckNames (CheckNamesTest): a @DisplayName would override it.
        assertThat(suite.getAnnotation(DisplayNameGeneration.class)).as("%s is named by CheckNames", suite)
            .isNotNull().extracting(DisplayNameGeneration::value).isEqualTo(CheckNames.class);
        assertThat(suite.getAnnotation(DisplayName.class)).as("%s has no fixed display name", suite).isNull();
        List<Method> methods = Arrays.stream(suite.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Test.class))
            .toList();
        for (Method m : methods) {
          assertThat(m.getAnnotation(DisplayName.class)).as("%s has no fixed display name", m).isNull();
        }
        assertThat(Arrays.stream(suite.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(ParameterizedTest.class)))
            .as("%s has no parameterized test (each invocation would be a unit of credit)", suite).isEmpty();
        if (suite == MnistSuite.class) {
          assertThat(suite.getAnnotation(Tag.class).value()).isEqualTo("mnist");
          assertThat(methods).hasSize(1);
        } else {
          // Timeouts come from the grader's configuration (ExerciseRunner), not from annotations.
          assertThat(suite.getAnnotation(Timeout.class)).as("%s sets no timeout of its own", suite).isNull();
          tests += methods.size();
        }
      }
      // Credit is split equally over the checks: each is worth between a twelfth and a fifth of the exercise.
      assertThat(tests).as("%s: tests besides MNIST", exercise).isBetween(5, 12);
    }
    assertThat(HiddenSuites.of(Exercise.FIT)).containsExactly(FitSuite.class, MnistSuite.class);
  }

  @Test
  void theReferencePassesEveryTestWithFixedAndRandomSeeds() {
    long random = new Random().nextInt(1_000_000);
    for (long seed : new long[] {0, 1, 12345, random}) {
      for (Exercise exercise : Exercise.values()) {
        List<SuiteRuns.Outcome> outcomes = SuiteRuns.reference(exercise,
            Map.of(GradingParameters.SEED, String.valueOf(seed)));
        assertThat(outcomes).as("%s, seed %d", exercise, seed).isNotEmpty();
        for (SuiteRuns.Outcome o : outcomes) {
          if (o.method().equals("reachesTheThresholdOnMnist")) {
            assertThat(o.status()).as("%s without an MNIST folder", o).isEqualTo(TestExecutionResult.Status.ABORTED);
          } else {
            assertThat(o.passed()).as("%s, seed %d: %s", exercise, seed, o).isTrue();
          }
        }
      }
    }
  }

  @Test
  void theReferencePassesEveryTestInKorean() {
    // Every description is built before its assertion: a Korean run fills every message the suites use.
    for (Exercise exercise : Exercise.values()) {
      List<SuiteRuns.Outcome> outcomes = SuiteRuns.reference(exercise,
          Map.of(Language.PROPERTY, "ko", GradingParameters.RANDOM_CASES, "5"));
      assertThat(outcomes).as("%s", exercise).isNotEmpty();
      for (SuiteRuns.Outcome o : outcomes) {
        if (o.method().equals("reachesTheThresholdOnMnist")) {
          assertThat(o.status()).as("%s without an MNIST folder", o).isEqualTo(TestExecutionResult.Status.ABORTED);
          assertThat(o.message()).as("%s", o).contains("MNIST 테스트를 실행하지 않습니다");
        } else {
          assertThat(o.passed()).as("%s in Korean: %s", exercise, o).isTrue();
        }
      }
    }
  }

  @Test
  void theReferenceReachesTheMnistThresholdInTime() throws IOException {
    Optional<Path> dir = mnist();
    Assumptions.assumeTrue(dir.isPresent(), "MNIST is not on this machine: set MNIST_DIR to run this test");
    List<SuiteRuns.Outcome> outcomes = SuiteRuns.reference(Exercise.FIT,
        Map.of(GradingParameters.MNIST_DIR, dir.get().toString(), GradingParameters.SEED, "7"));
    assertThat(outcomes).filteredOn(o -> o.method().equals("reachesTheThresholdOnMnist")).singleElement()
        .satisfies(o -> assertThat(o.passed()).as("%s", o).isTrue());
  }

  @ParameterizedTest
  @EnumSource(Exercise.class)
  void theUntouchedSkeletonFailsEveryTestBecauseTheExerciseIsNotDone(Exercise exercise, @TempDir Path tmp)
      throws IOException {
    Path classes = SuiteRuns.compile(exercise, SuiteRuns.skeletonSource(exercise), tmp);
    Map<String, String> properties = new HashMap<>();
    mnist().ifPresent(dir -> properties.put(GradingParameters.MNIST_DIR, dir.toString()));
    List<SuiteRuns.Outcome> outcomes = SuiteRuns.isolated(exercise, classes, properties);

    assertThat(outcomes).isNotEmpty().noneMatch(SuiteRuns.Outcome::passed);
    assertThat(outcomes).filteredOn(o -> o.status() == TestExecutionResult.Status.FAILED)
        .hasSizeGreaterThanOrEqualTo(5)
        .allSatisfy(o -> assertThat(o.message()).as("%s", o.method()).contains("is not done yet"));
  }
}
