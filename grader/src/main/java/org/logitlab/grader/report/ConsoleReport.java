package org.logitlab.grader.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.TestOutcome;

/**
 * The grade for a terminal, in plain ASCII and about one screen: a fixed-width table (exercise,
 * status, points, tests), the total, the first feedback line of each failing test (at most
 * {@value #FAILURES_PER_EXERCISE} per exercise), the seed, warnings and phase timings. Control
 * characters from student code (e.g. ANSI escapes) are shown as backslash-u escapes.
 */
public final class ConsoleReport {

  /** Failing tests listed per exercise; the rest are counted. */
  static final int FAILURES_PER_EXERCISE = 3;
  /** Longest line of the failure list. */
  static final int WIDTH = 100;

  private ConsoleReport() {}

  /** Prints the report to {@code out}. */
  public static void print(SubmissionResult result, PrintStream out) {
    out.print(render(result));
    out.flush();
  }

  /** The report as text, lines ending in {@code \n}. */
  public static String render(SubmissionResult result) {
    List<String> lines = new ArrayList<>();
    lines.add(ReportFormat.headline(result));
    if (result.status() != SubmissionResult.Status.COMPLETE) {
      String error = result.error().isBlank() ? "grading failed without a reason" : result.error().strip();
      error.lines().limit(10).forEach(line -> lines.add("  " + ReportFormat.cut(line, WIDTH - 2)));
    }
    if (!result.exercises().isEmpty()) {
      lines.add("");
      table(lines, result);
    }
    ReportFormat.mnistAccuracy(result).ifPresent(a -> lines.add("MNIST test accuracy: " + ReportFormat.percent(a)));
    List<String> problems = new ArrayList<>();
    for (ExerciseResult exercise : result.exercises()) {
      if (ReportFormat.needsExplaining(exercise)) {
        problems(problems, exercise);
      }
    }
    if (!problems.isEmpty()) {
      lines.add("");
      lines.addAll(problems);
    }
    lines.add("");
    for (String warning : result.warnings()) {
      lines.add(ReportFormat.cut("Warning: " + ReportFormat.firstLine(warning), WIDTH));
    }
    lines.add("Seed " + result.seed() + ": " + ReportFormat.replay(result.seed()));
    if (!result.phaseMillis().isEmpty()) {
      lines.add("Timings: " + ReportFormat.timings(result.phaseMillis()));
    }
    if (!result.isolation().isEmpty()) {
      lines.add(ReportFormat.cut("Isolation: " + result.isolation(), WIDTH));
    }
    return ReportFormat.printable(String.join("\n", lines)) + "\n";
  }

  private static void table(List<String> lines, SubmissionResult result) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Exercise", "Status", "Points", "Tests"});
    for (ExerciseResult exercise : result.exercises()) {
      rows.add(new String[] {exercise.exercise().toString(), ReportFormat.status(exercise),
          ReportFormat.score(exercise.score(), exercise.maxScore()), ReportFormat.tests(exercise)});
    }
    rows.add(new String[] {"Total", "", ReportFormat.score(result.score(), result.maxScore()),
        ReportFormat.tests(result)});
    int[] widths = new int[4];
    for (String[] row : rows) {
      for (int c = 0; c < widths.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      if (r == 1 || r == rows.size() - 1) {
        lines.add(row(widths, "-".repeat(widths[0]), "-".repeat(widths[1]), "-".repeat(widths[2]),
            "-".repeat(widths[3])));
      }
      lines.add(row(widths, rows.get(r)));
    }
  }

  /** One table row: text columns left-aligned, points right-aligned. */
  private static String row(int[] widths, String... cells) {
    return String.format("%-" + widths[0] + "s  %-" + widths[1] + "s  %" + widths[2] + "s  %s", (Object[]) cells)
        .stripTrailing();
  }

  private static void problems(List<String> lines, ExerciseResult exercise) {
    lines.add(exercise.exercise() + ": " + ReportFormat.status(exercise));
    if (exercise.status() != ExerciseResult.Status.GRADED) {
      lines.add(ReportFormat.cut("  ! " + ReportFormat.firstLine(ReportFormat.problem(exercise)), WIDTH));
    }
    List<String> errors = exercise.details();
    if (!errors.isEmpty()) {
      lines.add(ReportFormat.cut("  ! " + ReportFormat.firstLine(errors.get(0)), WIDTH));
      if (errors.size() > 1) {
        lines.add("    (" + (errors.size() - 1) + " more message" + (errors.size() > 2 ? "s" : "") + ")");
      }
    }
    List<TestOutcome> failed = ReportFormat.failed(exercise);
    for (TestOutcome test : failed.subList(0, Math.min(failed.size(), FAILURES_PER_EXERCISE))) {
      lines.add(ReportFormat.cut("  - " + test.name() + ": " + ReportFormat.firstLine(ReportFormat.feedback(test)),
          WIDTH));
    }
    if (failed.size() > FAILURES_PER_EXERCISE) {
      lines.add("    (" + (failed.size() - FAILURES_PER_EXERCISE) + " more failing tests)");
    }
  }
}
