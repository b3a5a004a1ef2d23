package org.logitlab.grader;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.logitlab.exercise.Exercise;
import org.logitlab.grader.hidden.GradingParameters;
import org.logitlab.grader.runner.ExerciseJvm;
import org.logitlab.grader.runner.ResultLog;
import org.logitlab.grader.runner.Sandbox;
import org.logitlab.grader.submission.BytecodeCheck;
import org.logitlab.grader.submission.ExerciseCompiler;
import org.logitlab.grader.submission.Submission;

/**
 * Grades one submission: takes its seven exercise files, compiles each on its own against the given
 * code, and runs each exercise's hidden suites in a JVM of its own (every other exercise is the
 * reference there, so one mistake costs the points of one exercise only). The result is always
 * returned, with the reason, even when grading itself fails.
 */
public final class Grader {

  private final GradingConfig config;
  private final Optional<Path> mnistDir;
  private final int parallelism;
  private final Sandbox sandbox;
  private final ExerciseCompiler compiler = new ExerciseCompiler();

  /**
   * @param config points and thresholds
   * @param mnistDir the MNIST folder for the end-to-end part, if this machine has one
   * @param parallelism how many exercises to grade at once
   * @param sandbox the operating-system isolation of the grading JVMs
   */
  public Grader(GradingConfig config, Optional<Path> mnistDir, int parallelism, Sandbox sandbox) {
    this.config = config;
    this.mnistDir = mnistDir;
    this.parallelism = Math.max(1, parallelism);
    this.sandbox = sandbox;
  }

  /** A grader with the best operating-system isolation this machine offers. */
  public Grader(GradingConfig config, Optional<Path> mnistDir, int parallelism) {
    this(config, mnistDir, parallelism, Sandbox.detect());
  }

  /**
   * Grades the submission folder or zip at {@code path}, working in {@code work} (which it creates).
   *
   * @param seed the seed of every random input, recorded in the result for replay
   */
  public SubmissionResult grade(Path path, long seed, Path work) {
    long start = System.nanoTime();
    Map<String, Long> phases = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    if (mnistDir.isEmpty()) {
      warnings.add("MNIST is not available on the grading machine: the MNIST part of Exercise 7 was not graded "
          + "and does not count; set MNIST_DIR or pass --mnist-dir");
    }
    String student = studentName(path);
    try {
      Files.createDirectories(work);
      long t = System.nanoTime();
      Submission submission = Submission.open(path, work);
      phases.put("unpack", millisSince(t));

      t = System.nanoTime();
      Map<Exercise, ExerciseResult> results = new EnumMap<>(Exercise.class);
      Map<Exercise, Path> compiled = new EnumMap<>(Exercise.class);
      for (Exercise exercise : Exercise.values()) {
        long te = System.nanoTime();
        Path file = submission.files().get(exercise);
        if (file == null) {
          results.put(exercise, Scoring.notRun(exercise, ExerciseResult.Status.MISSING,
              "no src/main/java/" + exercise.sourceFile() + " in the submission", List.of(), millisSince(te), config));
          continue;
        }
        Path classes = work.resolve("classes").resolve(exercise.name());
        List<String> errors = compiler.compile(file, classes);
        List<String> violations = errors.isEmpty() ? BytecodeCheck.check(exercise, classes) : List.of();
        if (!errors.isEmpty()) {
          results.put(exercise, Scoring.notRun(exercise, ExerciseResult.Status.DOES_NOT_COMPILE,
              file.getFileName() + " does not compile against the given code", errors, millisSince(te), config));
        } else if (!violations.isEmpty()) {
          results.put(exercise, Scoring.notRun(exercise, ExerciseResult.Status.REJECTED,
              file.getFileName() + " uses something a submission may not; none of it was run", violations,
              millisSince(te), config));
        } else {
          compiled.put(exercise, classes);
        }
      }
      phases.put("compile", millisSince(t));

      t = System.nanoTime();
      results.putAll(runAll(compiled, seed, work));
      phases.put("run", millisSince(t));
      phases.put("total", millisSince(start));

      List<ExerciseResult> ordered = new ArrayList<>(results.values());
      double score = ordered.stream().mapToDouble(ExerciseResult::score).sum();
      double max = ordered.stream().mapToDouble(ExerciseResult::maxScore).sum();
      return new SubmissionResult(submission.student(), path.toString(), submission.digest(), seed,
          Instant.now().toString(), score, max, SubmissionResult.Status.COMPLETE, "", ordered, phases, warnings,
          sandbox.description());
    } catch (Exception | Error e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      phases.put("total", millisSince(start));
      return new SubmissionResult(student, path.toString(), "", seed, Instant.now().toString(), 0,
          config.maxScore(), SubmissionResult.Status.ERROR, "grading failed: " + describe(e), List.of(), phases,
          warnings, sandbox.description());
    }
  }

  private Map<Exercise, ExerciseResult> runAll(Map<Exercise, Path> compiled, long seed, Path work)
      throws InterruptedException, ExecutionException {
    ExerciseJvm jvm = new ExerciseJvm(new ExerciseJvm.Settings(config.limits().memoryMb(),
        config.limits().exerciseSeconds(), config.limits().testSeconds(), properties(seed), sandbox,
        mnistDir.map(List::of).orElse(List.of())));
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      Map<Exercise, Future<ExerciseResult>> futures = new EnumMap<>(Exercise.class);
      for (Map.Entry<Exercise, Path> entry : compiled.entrySet()) {
        futures.put(entry.getKey(), pool.submit(() -> run(jvm, entry.getKey(), entry.getValue(), work)));
      }
      Map<Exercise, ExerciseResult> results = new EnumMap<>(Exercise.class);
      for (Map.Entry<Exercise, Future<ExerciseResult>> f : futures.entrySet()) {
        results.put(f.getKey(), f.getValue().get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private ExerciseResult run(ExerciseJvm jvm, Exercise exercise, Path classes, Path work)
      throws IOException, InterruptedException {
    long t = System.nanoTime();
    Path dir = Files.createDirectories(work.resolve("run").resolve(exercise.name()));
    ExerciseJvm.Outcome outcome = jvm.run(exercise, classes, dir);
    String problem = switch (outcome.ending()) {
      case FINISHED -> "";
      case TIMED_OUT -> "stopped after " + config.limits().exerciseSeconds() + " s (an endless loop, or far too slow)";
      case OUT_OF_MEMORY -> "ran out of memory: the grading JVM has a heap of " + config.limits().memoryMb() + " MB";
      case CRASHED -> "the grading JVM stopped early (exit code " + outcome.exitCode() + ")" + lastLine(outcome.log());
    };
    if (outcome.outputBytes() > ExerciseJvm.MAX_LOG_BYTES) {
      problem = (problem.isEmpty() ? "" : problem + "; ") + "printed " + (outcome.outputBytes() >> 20)
          + " MB; only the first " + (ExerciseJvm.MAX_LOG_BYTES >> 20) + " MB were kept";
    }
    List<TestOutcome> tests = new ArrayList<>();
    for (ResultLog.PlannedTest planned : outcome.contents().plan()) {
      ResultLog.FinishedTest done = outcome.contents().finished().get(planned.id());
      if (done == null) {
        tests.add(new TestOutcome(planned.id(), planned.name(), TestOutcome.Status.FAILED, "not run: " + problem,
            planned.mnist(), 0, Map.of(), 0, 0));
      } else {
        tests.add(new TestOutcome(planned.id(), planned.name(), TestOutcome.Status.valueOf(done.status()),
            done.feedback(), planned.mnist(), done.millis(), done.entries(), 0, 0));
      }
    }
    ExerciseResult.Status status = switch (outcome.ending()) {
      case FINISHED -> ExerciseResult.Status.GRADED;
      case TIMED_OUT -> ExerciseResult.Status.TIMED_OUT;
      case OUT_OF_MEMORY -> ExerciseResult.Status.OUT_OF_MEMORY;
      case CRASHED -> ExerciseResult.Status.CRASHED;
    };
    return Scoring.graded(exercise, status, problem, tests, millisSince(t), config);
  }

  /** The system properties that tell the hidden suites the run's parameters. */
  private Map<String, String> properties(long seed) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(GradingParameters.SEED, Long.toString(seed));
    p.put(GradingParameters.RANDOM_CASES, Integer.toString(config.randomCases()));
    p.put(GradingParameters.GRADIENT_GOOD, Double.toString(config.gradientCheck().good()));
    p.put(GradingParameters.GRADIENT_WRONG, Double.toString(config.gradientCheck().wrong()));
    GradingConfig.Mnist mnist = config.mnist();
    mnistDir.ifPresent(dir -> p.put(GradingParameters.MNIST_DIR, dir.toAbsolutePath().toString()));
    p.put(GradingParameters.MNIST_THRESHOLD, Double.toString(mnist.threshold()));
    p.put(GradingParameters.MNIST_HIDDEN, Integer.toString(mnist.hidden()));
    p.put(GradingParameters.MNIST_ACTIVATION, mnist.activation());
    p.put(GradingParameters.MNIST_EPOCHS, Integer.toString(mnist.epochs()));
    p.put(GradingParameters.MNIST_BATCH_SIZE, Integer.toString(mnist.batchSize()));
    p.put(GradingParameters.MNIST_LEARNING_RATE, Double.toString(mnist.learningRate()));
    p.put(GradingParameters.MNIST_TIME_BUDGET, Integer.toString(mnist.timeBudgetSeconds()));
    return p;
  }

  /** The student's name: the submission folder's or zip's name. */
  public static String studentName(Path path) {
    String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
    return name.toLowerCase(java.util.Locale.ROOT).endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          String line = lines.get(i).strip();
          return "; its last words: " + (line.length() > 300 ? line.substring(0, 300) + " [...]" : line);
        }
      }
    } catch (IOException e) {
      // no log: nothing to add
    }
    return "";
  }

  private static String describe(Throwable e) {
    if (e instanceof IOException || e instanceof IllegalArgumentException) {
      return e.getMessage();
    }
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
