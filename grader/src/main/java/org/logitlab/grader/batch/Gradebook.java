package org.logitlab.grader.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.logitlab.exercise.Exercise;
import org.logitlab.grader.AtomicFile;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.Texts;

/**
 * The CSV gradebook: one row per student, one column per exercise, the total, and a status that says
 * what went wrong where (RFC 4180 quoting). A text cell that a spreadsheet would run as a formula (it
 * starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return, as a folder named
 * {@code =HYPERLINK(...)} would) gets a leading {@code '}, as OWASP's advice on CSV injection says.
 */
public final class Gradebook {

  /** The first characters that make a spreadsheet read a cell as a formula. */
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private Gradebook() {}

  /** The gradebook of {@code results} as CSV text. */
  public static String csv(List<SubmissionResult> results) {
    StringBuilder csv = new StringBuilder();
    csv.append("student");
    for (Exercise e : Exercise.values()) {
      csv.append(',').append(e.name().toLowerCase(Locale.ROOT));
    }
    csv.append(",total,max,status,mnist_accuracy,seed,digest\r\n");
    for (SubmissionResult r : results) {
      csv.append(cell(r.student()));
      for (Exercise e : Exercise.values()) {
        csv.append(',').append(exerciseCell(r, e));
      }
      csv.append(',').append(totalCell(r)).append(',').append(number(r.maxScore()))
          .append(',').append(cell(status(r)))
          .append(',').append(r.mnistAccuracy().isPresent() ? number(r.mnistAccuracy().getAsDouble()) : "")
          .append(',').append(r.seed()).append(',').append(r.digest()).append("\r\n");
    }
    return csv.toString();
  }

  /**
   * Writes a gradebook's CSV text atomically, as UTF-8; with {@code bom}, after a byte order mark, by
   * which Excel on Windows knows the file is UTF-8 (without it, Korean names come out garbled).
   */
  public static void write(Path file, String csv, boolean bom) throws IOException {
    AtomicFile.write(file, (bom ? "\uFEFF" : "") + csv);
  }

  /** The points of exercise {@code e}; empty when it has no result or the grader failed on it (no grade). */
  static String exerciseCell(SubmissionResult r, Exercise e) {
    return r.exercises().stream().filter(x -> x.exercise() == e)
        .filter(x -> x.status() != ExerciseResult.Status.GRADER_ERROR).findFirst()
        .map(x -> number(x.score())).orElse("");
  }

  /** The total; empty when grading is incomplete (no grade). */
  static String totalCell(SubmissionResult r) {
    return r.graded() ? number(r.score()) : "";
  }

  /**
   * "complete", or what went wrong: "incomplete: " and the grader's error, "unreadable: " and why, or
   * each exercise that was not graded normally ("complete; sigmoid does not compile"), in the language
   * the submission was graded in; the exercises are named as the gradebook's columns are.
   */
  public static String status(SubmissionResult r) {
    Texts texts = r.texts();
    if (r.status() != SubmissionResult.Status.COMPLETE) {
      return texts.text("gradebook." + r.status().name(), "error", r.error().lines().findFirst().orElse(""));
    }
    StringBuilder s = new StringBuilder(texts.text("gradebook.COMPLETE"));
    for (ExerciseResult e : r.exercises()) {
      if (e.status() != ExerciseResult.Status.GRADED) {
        s.append("; ").append(e.exercise().name().toLowerCase(Locale.ROOT)).append(' ').append(e.status().words(texts));
      }
    }
    return s.toString();
  }

  /** A score as the gradebooks write it: at most four decimals, no trailing zeros ({@code 7.5}, {@code 100}). */
  static String number(double x) {
    return String.format(Locale.ROOT, "%.4f", x).replaceAll("\\.?0+$", "");
  }

  /** A text cell: RFC 4180 quoting, and a leading {@code '} where a spreadsheet would see a formula. */
  static String cell(String text) {
    String value = FORMULA_STARTS.indexOf(text.isEmpty() ? 'x' : text.charAt(0)) >= 0 ? "'" + text : text;
    if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
