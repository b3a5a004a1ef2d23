package org.logitlab.grader.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.logitlab.exercise.Messages;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.TestOutcome;
import org.logitlab.grader.Texts;

/**
 * The grade for a terminal, in plain ASCII and about one screen: a fixed-width table (exercise,
 * status, points, tests), the total, the first feedback line of each failing test (at most
 * {@value #FAILURES_PER_EXERCISE} per exercise), the seed, warnings and phase timings. Control
 * characters from student code (e.g. ANSI escapes) are shown as backslash-u escapes. The columns are
 * aligned by the width a terminal gives each character (two cells for a Hangul syllable).
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
    Texts texts = result.texts();
    List<String> lines = new ArrayList<>();
    lines.add(ReportFormat.headline(result));
    if (result.status() != SubmissionResult.Status.COMPLETE) {
      ReportFormat.error(result).lines().limit(10).forEach(line -> lines.add("  " + ReportFormat.cut(line, WIDTH - 2)));
    }
    if (!result.exercises().isEmpty()) {
      lines.add("");
      table(lines, result);
    }
    ReportFormat.mnistAccuracy(result).ifPresent(a -> lines.add(texts.text("report.mnist", "accuracy",
        ReportFormat.percent(a))));
    List<String> problems = new ArrayList<>();
    for (ExerciseResult exercise : result.exercises()) {
      if (ReportFormat.needsExplaining(exercise)) {
        problems(texts, problems, exercise);
      }
    }
    if (!problems.isEmpty()) {
      lines.add("");
      lines.addAll(problems);
    }
    lines.add("");
    for (String warning : result.warnings()) {
      lines.add(ReportFormat.cut(texts.text("report.warning", "warning", ReportFormat.firstLine(warning)), WIDTH));
    }
    lines.add(ReportFormat.seed(result));
    if (!result.phaseMillis().isEmpty()) {
      lines.add(texts.text("console.timings", "timings", ReportFormat.timings(texts, result.phaseMillis())));
    }
    if (!result.isolation().isEmpty()) {
      lines.add(ReportFormat.cut(texts.text("console.isolation", "isolation", result.isolation()), WIDTH));
    }
    return ReportFormat.printable(String.join("\n", lines)) + "\n";
  }

  private static void table(List<String> lines, SubmissionResult result) {
    Texts texts = result.texts();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {texts.text("report.column.exercise"), texts.text("report.column.status"),
        texts.text("report.column.points"), texts.text("report.column.tests")});
    for (ExerciseResult exercise : result.exercises()) {
      rows.add(new String[] {texts.exercise(exercise.exercise()), ReportFormat.status(texts, exercise),
          ReportFormat.score(exercise.score(), exercise.maxScore()), ReportFormat.tests(texts, exercise)});
    }
    rows.add(new String[] {texts.text("report.total"), "", ReportFormat.score(result.score(), result.maxScore()),
        ReportFormat.tests(texts, result)});
    int[] widths = new int[4];
    for (String[] row : rows) {
      for (int c = 0; c < widths.length; c++) {
        widths[c] = Math.max(widths[c], Messages.columns(row[c]));
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
    return (pad(cells[0], widths[0], false) + "  " + pad(cells[1], widths[1], false) + "  "
        + pad(cells[2], widths[2], true) + "  " + cells[3]).stripTrailing();
  }

  /** The text padded with spaces to {@code width} terminal cells, on the right or (for numbers) the left. */
  private static String pad(String text, int width, boolean left) {
    String spaces = " ".repeat(Math.max(0, width - Messages.columns(text)));
    return left ? spaces + text : text + spaces;
  }

  private static void problems(Texts texts, List<String> lines, ExerciseResult exercise) {
    lines.add(texts.exercise(exercise.exercise()) + ": " + ReportFormat.status(texts, exercise));
    if (exercise.status() != ExerciseResult.Status.GRADED) {
      lines.add(ReportFormat.cut("  ! " + ReportFormat.firstLine(ReportFormat.problem(texts, exercise)), WIDTH));
    }
    List<String> errors = exercise.details();
    if (!errors.isEmpty()) {
      lines.add(ReportFormat.cut("  ! " + ReportFormat.firstLine(errors.get(0)), WIDTH));
      if (errors.size() > 1) {
        lines.add("    " + (errors.size() == 2 ? texts.text("console.oneMoreMessage")
            : texts.text("console.moreMessages", "count", errors.size() - 1)));
      }
    }
    List<TestOutcome> failed = ReportFormat.failed(exercise);
    for (TestOutcome test : failed.subList(0, Math.min(failed.size(), FAILURES_PER_EXERCISE))) {
      lines.add(ReportFormat.cut("  - " + test.name() + ": "
          + ReportFormat.firstLine(ReportFormat.feedback(texts, test)), WIDTH));
    }
    if (failed.size() > FAILURES_PER_EXERCISE) {
      lines.add("    " + texts.text("console.moreFailing", "count", failed.size() - FAILURES_PER_EXERCISE));
    }
  }
}
