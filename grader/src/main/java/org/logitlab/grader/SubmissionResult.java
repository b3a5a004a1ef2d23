package org.logitlab.grader;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.logitlab.exercise.Language;

/**
 * The grade of one submission, with everything the reports need.
 *
 * @param student who submitted (the folder or zip name)
 * @param source where the submission was read from
 * @param digest SHA-256 of the exercise files as graded, so a re-run can tell whether it changed
 * @param seed the seed of the random inputs: the run can be replayed with it
 * @param gradedAt when grading finished, ISO-8601
 * @param score the points earned
 * @param maxScore the points available
 * @param status whether the grade can be trusted: {@link Status#COMPLETE}; {@link Status#UNREADABLE}
 *     (the submission could not be opened: 0 points, the student's to fix); {@link Status#INCOMPLETE}
 *     (the grader failed: no grade, re-run)
 * @param error why grading is incomplete or the submission unreadable, or empty
 * @param exercises each exercise's result, in exercise order (empty when grading failed early)
 * @param phaseMillis how long each phase took (unpack, compile, run, total)
 * @param warnings problems of the grading machine, not of the submission (e.g. MNIST missing)
 * @param isolation how the grading JVMs were isolated by the operating system, in words
 * @param language the language it was graded in: of its feedback and texts, and so of its reports (a
 *     result stored without one is English, as every result was before grading spoke Korean)
 * @param config the points, thresholds and limits it was graded with (null in a result stored before
 *     results kept them)
 */
public record SubmissionResult(String student, String source, String digest, long seed, String gradedAt,
    double score, double maxScore, Status status, String error, List<ExerciseResult> exercises,
    Map<String, Long> phaseMillis, List<String> warnings, String isolation, Language language,
    GradingConfig config) {

  /** Whether grading finished. */
  public enum Status {
    /** Every exercise was graded (some may have crashed, timed out or not compiled: see each). */
    COMPLETE,
    /**
     * The submission could not be opened (not a valid zip, a zip bomb, an entry outside it): it scores
     * 0, and {@link #error()} tells the student why.
     */
    UNREADABLE,
    /**
     * The grader failed (a grading JVM that did not start, a results file it could not write, a
     * fault of the grading machine): the score is not a grade, {@link #error()} says why, and a
     * re-run grades the submission again. Never the student's fault.
     */
    INCOMPLETE
  }

  /** Copies the collections. */
  public SubmissionResult {
    exercises = List.copyOf(exercises);
    phaseMillis = Collections.unmodifiableMap(new LinkedHashMap<>(phaseMillis));
    warnings = List.copyOf(warnings);
    error = error == null ? "" : error;
    isolation = isolation == null ? "" : isolation;
    language = language == null ? Language.ENGLISH : language;
  }

  /** The words of its language. */
  public Texts texts() {
    return Texts.of(language);
  }

  /** Whether the score is a grade: everything was graded, or the submission could not be opened. */
  public boolean graded() {
    return status != Status.INCOMPLETE;
  }

  /** The MNIST test accuracy the student's network reached, if the MNIST part ran. */
  public OptionalDouble mnistAccuracy() {
    return exercises.stream().flatMap(e -> e.tests().stream())
        .filter(t -> t.entries().containsKey(TestOutcome.MNIST_ACCURACY))
        .mapToDouble(t -> Double.parseDouble(t.entries().get(TestOutcome.MNIST_ACCURACY)))
        .findFirst();
  }
}
