package org.logitlab.grader;

import java.util.Map;
import java.util.Optional;

/**
 * The result of one hidden test.
 *
 * @param id the test's unique id in its suite
 * @param name what the test checks, in words a student understands
 * @param status passed, failed or skipped
 * @param feedback why it failed (input, expected, actual, lesson section), or empty
 * @param mnist whether it is the MNIST end-to-end part
 * @param millis how long it ran
 * @param entries values the test published, e.g. {@code mnistAccuracy}
 * @param score the points it earned
 * @param maxScore the points it was worth (0 when skipped)
 */
public record TestOutcome(String id, String name, Status status, String feedback, boolean mnist, long millis,
    Map<String, String> entries, double score, double maxScore) {

  /** The entry that names the classic mistake a failed check recognized (a {@code Cause} of the hidden suites). */
  public static final String CAUSE = "cause";
  /** The entry of the MNIST test accuracy the student's network reached. */
  public static final String MNIST_ACCURACY = "mnistAccuracy";
  /** The entry of the accuracy the MNIST test required. */
  public static final String MNIST_THRESHOLD = "mnistThreshold";
  /** The entry of the seconds the student's training was allowed. */
  public static final String MNIST_BUDGET_SECONDS = "mnistBudgetSeconds";
  /** The entry of the seconds the student's training took (at least the budget when it was stopped). */
  public static final String MNIST_TRAINING_SECONDS = "mnistTrainingSeconds";

  /** What happened to a test. */
  public enum Status {
    /** It passed. */
    PASSED,
    /** It failed, or never ran because its JVM stopped. */
    FAILED,
    /** It could not run on this grading machine (MNIST missing); it counts neither way. */
    SKIPPED
  }

  /** Validates and copies the entries. */
  public TestOutcome {
    entries = Map.copyOf(entries);
    feedback = feedback == null ? "" : feedback;
  }

  /** The classic mistake the failed check recognized, by its name ({@code MISSING_ONE_OVER_M}), if any. */
  public Optional<String> cause() {
    return Optional.ofNullable(entries.get(CAUSE));
  }

  /** This outcome worth {@code maxScore} points, earning them if it passed. */
  public TestOutcome worth(double maxScore) {
    return new TestOutcome(id, name, status, feedback, mnist, millis, entries,
        status == Status.PASSED ? maxScore : 0, maxScore);
  }
}
