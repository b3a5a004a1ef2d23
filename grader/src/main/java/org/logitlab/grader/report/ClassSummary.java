package org.logitlab.grader.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.logitlab.exercise.Exercise;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.GradingConfig;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.TestOutcome;

/**
 * What a class's results add up to: the numbers of the {@link ClassReport}, computed from the stored
 * results alone, so that the shards of a class merged give the same summary as one machine grading
 * it whole. Only grades count in the distributions: a submission whose grading is incomplete (a
 * grader error) is listed apart and counted nowhere else.
 *
 * @param results every submission's result, by student name
 * @param maxScore the points of a submission
 * @param exercises each exercise's figures, in exercise order
 * @param mnist the MNIST part of every graded {@code FIT}
 * @param run how the class was graded
 */
public record ClassSummary(List<SubmissionResult> results, double maxScore, List<ExerciseSummary> exercises,
    MnistSummary mnist, RunSummary run) {

  /** How many bins the score histograms have: tenths of the points. */
  public static final int BINS = 10;

  /**
   * One exercise across the class.
   *
   * @param exercise the exercise
   * @param maxScore its points
   * @param scores its points in every graded submission that has a result for it
   * @param statuses how many submissions' grading of it ended in each status other than {@code GRADED}
   * @param checks its hidden checks, most often failed first, counted over the submissions whose
   *     hidden suite ran to the end ({@code GRADED})
   */
  public record ExerciseSummary(Exercise exercise, double maxScore, List<Double> scores,
      Map<ExerciseResult.Status, Integer> statuses, List<CheckSummary> checks) {

    /** How many submissions earned every point of it. */
    public long fullMarks() {
      return scores.stream().filter(s -> s >= maxScore - 1e-9).count();
    }
  }

  /**
   * One hidden check across the class.
   *
   * @param id its id in the suite
   * @param name what it checks, in the results' language
   * @param ran in how many submissions it ran (passed or failed)
   * @param failed the students it failed, by name
   * @param causes how many of them each recognized mistake ({@link TestOutcome#cause()}) accounts for,
   *     most frequent first
   */
  public record CheckSummary(String id, String name, int ran, List<String> failed, Map<String, Integer> causes) {}

  /**
   * The MNIST part.
   *
   * @param accuracies the test accuracy of every network that finished training
   * @param trainingSeconds how long every student's training took (those stopped at the budget too)
   * @param thresholds the thresholds the part was graded with (one, unless the results disagree)
   * @param budgets the time budgets in seconds (one, unless the results disagree)
   * @param reached how many networks reached the threshold
   * @param stopped how many trainings were stopped at the time budget
   * @param skipped how many gradings could not run it (no MNIST on the grading machine)
   */
  public record MnistSummary(List<Double> accuracies, List<Double> trainingSeconds, List<Double> thresholds,
      List<Integer> budgets, int reached, int stopped, int skipped) {

    /** The threshold, when every result was graded with the same one. */
    public Optional<Double> threshold() {
      return thresholds.size() == 1 ? Optional.of(thresholds.get(0)) : Optional.empty();
    }

    /** The time budget, when every result was graded with the same one. */
    public Optional<Integer> budget() {
      return budgets.size() == 1 ? Optional.of(budgets.get(0)) : Optional.empty();
    }
  }

  /**
   * The grading run.
   *
   * @param seeds the seeds of the random inputs (one, unless the results disagree)
   * @param isolations each isolation the grading JVMs had, with how many submissions had it
   * @param configs each configuration, with how many submissions were graded with it (a result that
   *     kept none counts under none)
   * @param unrecorded how many results kept no configuration
   * @param submissionMillis how long grading each submission took, by student name
   * @param firstGraded the earliest time a submission's grading finished, ISO-8601
   * @param lastGraded the latest
   */
  public record RunSummary(List<Long> seeds, Map<String, Integer> isolations, Map<GradingConfig, Integer> configs,
      int unrecorded, Map<String, Long> submissionMillis, String firstGraded, String lastGraded) {}

  /** Copies the collections. */
  public ClassSummary {
    results = List.copyOf(results);
    exercises = List.copyOf(exercises);
  }

  /** The summary of {@code results}, whatever order they come in. */
  public static ClassSummary of(List<SubmissionResult> results) {
    List<SubmissionResult> sorted = results.stream().sorted(Comparator.comparing(SubmissionResult::student)).toList();
    List<SubmissionResult> graded = sorted.stream().filter(SubmissionResult::graded).toList();
    double max = sorted.stream().mapToDouble(SubmissionResult::maxScore).max().orElse(0);
    List<ExerciseSummary> exercises = new ArrayList<>();
    for (Exercise e : Exercise.values()) {
      exercises.add(exercise(e, graded));
    }
    return new ClassSummary(sorted, max, exercises, mnist(graded), run(sorted));
  }

  /** The submissions whose score is a grade ({@link SubmissionResult#graded()}). */
  public List<SubmissionResult> graded() {
    return results.stream().filter(SubmissionResult::graded).toList();
  }

  /** The submissions the grader failed on, which have no grade. */
  public List<SubmissionResult> incomplete() {
    return results.stream().filter(r -> !r.graded()).toList();
  }

  /** The submissions that could not be opened (0 points, the student's to fix). */
  public List<SubmissionResult> unreadable() {
    return results.stream().filter(r -> r.status() == SubmissionResult.Status.UNREADABLE).toList();
  }

  /** The graded submissions below half the points, lowest first. */
  public List<SubmissionResult> belowHalf() {
    return graded().stream().filter(r -> gradebookNumber(r.score()) < maxScore / 2 - 1e-9)
        .sorted(Comparator.comparingDouble(SubmissionResult::score).thenComparing(SubmissionResult::student)).toList();
  }

  /** The graded totals, by student name, as the gradebook writes them. */
  public List<Double> totals() {
    return graded().stream().map(r -> gradebookNumber(r.score())).toList();
  }

  /** A score as the gradebook writes it, rounded to four decimals, so that the report's figures are the gradebook's. */
  static double gradebookNumber(double score) {
    return ReportFormat.round4(score);
  }

  /**
   * How many of {@code scores} fall in each tenth of {@code max}: bin {@code i} holds
   * {@code [i/10, (i+1)/10)} of it, the last bin full marks too.
   */
  public static int[] histogram(List<Double> scores, double max) {
    int[] counts = new int[BINS];
    for (double s : scores) {
      int bin = max <= 0 ? BINS - 1 : (int) Math.floor(s / max * BINS + 1e-9);
      counts[Math.max(0, Math.min(BINS - 1, bin))]++;
    }
    return counts;
  }

  /**
   * The median of {@code values}, NaN for none; the mean of the middle two in decimal arithmetic, so
   * that values as the gradebook writes them (four decimals) give the median a spreadsheet gives.
   */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : BigDecimal.valueOf(sorted.get(n / 2 - 1))
        .add(BigDecimal.valueOf(sorted.get(n / 2))).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64).doubleValue();
  }

  /**
   * The mean of {@code values}, NaN for none, summed in decimal arithmetic: the mean of the
   * gradebook's numbers as a spreadsheet gives it, even where it ends in a 5 that rounding decides.
   */
  public static double mean(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    BigDecimal sum = values.stream().map(BigDecimal::valueOf).reduce(BigDecimal.ZERO, BigDecimal::add);
    return sum.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64).doubleValue();
  }

  private static ExerciseSummary exercise(Exercise e, List<SubmissionResult> graded) {
    double max = 0;
    List<Double> scores = new ArrayList<>();
    Map<ExerciseResult.Status, Integer> statuses = new EnumMap<>(ExerciseResult.Status.class);
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Integer> ran = new LinkedHashMap<>();
    Map<String, List<String>> failed = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> causes = new LinkedHashMap<>();
    for (SubmissionResult r : graded) {
      Optional<ExerciseResult> found = r.exercises().stream().filter(x -> x.exercise() == e).findFirst();
      if (found.isEmpty()) {
        continue;
      }
      ExerciseResult x = found.get();
      max = Math.max(max, x.maxScore());
      scores.add(gradebookNumber(x.score()));
      if (x.status() != ExerciseResult.Status.GRADED) {
        statuses.merge(x.status(), 1, Integer::sum);
        continue;
      }
      for (TestOutcome t : x.tests()) {
        names.putIfAbsent(t.id(), t.name());
        if (t.status() == TestOutcome.Status.SKIPPED) {
          continue;
        }
        ran.merge(t.id(), 1, Integer::sum);
        if (t.status() == TestOutcome.Status.FAILED) {
          failed.computeIfAbsent(t.id(), id -> new ArrayList<>()).add(r.student());
          t.cause().ifPresent(c -> causes.computeIfAbsent(t.id(), id -> new TreeMap<>()).merge(c, 1, Integer::sum));
        }
      }
    }
    List<CheckSummary> checks = new ArrayList<>();
    for (Map.Entry<String, String> check : names.entrySet()) {
      String id = check.getKey();
      Map<String, Integer> byCause = new LinkedHashMap<>();
      causes.getOrDefault(id, Map.of()).entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .forEach(c -> byCause.put(c.getKey(), c.getValue()));
      checks.add(new CheckSummary(id, check.getValue(), ran.getOrDefault(id, 0),
          List.copyOf(failed.getOrDefault(id, List.of())), byCause));
    }
    // Most often failed first; a stable sort keeps the suite's order among equals.
    checks.sort(Comparator.comparingInt((CheckSummary c) -> c.failed().size()).reversed());
    return new ExerciseSummary(e, max, scores, statuses, checks);
  }

  private static MnistSummary mnist(List<SubmissionResult> graded) {
    List<Double> accuracies = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    TreeSet<Double> thresholds = new TreeSet<>();
    TreeSet<Integer> budgets = new TreeSet<>();
    int reached = 0;
    int stopped = 0;
    int skipped = 0;
    for (SubmissionResult r : graded) {
      for (ExerciseResult x : r.exercises()) {
        for (TestOutcome t : x.tests()) {
          if (!t.mnist()) {
            continue;
          }
          if (t.status() == TestOutcome.Status.SKIPPED) {
            skipped++;
            continue;
          }
          Map<String, String> entries = t.entries();
          Optional.ofNullable(entries.get(TestOutcome.MNIST_THRESHOLD)).map(Double::parseDouble)
              .ifPresent(thresholds::add);
          Optional<Integer> budget = Optional.ofNullable(entries.get(TestOutcome.MNIST_BUDGET_SECONDS))
              .map(Integer::parseInt);
          budget.ifPresent(budgets::add);
          Optional<Double> trained = Optional.ofNullable(entries.get(TestOutcome.MNIST_TRAINING_SECONDS))
              .map(Double::parseDouble);
          trained.ifPresent(seconds::add);
          String accuracy = entries.get(TestOutcome.MNIST_ACCURACY);
          if (accuracy != null) {
            accuracies.add(Double.parseDouble(accuracy));
            if (t.status() == TestOutcome.Status.PASSED) {
              reached++;
            }
          } else if (trained.isPresent() && budget.isPresent() && trained.get() >= budget.get()) {
            stopped++;
          }
        }
      }
    }
    return new MnistSummary(accuracies, seconds, List.copyOf(thresholds), List.copyOf(budgets), reached, stopped,
        skipped);
  }

  private static RunSummary run(List<SubmissionResult> results) {
    TreeSet<Long> seeds = new TreeSet<>();
    Map<String, Integer> isolations = new TreeMap<>();
    Map<GradingConfig, Integer> configs = new LinkedHashMap<>();
    int unrecorded = 0;
    Map<String, Long> millis = new LinkedHashMap<>();
    TreeSet<String> times = new TreeSet<>();
    for (SubmissionResult r : results) {
      seeds.add(r.seed());
      isolations.merge(r.isolation().isEmpty() ? "-" : r.isolation(), 1, Integer::sum);
      if (r.config() == null) {
        unrecorded++;
      } else {
        configs.merge(r.config(), 1, Integer::sum);
      }
      millis.put(r.student(), ReportFormat.totalMillis(r));
      times.add(r.gradedAt());
    }
    return new RunSummary(List.copyOf(seeds), isolations, configs, unrecorded, millis,
        times.isEmpty() ? "" : times.first(), times.isEmpty() ? "" : times.last());
  }
}
