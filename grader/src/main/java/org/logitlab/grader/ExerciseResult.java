package org.logitlab.grader;

import java.util.List;
import org.logitlab.exercise.Exercise;

/**
 * How one exercise of a submission was graded.
 *
 * @param exercise the exercise
 * @param status graded, or why not
 * @param problem what went wrong, for every status but {@link Status#GRADED} (may be empty)
 * @param score the points earned
 * @param maxScore the points available (without the MNIST part when it was skipped)
 * @param tests every hidden test, in order
 * @param details the compiler's errors ({@link Status#DOES_NOT_COMPILE}) or what the bytecode check
 *     found ({@link Status#REJECTED}); empty otherwise
 * @param millis how long grading the exercise took
 */
public record ExerciseResult(Exercise exercise, Status status, String problem, double score, double maxScore,
    List<TestOutcome> tests, List<String> details, long millis) {

  /** How far grading an exercise got. */
  public enum Status {
    /** Its hidden suite ran to the end. */
    GRADED,
    /** The submission has no file for it. */
    MISSING,
    /** Its file does not compile against the given code. */
    DOES_NOT_COMPILE,
    /** Its compiled code uses something a submission may not (files, network, threads, reflection...). */
    REJECTED,
    /** Its grading JVM ran out of time and was stopped; tests that finished keep their result. */
    TIMED_OUT,
    /** Its grading JVM ran out of its heap; finished tests count. */
    OUT_OF_MEMORY,
    /** Its grading JVM stopped early (a crash of the student's code); finished tests count. */
    CRASHED,
    /**
     * The grader failed on it (its grading JVM did not start or could not report): no grade; the
     * submission is {@link SubmissionResult.Status#INCOMPLETE}.
     */
    GRADER_ERROR;

    /**
     * What happened, in a few words of {@code texts}' language ({@code "does not compile"}), for every
     * status but {@link #GRADED}, whose words depend on the tests.
     */
    public String words(Texts texts) {
      return texts.text("status." + name());
    }
  }

  /** Copies the lists. */
  public ExerciseResult {
    tests = List.copyOf(tests);
    details = List.copyOf(details);
    problem = problem == null ? "" : problem;
  }

  /** The number of tests that passed. */
  public long passed() {
    return tests.stream().filter(t -> t.status() == TestOutcome.Status.PASSED).count();
  }
}
