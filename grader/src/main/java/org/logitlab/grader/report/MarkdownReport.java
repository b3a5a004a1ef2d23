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
    StringBuilder md = new StringBuilder();
    md.append("# ").append(escape(ReportFormat.headline(result))).append("\n\n");
    if (result.status() != SubmissionResult.Status.COMPLETE) {
      md.append(result.status() == SubmissionResult.Status.INCOMPLETE
          ? "Grading could not finish, through no fault of the submission. The grader said:\n\n"
          : "The submission could not be opened. The grader said:\n\n");
      fenced(md, result.error().isBlank() ? "grading failed without a reason" : result.error());
    }
    if (!result.exercises().isEmpty()) {
      table(md, result);
    }
    ReportFormat.mnistAccuracy(result).ifPresent(accuracy ->
        md.append("Your network's MNIST test accuracy: **").append(ReportFormat.percent(accuracy)).append("**\n\n"));
    for (ExerciseResult exercise : result.exercises()) {
      if (ReportFormat.needsExplaining(exercise)) {
        explain(md, exercise);
      }
    }
    if (!result.warnings().isEmpty()) {
      md.append("## Warnings\n\n");
      for (String warning : result.warnings()) {
        md.append("- ").append(escape(warning.strip()).replaceAll("\\R", " ")).append('\n');
      }
      md.append('\n');
    }
    md.append("## Replay\n\n").append("Seed ").append(result.seed()).append(": ")
        .append(escape(ReportFormat.replay(result.seed()))).append(".\n\n");
    if (!result.phaseMillis().isEmpty()) {
      md.append("## Timings\n\n").append(escape(ReportFormat.timings(result.phaseMillis()))).append("\n");
    }
    if (!result.isolation().isEmpty()) {
      md.append("\n## Isolation\n\n").append(escape(result.isolation())).append("\n");
    }
    return md.toString();
  }

  private static void table(StringBuilder md, SubmissionResult result) {
    md.append("| Exercise | Status | Points | Tests passed |\n|---|---|---|---|\n");
    for (ExerciseResult exercise : result.exercises()) {
      md.append("| ").append(escape(exercise.exercise().toString()))
          .append(" | ").append(icon(exercise)).append(' ').append(ReportFormat.status(exercise))
          .append(" | ").append(ReportFormat.score(exercise.score(), exercise.maxScore()))
          .append(" | ").append(ReportFormat.tests(exercise)).append(" |\n");
    }
    md.append("| **Total** | | **").append(ReportFormat.score(result.score(), result.maxScore()))
        .append("** | ").append(ReportFormat.tests(result)).append(" |\n\n");
  }

  private static void explain(StringBuilder md, ExerciseResult exercise) {
    md.append("## ").append(escape(exercise.exercise().toString())).append(": ")
        .append(ReportFormat.score(exercise.score(), exercise.maxScore())).append("\n\n");
    if (exercise.status() != ExerciseResult.Status.GRADED) {
      md.append("**").append(escape(capitalized(ReportFormat.status(exercise)))).append(":** ")
          .append(escape(ReportFormat.problem(exercise)).replaceAll("\\R", " ")).append("\n\n");
    }
    if (!exercise.details().isEmpty()) {
      md.append(exercise.detailsHeading()).append(":\n\n");
      fenced(md, String.join("\n", exercise.details()));
    }
    List<TestOutcome> failed = ReportFormat.failed(exercise);
    if (!failed.isEmpty()) {
      md.append(failed.size() == 1 ? "1 test failed:" : failed.size() + " tests failed:").append("\n\n");
      for (TestOutcome test : failed) {
        md.append("- ").append(escape(test.name())).append("\n\n");
        quote(md, ReportFormat.feedback(test));
      }
    }
    if (exercise.status() == ExerciseResult.Status.GRADER_ERROR) {
      md.append("This is the grader's fault, not the submission's: it has no grade until it is graded again.\n\n");
      return;
    }
    md.append("Read ").append(escape(exercise.exercise().reading())).append(" and write ")
        .append(escape(exercise.exercise().method())).append(".\n\n");
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
    String escaped = SPECIAL.matcher(ReportFormat.printable(text))
        .replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
    return LINE_START.matcher(escaped).replaceFirst(m -> Matcher.quoteReplacement(
        m.group(1) + (m.group(2).matches("\\d+") ? m.group(2) + "\\" : "\\" + m.group(2))));
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
