package org.logitlab.grader.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.TestOutcome;
import org.logitlab.grader.Texts;

/**
 * The wording and number formats every report shares, so that they all say the same thing, in the
 * language the submission was graded in ({@link SubmissionResult#texts()}).
 */
final class ReportFormat {

  /** Scores closer than this are equal. */
  static final double EPSILON = 1e-9;

  private ReportFormat() {}

  /** Points for people: at most two decimals, no trailing zeros ({@code 7.5}, {@code 10}, {@code 3.33}). */
  static String points(double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    return rounded.signum() == 0 ? "0" : rounded.toPlainString();
  }

  /** {@code "7.5 / 10"}. */
  static String score(double score, double maxScore) {
    return points(score) + " / " + points(maxScore);
  }

  /** A number for a machine-read report: rounded to 4 decimals, and 0 if not finite (JSON has no NaN). */
  static double round4(double value) {
    return Double.isFinite(value) ? BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).doubleValue() : 0;
  }

  /** Milliseconds as seconds with one decimal: {@code "1.2 s"}. */
  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  /** The phase timings in their order: {@code "unpack 0.1 s, compile 1.2 s, run 30.4 s, total 31.8 s"}. */
  static String timings(Texts texts, Map<String, Long> phaseMillis) {
    List<String> parts = new ArrayList<>();
    phaseMillis.forEach((phase, millis) -> parts.add(texts.text("report.phase." + phase) + " " + seconds(millis)));
    return String.join(", ", parts);
  }

  /** The whole run's wall-clock time: the {@code total} phase, else the sum of the phases. */
  static long totalMillis(SubmissionResult result) {
    Long total = result.phaseMillis().get("total");
    return total != null ? total : result.phaseMillis().values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * What happened to an exercise, in a few words: {@code passed} or {@code failed} when its suite ran
   * to the end, otherwise {@code missing}, {@code does not compile}, {@code rejected}, {@code timed out},
   * {@code out of memory}, {@code crashed} or {@code grader error}.
   */
  static String status(Texts texts, ExerciseResult exercise) {
    if (exercise.status() != ExerciseResult.Status.GRADED) {
      return exercise.status().words(texts);
    }
    return texts.text(failed(exercise).isEmpty() && exercise.score() >= exercise.maxScore() - EPSILON
        ? "report.passed" : "report.failed");
  }

  /** Tests passed out of those that count: {@code "5/6"}, or {@code "5/6, 1 skipped"}. */
  static String tests(Texts texts, ExerciseResult exercise) {
    long skipped = count(exercise, TestOutcome.Status.SKIPPED);
    return tests(texts, exercise.passed(), exercise.tests().size() - skipped, skipped);
  }

  private static String tests(Texts texts, long passed, long counted, long skipped) {
    String tests = passed + "/" + counted;
    return skipped == 0 ? tests : texts.text("report.skipped", "tests", tests, "skipped", skipped);
  }

  /** Passed over counted tests of the whole submission, as {@link #tests(Texts, ExerciseResult)}. */
  static String tests(Texts texts, SubmissionResult result) {
    long passed = 0;
    long counted = 0;
    long skipped = 0;
    for (ExerciseResult exercise : result.exercises()) {
      passed += exercise.passed();
      skipped += count(exercise, TestOutcome.Status.SKIPPED);
      counted += exercise.tests().size() - count(exercise, TestOutcome.Status.SKIPPED);
    }
    return tests(texts, passed, counted, skipped);
  }

  static long count(ExerciseResult exercise, TestOutcome.Status status) {
    return exercise.tests().stream().filter(t -> t.status() == status).count();
  }

  /** The failed tests of an exercise, in order. */
  static List<TestOutcome> failed(ExerciseResult exercise) {
    return exercise.tests().stream().filter(t -> t.status() == TestOutcome.Status.FAILED).toList();
  }

  /** Whether the report should explain this exercise: it lost points, or its suite did not run to the end. */
  static boolean needsExplaining(ExerciseResult exercise) {
    return exercise.status() != ExerciseResult.Status.GRADED || !failed(exercise).isEmpty()
        || exercise.score() < exercise.maxScore() - EPSILON;
  }

  /** Why an exercise was not graded to the end: its recorded problem, or a sentence for its status. */
  static String problem(Texts texts, ExerciseResult exercise) {
    if (!exercise.problem().isBlank()) {
      return exercise.problem().strip();
    }
    String key = "report.problem." + exercise.status().name();
    return switch (exercise.status()) {
      case GRADED -> "";
      case MISSING, DOES_NOT_COMPILE, REJECTED -> texts.text(key, "file", exercise.exercise().sourceFile());
      case TIMED_OUT, OUT_OF_MEMORY, CRASHED, GRADER_ERROR -> texts.text(key);
    };
  }

  /** The heading of an exercise's {@link ExerciseResult#details()}: what the check refused, or the compiler's errors. */
  static String detailsHeading(Texts texts, ExerciseResult exercise) {
    return texts.text(exercise.status() == ExerciseResult.Status.REJECTED ? "report.details.rejected"
        : "report.details.compiler");
  }

  /** Where to read for the exercise: {@code "Read lessons/01-...md#exercise-1-..."}. */
  static String read(Texts texts, ExerciseResult exercise) {
    return texts.text("report.read", "reading", texts.reading(exercise.exercise()));
  }

  /** A failed or skipped test's feedback, never empty. */
  static String feedback(Texts texts, TestOutcome test) {
    if (!test.feedback().isBlank()) {
      return test.feedback().strip();
    }
    return test.status() == TestOutcome.Status.SKIPPED ? texts.text("report.skippedTest")
        : test.status() == TestOutcome.Status.FAILED ? texts.text("feedback.noReason") : "";
  }

  /** Why grading did not complete, as the result says it, never empty. */
  static String error(SubmissionResult result) {
    return result.error().isBlank() ? result.texts().text("report.noReason") : result.error().strip();
  }

  /** The first non-blank line of a text, stripped. */
  static String firstLine(String text) {
    return text.strip().lines().findFirst().orElse("").strip();
  }

  /** The text cut to {@code max} characters, with "..." when cut. */
  static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, Math.max(0, max - 3)) + "...";
  }

  /** The seed and how to replay the run's random inputs: {@code "Seed 7: grade again with --seed 7 ..."}. */
  static String seed(SubmissionResult result) {
    return result.texts().text("report.seed", "seed", result.seed());
  }

  /** The report's headline: who and the score, or that grading is incomplete. */
  static String headline(SubmissionResult result) {
    String who = result.student().isBlank() ? "logit-lab" : "logit-lab: " + result.student();
    String key = "report.headline." + result.status().name();
    return result.status() == SubmissionResult.Status.INCOMPLETE ? result.texts().text(key, "who", who)
        : result.texts().text(key, "who", who, "score", score(result.score(), result.maxScore()));
  }

  /** The MNIST test accuracy, if the MNIST part ran and published a readable one. */
  static OptionalDouble mnistAccuracy(SubmissionResult result) {
    try {
      OptionalDouble accuracy = result.mnistAccuracy();
      return accuracy.isPresent() && Double.isFinite(accuracy.getAsDouble()) ? accuracy : OptionalDouble.empty();
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  /**
   * The text with every character a terminal, Markdown or XML 1.0 could choke on written as a Java-style
   * backslash-u escape: control characters but tab, newline and carriage return, DEL, the C1 controls,
   * lone surrogates, U+FFFE and U+FFFF.
   */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7F && c <= 0x9F;
      if (control || c <= 0xFFFF && Character.isSurrogate((char) c) || c == 0xFFFE || c == 0xFFFF) {
        out.append(String.format(Locale.ROOT, "\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** An accuracy as a percentage with two decimals: {@code "94.96 %"}. */
  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f %%", fraction * 100);
  }
}
