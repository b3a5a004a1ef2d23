package org.logitlab.exercise.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.exercise.check.PublicTestRun.Outcome;
import org.logitlab.exercise.check.PublicTestRun.TestResult;

/**
 * The skeleton and the public tests agree with the reference, as nbgrader's "the release version
 * fails, the source version passes": the untouched skeleton fails every public test, each with the
 * unfinished-exercise message of an exercise that test runs through; and putting back the reference
 * body of one exercise (and of the exercises its tests run through) makes exactly those tests pass.
 */
class SkeletonCheckTest {

  @Test
  void theSkeletonFailsEveryPublicTestAsUnfinished() throws ClassNotFoundException {
    Outcome outcome = PublicTestRun.runOnClassPath(Language.ENGLISH);

    assertThat(outcome.results()).containsOnlyKeys(Exercise.values());
    outcome.results().forEach((exercise, results) -> {
      for (TestResult test : results) {
        if (test.status() == Status.ABORTED) {
          assertThat(test.name()).as("only the MNIST test may be skipped (when MNIST is absent)").contains("Mnist");
          continue;
        }
        assertThat(test.status()).as(test.name()).isEqualTo(Status.FAILED);
        Set<Exercise> allowed = EnumSet.copyOf(exercise.prerequisites());
        allowed.add(exercise);
        // The unfinished exception itself, or an assertion that reports it (expected another exception).
        assertThat(allowed.stream().map(e -> e.unfinished().getMessage()))
            .as("%s failed because of an unfinished exercise it runs through, not: %s", test.name(), test.failure())
            .anyMatch(test.failure().getMessage()::contains);
      }
    });
    assertThat(outcome.board()).contains("0 of 7 exercises done",
        "[ -- ] Exercise 1 (sigmoid)", "unfinished: read " + Exercise.SIGMOID.reading());
  }

  @ParameterizedTest
  @EnumSource(Exercise.class)
  void theReferenceBodyOfOneExerciseMakesExactlyItsTestsPass(Exercise exercise, @TempDir Path work)
      throws IOException, ClassNotFoundException {
    Set<Exercise> solved = EnumSet.copyOf(exercise.prerequisites());
    solved.add(exercise);
    Outcome outcome = PublicTestRun.run(solved, work, Language.ENGLISH);

    for (Map.Entry<Exercise, List<TestResult>> entry : outcome.results().entrySet()) {
      for (TestResult test : entry.getValue()) {
        if (test.status() == Status.ABORTED) {
          continue;
        }
        if (solved.contains(entry.getKey())) {
          assertThat(test.status()).as("%s with %s solved (%s)", test.name(), solved, test.failure())
              .isEqualTo(Status.SUCCESSFUL);
        } else {
          assertThat(test.status()).as("%s with only %s solved", test.name(), solved).isEqualTo(Status.FAILED);
        }
      }
    }
    assertThat(outcome.board()).contains(solved.size() + " of 7 exercises done", "[done] " + exercise);
  }
}
