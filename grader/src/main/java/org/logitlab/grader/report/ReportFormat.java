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

/** The wording and number formats every report shares, so that they all say the same thing. */
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
  static String timings(Map<String, Long> phaseMillis) {
    List<String> parts = new ArrayList<>();
    phaseMillis.forEach((phase, millis) -> parts.add(phase + " " + seconds(millis)));
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
  static String status(ExerciseResult exercise) {
    return switch (exercise.status()) {
      case GRADED -> failed(exercise).isEmpty() && exercise.score() >= exercise.maxScore() - EPSILON ? "passed"
          : "failed";
      case MISSING -> "missing";
      case DOES_NOT_COMPILE -> "does not compile";
      case REJECTED -> "rejected";
      case TIMED_OUT -> "timed out";
      case OUT_OF_MEMORY -> "out of memory";
      case CRASHED -> "crashed";
      case GRADER_ERROR -> "grader error";
    };
  }

  /** Tests passed out of those that count: {@code "5/6"}, or {@code "5/6, 1 skipped"}. */
  static String tests(ExerciseResult exercise) {
    long skipped = count(exercise, TestOutcome.Status.SKIPPED);
    String counted = exercise.passed() + "/" + (exercise.tests().size() - skipped);
    return skipped == 0 ? counted : counted + ", " + skipped + " skipped";
  }

  /** Passed over counted tests of the whole submission, as {@link #tests(ExerciseResult)}. */
  static String tests(SubmissionResult result) {
    long passed = 0;
    long counted = 0;
    long skipped = 0;
    for (ExerciseResult exercise : result.exercises()) {
      passed += exercise.passed();
      skipped += count(exercise, TestOutcome.Status.SKIPPED);
      counted += exercise.tests().size() - count(exercise, TestOutcome.Status.SKIPPED);
    }
    return passed + "/" + counted + (skipped == 0 ? "" : ", " + skipped + " skipped");
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
  static String problem(ExerciseResult exercise) {
    if (!exercise.problem().isBlank()) {
      return exercise.problem().strip();
    }
    return switch (exercise.status()) {
      case GRADED -> "";
      case MISSING -> "the submission has no " + exercise.exercise().sourceFile();
      case DOES_NOT_COMPILE -> exercise.exercise().sourceFile() + " does not compile";
      case REJECTED -> exercise.exercise().sourceFile() + " uses something a submission may not";
      case TIMED_OUT -> "grading ran out of time (an endless loop, or far too slow)";
      case OUT_OF_MEMORY -> "the grading JVM ran out of memory";
      case CRASHED -> "the grading JVM stopped early";
      case GRADER_ERROR -> "the grader failed on this exercise (not the submission's fault)";
    };
  }

  /** A failed or skipped test's feedback, never empty. */
  static String feedback(TestOutcome test) {
    if (!test.feedback().isBlank()) {
      return test.feedback().strip();
    }
    return test.status() == TestOutcome.Status.SKIPPED ? "skipped: it could not run on the grading machine"
        : test.status() == TestOutcome.Status.FAILED ? "failed without a reason" : "";
  }

  /** The first non-blank line of a text, stripped. */
  static String firstLine(String text) {
    return text.strip().lines().findFirst().orElse("").strip();
  }

  /** The text cut to {@code max} characters, with "..." when cut. */
  static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, Math.max(0, max - 3)) + "...";
  }

  /** How to replay the run's random inputs. */
  static String replay(long seed) {
    return "grade again with --seed " + seed + " to draw the same random inputs";
  }

  /** The report's headline: who and the score, or that grading is incomplete. */
  static String headline(SubmissionResult result) {
    String who = result.student().isBlank() ? "logit-lab" : "logit-lab: " + result.student();
    return switch (result.status()) {
      case INCOMPLETE -> who + ": grading incomplete (a grader error, not the submission's: no grade yet)";
      case UNREADABLE -> who + ": " + score(result.score(), result.maxScore()) + " points (the submission cannot be opened)";
      case COMPLETE -> who + ": " + score(result.score(), result.maxScore()) + " points";
    };
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
