package org.logitlab.grader;

import java.util.ArrayList;
import java.util.List;
import org.logitlab.exercise.Exercise;

/**
 * Partial credit inside an exercise: its points are split equally over its hidden tests that ran;
 * for {@link Exercise#FIT} the MNIST tests share {@code mnist.share} of the points and the other
 * tests the rest. A skipped test (MNIST missing on the grading machine) is worth nothing either way.
 */
public final class Scoring {

  private Scoring() {}

  /** The result of an exercise whose tests ran (completely or not). */
  public static ExerciseResult graded(Exercise exercise, ExerciseResult.Status status, String problem,
      List<TestOutcome> tests, long millis, GradingConfig config) {
    double points = config.points().get(exercise);
    List<TestOutcome> counted = tests.stream().filter(t -> t.status() != TestOutcome.Status.SKIPPED).toList();
    boolean hasMnist = tests.stream().anyMatch(TestOutcome::mnist);
    double mnistPoints = hasMnist ? points * config.mnist().share() : 0;
    long mnistCounted = counted.stream().filter(TestOutcome::mnist).count();
    long otherCounted = counted.size() - mnistCounted;
    List<TestOutcome> scored = new ArrayList<>();
    for (TestOutcome test : tests) {
      double worth;
      if (test.status() == TestOutcome.Status.SKIPPED) {
        worth = 0;
      } else if (test.mnist()) {
        worth = mnistPoints / mnistCounted;
      } else {
        worth = (points - mnistPoints) / otherCounted;
      }
      scored.add(test.worth(worth));
    }
    double max = counted.isEmpty() ? points : scored.stream().mapToDouble(TestOutcome::maxScore).sum();
    double score = scored.stream().mapToDouble(TestOutcome::score).sum();
    return new ExerciseResult(exercise, status, problem, score, max, scored, List.of(), millis);
  }

  /** The result of an exercise that could not run: its file is missing, does not compile or was rejected. */
  public static ExerciseResult notRun(Exercise exercise, ExerciseResult.Status status, String problem,
      List<String> details, long millis, GradingConfig config) {
    return new ExerciseResult(exercise, status, problem, 0, config.points().get(exercise), List.of(), details,
        millis);
  }
}
