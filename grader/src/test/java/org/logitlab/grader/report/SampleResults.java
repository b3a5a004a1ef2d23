package org.logitlab.grader.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.GradingConfig;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.TestOutcome;

/** Hand-built grades for the report tests. */
final class SampleResults {

  static final long SEED = 12345;
  static final double THIRD = 10.0 / 3;

  /** Feedback with Markdown, HTML and XML specials, a second line and a control character (BEL). */
  static final String BCE_FEEDBACK = "Exercise 2 (BCE derivative): gradient for w = <0.5, -1> & b = 0 | *mean* of_m"
      + "\nexpected: 0.25\n but was: -0.25\u0007 — read lessons/02-binary-cross-entropy.md";
  static final String TIMEOUT = "stopped after 180 s (an endless loop, or far too slow)";
  static final List<String> COMPILER_ERRORS = List.of("Softmax.java:12: error: ';' expected",
      "    return x```", "1 error");

  private SampleResults() {}

  static TestOutcome passed(String name, double points) {
    return new TestOutcome(name, name, TestOutcome.Status.PASSED, "", false, 12, Map.of(), points, points);
  }

  static TestOutcome failed(String name, String feedback, double points) {
    return new TestOutcome(name, name, TestOutcome.Status.FAILED, feedback, false, 30, Map.of(), 0, points);
  }

  static TestOutcome skipped(String name, String reason) {
    return new TestOutcome(name, name, TestOutcome.Status.SKIPPED, reason, false, 0, Map.of(), 0, 0);
  }

  static ExerciseResult graded(Exercise exercise, TestOutcome... tests) {
    return withStatus(exercise, ExerciseResult.Status.GRADED, "", tests);
  }

  static ExerciseResult withStatus(Exercise exercise, ExerciseResult.Status status, String problem,
      TestOutcome... tests) {
    double score = 0;
    double max = 0;
    for (TestOutcome t : tests) {
      score += t.score();
      max += t.maxScore();
    }
    return new ExerciseResult(exercise, status, problem, score, max, List.of(tests), List.of(), 500);
  }

  static ExerciseResult notRun(Exercise exercise, ExerciseResult.Status status, String problem, double points,
      List<String> errors) {
    return new ExerciseResult(exercise, status, problem, 0, points, List.of(), errors, 40);
  }

  /**
   * Every kind of exercise result: 1 passed, 2 lost points (one failed test), 3 does not compile, 4 is
   * missing, 5 passed with a skipped test, 6 timed out after one test, 7 passed with the MNIST part.
   * Score 66.25 / 100.
   */
  static SubmissionResult complete() {
    TestOutcome mnist = new TestOutcome("mnist", "reaches 90 % test accuracy on MNIST", TestOutcome.Status.PASSED,
        "", true, 41_000, Map.of("mnistAccuracy", "0.9512"), 10, 10);
    List<ExerciseResult> exercises = List.of(
        graded(Exercise.SIGMOID, passed("sigmoid(0) is 0.5", THIRD), passed("large inputs", THIRD),
            passed("small inputs", THIRD)),
        graded(Exercise.BCE_GRADIENT, passed("zero weights", 3.75), passed("one sample", 3.75),
            failed("random data", BCE_FEEDBACK, 3.75), passed("gradient check", 3.75)),
        notRun(Exercise.SOFTMAX, ExerciseResult.Status.DOES_NOT_COMPILE,
            "Softmax.java does not compile against the given code", 10, COMPILER_ERRORS),
        notRun(Exercise.ONE_HOT, ExerciseResult.Status.MISSING,
            "no src/main/java/org/logitlab/softmax/OneHot.java in the submission", 10, List.of()),
        graded(Exercise.OUTPUT_BACKPROP, passed("delta of the output", 7.5), skipped("on MNIST digits",
            "MNIST is not available"), passed("gradient check", 7.5)),
        withStatus(Exercise.HIDDEN_BACKPROP, ExerciseResult.Status.TIMED_OUT, TIMEOUT,
            passed("delta of the hidden layer", 5), failed("gradient check, sigmoid", "not run: " + TIMEOUT, 5),
            failed("gradient check, tanh", "not run: " + TIMEOUT, 5)),
        graded(Exercise.FIT, passed("loss goes down", 7.5), passed("same seed, same weights", 7.5), mnist));
    return result("alice", exercises, SubmissionResult.Status.COMPLETE, "",
        List.of("the grading machine has 1 CPU: exercises were graded one at a time"));
  }

  /** Grading failed before any exercise was graded. */
  static SubmissionResult error() {
    return new SubmissionResult("bob", "/in/bob.zip", "", SEED, "2024-05-06T07:08:09.123Z", 0, 100,
        SubmissionResult.Status.INCOMPLETE,
        "grading failed: java.io.IOException: bob.zip is not a zip file\n\tat org.logitlab.grader.Grader.grade",
        List.of(), Map.of("total", 50L), List.of("MNIST is not available on the grading machine"), ISOLATION, Language.ENGLISH,
        GradingConfig.defaults());
  }

  static SubmissionResult result(String student, List<ExerciseResult> exercises, SubmissionResult.Status status,
      String error, List<String> warnings) {
    double score = exercises.stream().mapToDouble(ExerciseResult::score).sum();
    double max = exercises.stream().mapToDouble(ExerciseResult::maxScore).sum();
    Map<String, Long> phases = new LinkedHashMap<>();
    phases.put("unpack", 120L);
    phases.put("compile", 1234L);
    phases.put("run", 30456L);
    phases.put("total", 31810L);
    return new SubmissionResult(student, "/in/" + student, "ab12", SEED, "2024-05-06T07:08:09.123Z", score, max,
        status, error, exercises, phases, warnings, ISOLATION, Language.ENGLISH,
        GradingConfig.defaults());
  }

  /** How the sample results were isolated. */
  static final String ISOLATION = "bubblewrap: no network, read-only system";
}
