package org.logitlab.exercise;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints a one-screen board at the end of {@code mvn test}: for each exercise, whether its public
 * tests pass, and if not, what to do next. Registered for every test run through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class ProgressBoard implements TestExecutionListener {

  private final PrintStream out;
  private final Map<Exercise, Tally> tallies = new EnumMap<>(Exercise.class);

  /** A board that prints to standard output (how JUnit's service loader creates it). */
  public ProgressBoard() {
    this(System.out);
  }

  /** A board that prints to {@code out}. */
  public ProgressBoard(PrintStream out) {
    this.out = out;
  }

  /** The results of one exercise's tests. */
  private static final class Tally {
    int passed;
    int failed;
    int skipped;
    String firstProblem;
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (!test.isTest()) {
      return;
    }
    Optional<Exercise> exercise = exerciseOf(test);
    if (exercise.isEmpty()) {
      return;
    }
    Tally tally = tallies.computeIfAbsent(exercise.get(), e -> new Tally());
    switch (result.getStatus()) {
      case SUCCESSFUL -> tally.passed++;
      case ABORTED -> tally.skipped++;
      default -> {
        tally.failed++;
        if (tally.firstProblem == null) {
          tally.firstProblem = problem(exercise.get(), test, result);
        }
      }
    }
  }

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    exerciseOf(test).ifPresent(e -> tallies.computeIfAbsent(e, k -> new Tally()).skipped++);
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    if (tallies.isEmpty()) {
      return;
    }
    int done = 0;
    StringBuilder board = new StringBuilder();
    board.append(System.lineSeparator()).append("logit-lab progress").append(System.lineSeparator());
    for (Exercise exercise : Exercise.values()) {
      Tally tally = tallies.get(exercise);
      String status;
      String detail;
      if (tally == null) {
        status = "    ";
        detail = "not run";
      } else if (tally.failed == 0 && tally.passed > 0) {
        status = "done";
        done++;
        detail = tally.passed + "/" + (tally.passed + tally.skipped) + " tests pass"
            + (tally.skipped > 0 ? " (" + tally.skipped + " skipped)" : "");
      } else {
        status = tally.firstProblem != null && tally.firstProblem.startsWith("unfinished") ? " -- " : "FAIL";
        detail = tally.passed + "/" + (tally.passed + tally.failed + tally.skipped) + " tests pass; "
            + (tally.firstProblem != null ? tally.firstProblem : "no test ran");
      }
      board.append(String.format(Locale.ROOT, "  [%s] %-36s %s%n", status, exercise, detail));
    }
    board.append(String.format(Locale.ROOT, "  %d of %d exercises done%n", done, Exercise.values().length));
    out.print(board);
    out.flush();
  }

  /** The exercise whose public test class ran {@code test}, by the class name. */
  private static Optional<Exercise> exerciseOf(TestIdentifier test) {
    return test.getSource()
        .filter(MethodSource.class::isInstance)
        .map(source -> ((MethodSource) source).getClassName())
        .flatMap(className -> {
          String simple = className.substring(className.lastIndexOf('.') + 1);
          for (Exercise e : Exercise.values()) {
            if (e.testClass().equals(simple)) {
              return Optional.of(e);
            }
          }
          return Optional.empty();
        });
  }

  /** What went wrong, worded as what to do next. */
  private static String problem(Exercise exercise, TestIdentifier test, TestExecutionResult result) {
    Throwable cause = result.getThrowable().orElse(null);
    for (Throwable t = cause; t != null; t = t.getCause()) {
      for (Exercise other : Exercise.values()) {
        // Also found inside an assertion's message, e.g. "expected IllegalArgumentException but was ...".
        if (t.getMessage() != null && t.getMessage().contains(other.unfinished().getMessage())) {
          return other == exercise ? "unfinished: read " + exercise.reading() : "unfinished: waiting on " + other;
        }
      }
    }
    return "failing: " + whatItChecks(test) + "; read " + exercise.reading();
  }

  /**
   * What a test checks, from its method's name: {@code keepsTheSubnormalTail(double)} with display
   * name {@code [1] -710.0} reads "keeps the subnormal tail (-710.0)".
   */
  static String whatItChecks(TestIdentifier test) {
    String display = test.getDisplayName();
    return test.getSource().filter(MethodSource.class::isInstance)
        .map(source -> ((MethodSource) source).getMethodName())
        .map(method -> {
          String words = method.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
          String parameters = display.replaceFirst("^\\[\\d+\\]\\s*", "");
          return display.startsWith(method + "(") || parameters.isEmpty() ? words : words + " (" + parameters + ")";
        })
        .orElse(display);
  }
}
