package org.logitlab.grader.report;

import org.logitlab.grader.AtomicFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.TestOutcome;
import org.logitlab.grader.Texts;

/**
 * A summary for students in GitHub-flavoured Markdown, e.g. for a GitHub Classroom job summary
 * ({@code $GITHUB_STEP_SUMMARY}): the score, a table of the exercises, then for each exercise that
 * lost points its failing tests with their feedback as quotes and its compiler errors in fenced
 * blocks, the warnings, the seed and how to replay it, and the phase timings. Text from tests and
 * compilers is escaped, so it never turns into Markdown or HTML, and control characters are shown as
 * backslash-u escapes.
 */
public final class MarkdownReport {

  private static final Pattern SPECIAL = Pattern.compile("[\\\\`*_\\[\\]<>|~&]");
  private static final Pattern LINE_START = Pattern.compile("^(\\s*)([-+=#]|\\d+(?=[.)]))");
  private static final Pattern BACKTICKS = Pattern.compile("`+");

  private MarkdownReport() {}

  /** Writes the report to {@code file}, atomically, replacing what was there. */
  public static void write(SubmissionResult result, Path file) throws IOException {
    AtomicFile.write(file, render(result));
  }

  /** Appends the report to {@code file}, as GitHub expects for {@code $GITHUB_STEP_SUMMARY}. */
  public static void append(SubmissionResult result, Path file) throws IOException {
    Files.writeString(file, render(result), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** The report as Markdown text. */
  public static String render(SubmissionResult result) {
    Texts texts = result.texts();
    StringBuilder md = new StringBuilder();
    md.append("# ").append(escape(ReportFormat.headline(result))).append("\n\n");
    if (result.status() != SubmissionResult.Status.COMPLETE) {
      md.append(escape(texts.text("markdown.said." + result.status().name()))).append("\n\n");
      fenced(md, ReportFormat.error(result));
    }
    if (!result.exercises().isEmpty()) {
      table(texts, md, result);
    }
    ReportFormat.mnistAccuracy(result).ifPresent(accuracy -> md.append(texts.text("markdown.mnist", "accuracy",
        "**" + ReportFormat.percent(accuracy) + "**")).append("\n\n"));
    for (ExerciseResult exercise : result.exercises()) {
      if (ReportFormat.needsExplaining(exercise)) {
        explain(texts, md, exercise);
      }
    }
    if (!result.warnings().isEmpty()) {
      md.append("## ").append(texts.text("markdown.warnings")).append("\n\n");
      for (String warning : result.warnings()) {
        md.append("- ").append(escape(warning.strip()).replaceAll("\\R", " ")).append('\n');
      }
      md.append('\n');
    }
    md.append("## ").append(texts.text("markdown.replay")).append("\n\n").append(escape(ReportFormat.seed(result)))
        .append(".\n\n");
    if (!result.phaseMillis().isEmpty()) {
      md.append("## ").append(texts.text("markdown.timings")).append("\n\n")
          .append(escape(ReportFormat.timings(texts, result.phaseMillis()))).append("\n");
    }
    if (!result.isolation().isEmpty()) {
      md.append("\n## ").append(texts.text("markdown.isolation")).append("\n\n").append(escape(result.isolation()))
          .append("\n");
    }
    return md.toString();
  }

  private static void table(Texts texts, StringBuilder md, SubmissionResult result) {
    md.append("| ").append(texts.text("report.column.exercise")).append(" | ").append(texts.text("report.column.status"))
        .append(" | ").append(texts.text("report.column.points")).append(" | ")
        .append(texts.text("markdown.column.passed")).append(" |\n|---|---|---|---|\n");
    for (ExerciseResult exercise : result.exercises()) {
      md.append("| ").append(escape(texts.exercise(exercise.exercise())))
          .append(" | ").append(icon(exercise)).append(' ').append(ReportFormat.status(texts, exercise))
          .append(" | ").append(ReportFormat.score(exercise.score(), exercise.maxScore()))
          .append(" | ").append(ReportFormat.tests(texts, exercise)).append(" |\n");
    }
    md.append("| **").append(texts.text("report.total")).append("** | | **")
        .append(ReportFormat.score(result.score(), result.maxScore()))
        .append("** | ").append(ReportFormat.tests(texts, result)).append(" |\n\n");
  }

  private static void explain(Texts texts, StringBuilder md, ExerciseResult exercise) {
    md.append("## ").append(escape(texts.exercise(exercise.exercise()))).append(": ")
        .append(ReportFormat.score(exercise.score(), exercise.maxScore())).append("\n\n");
    if (exercise.status() != ExerciseResult.Status.GRADED) {
      md.append("**").append(escape(capitalized(ReportFormat.status(texts, exercise)))).append(":** ")
          .append(escape(ReportFormat.problem(texts, exercise)).replaceAll("\\R", " ")).append("\n\n");
    }
    if (!exercise.details().isEmpty()) {
      md.append(escape(ReportFormat.detailsHeading(texts, exercise))).append(":\n\n");
      fenced(md, String.join("\n", exercise.details()));
    }
    List<TestOutcome> failed = ReportFormat.failed(exercise);
    if (!failed.isEmpty()) {
      md.append(failed.size() == 1 ? texts.text("markdown.oneFailed")
          : texts.text("markdown.failed", "count", failed.size())).append("\n\n");
      for (TestOutcome test : failed) {
        md.append("- ").append(escape(test.name())).append("\n\n");
        quote(md, ReportFormat.feedback(texts, test));
      }
    }
    if (exercise.status() == ExerciseResult.Status.GRADER_ERROR) {
      md.append(escape(texts.text("markdown.graderFault"))).append("\n\n");
      return;
    }
    md.append(texts.text("markdown.read", "reading", escape(texts.reading(exercise.exercise())), "method",
        escape(exercise.exercise().method()))).append("\n\n");
  }

  private static String icon(ExerciseResult exercise) {
    return switch (exercise.status()) {
      case GRADED -> ReportFormat.failed(exercise).isEmpty() ? "✅" : "❌";
      case MISSING -> "⬜";
      case DOES_NOT_COMPILE -> "🛠️";
      case REJECTED -> "🚫";
      case TIMED_OUT -> "⏱️";
      case OUT_OF_MEMORY, CRASHED -> "💥";
      case GRADER_ERROR -> "⚠️";
    };
  }

  /** Feedback as an indented quote, one Markdown line per line of text (hard breaks keep the lines apart). */
  private static void quote(StringBuilder md, String text) {
    List<String> lines = text.strip().lines().map(String::strip).toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean breakAfter = !line.isEmpty() && i + 1 < lines.size() && !lines.get(i + 1).isEmpty();
      md.append("  > ").append(escape(line)).append(breakAfter ? "\\" : "").append('\n');
    }
    md.append('\n');
  }

  /** Text in a fenced block, with a fence longer than any run of backticks in it. */
  private static void fenced(StringBuilder md, String text) {
    int longest = 0;
    Matcher run = BACKTICKS.matcher(text);
    while (run.find()) {
      longest = Math.max(longest, run.group().length());
    }
    String fence = "`".repeat(Math.max(3, longest + 1));
    String body = ReportFormat.printable(text.strip());
    md.append(fence).append("text\n").append(body).append('\n').append(fence).append("\n\n");
  }

  /** Text with every character Markdown or HTML could read as markup escaped by a backslash. */
  static String escape(String text) {
    String escaped = escapeInline(text);
    return LINE_START.matcher(escaped).replaceFirst(m -> Matcher.quoteReplacement(
        m.group(1) + (m.group(2).matches("\\d+") ? m.group(2) + "\\" : "\\" + m.group(2))));
  }

  /**
   * Text with every character Markdown or HTML could read as markup inside a line escaped by a
   * backslash: for a table cell or the middle of a sentence, where no line starts.
   */
  static String escapeInline(String text) {
    return SPECIAL.matcher(ReportFormat.printable(text)).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
