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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.grader.hidden.GradingParameters;
import org.logitlab.grader.runner.ExerciseJvm;
import org.logitlab.grader.runner.GradingClassPath;
import org.logitlab.grader.runner.ResultLog;
import org.logitlab.grader.runner.Sandbox;
import org.logitlab.grader.submission.BytecodeCheck;
import org.logitlab.grader.submission.ExerciseCompiler;
import org.logitlab.grader.submission.Submission;
import org.logitlab.grader.submission.UnreadableSubmissionException;

/**
 * Grades one submission: takes its seven exercise files, compiles each on its own against the given
 * code, and runs each exercise's hidden suites in a JVM of its own (every other exercise is the
 * reference there, so one mistake costs the points of one exercise only). The result is always
 * returned, with the reason, even when grading itself fails.
 */
public final class Grader {

  /** Rounding of the equal split of an exercise's points over its tests (a few ulps of 100). */
  private static final double MAX_SCORE_TOLERANCE = 1e-9;

  private final GradingConfig config;
  private final Optional<Path> mnistDir;
  private final int parallelism;
  private final Sandbox sandbox;
  private final ExerciseCompiler compiler;
  private final Texts texts;

  /**
   * @param config points and thresholds
   * @param mnistDir the MNIST folder for the end-to-end part, if this machine has one
   * @param parallelism how many exercises to grade at once
   * @param sandbox the operating-system isolation of the grading JVMs
   */
  public Grader(GradingConfig config, Optional<Path> mnistDir, int parallelism, Sandbox sandbox) {
    this.config = config;
    this.mnistDir = mnistDir.map(Grader::realPath);
    this.parallelism = Math.max(1, parallelism);
    this.sandbox = sandbox;
    this.compiler = new ExerciseCompiler(config.limits().compileSeconds(), config.limits().memoryMb(),
        config.language());
    this.texts = Texts.of(config.language());
  }

  /** A grader with the best operating-system isolation this machine offers. */
  public Grader(GradingConfig config, Optional<Path> mnistDir, int parallelism) {
    this(config, mnistDir, parallelism, Sandbox.detect());
  }

  /**
   * Grades the submission folder or zip at {@code path}, working in {@code work} (which it creates).
   * Either may be relative (to this JVM's working directory), hold spaces or any letters, or lead
   * through symbolic links: the grading JVMs get absolute, link-free paths.
   *
   * @param seed the seed of every random input, recorded in the result for replay
   */
  public SubmissionResult grade(Path path, long seed, Path work) {
    long start = System.nanoTime();
    Map<String, Long> phases = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    if (mnistDir.isEmpty() && config.mnist().share() == 0) {
      warnings.add(texts.text("grader.mnistNotGraded"));
    }
    String student = studentName(path);
    try {
      work = Files.createDirectories(work).toRealPath();
      long t = System.nanoTime();
      Submission submission = open(path, work);
      phases.put("unpack", millisSince(t));

      t = System.nanoTime();
      Map<Exercise, ExerciseResult> results = new EnumMap<>(Exercise.class);
      Map<Exercise, Path> compiled = new EnumMap<>(Exercise.class);
      for (Exercise exercise : Exercise.values()) {
        long te = System.nanoTime();
        Path file = submission.files().get(exercise);
        Path link = submission.links().get(exercise);
        if (link != null) {
          results.put(exercise, Scoring.notRun(exercise, ExerciseResult.Status.MISSING,
              texts.text("grader.link", "file", exercise.sourceFile()), List.of(), millisSince(te), config));
          continue;
        }
        if (file == null) {
          results.put(exercise, Scoring.notRun(exercise, ExerciseResult.Status.MISSING, missing(submission, exercise),
              List.of(), millisSince(te), config));
          continue;
        }
        Path classes = work.resolve("classes").resolve(exercise.name());
        List<String> errors = compiler.compile(file, classes);
        List<String> violations = errors.isEmpty() ? BytecodeCheck.check(exercise, classes, config.language())
            : List.of();
        if (!errors.isEmpty()) {
          results.put(exercise, Scoring.notRun(exercise, ExerciseResult.Status.DOES_NOT_COMPILE,
              texts.text("grader.doesNotCompile", "file", file.getFileName()), errors, millisSince(te), config));
        } else if (!violations.isEmpty()) {
          results.put(exercise, Scoring.notRun(exercise, ExerciseResult.Status.REJECTED,
              texts.text("grader.rejected", "file", file.getFileName()), violations, millisSince(te), config));
        } else {
          compiled.put(exercise, classes);
        }
      }
      phases.put("compile", millisSince(t));
      found(submission, texts).ifPresent(warnings::add);

      t = System.nanoTime();
      results.putAll(runAll(compiled, seed, work));
      phases.put("run", millisSince(t));
      phases.put("total", millisSince(start));

      List<ExerciseResult> ordered = new ArrayList<>(results.values());
      double score = ordered.stream().mapToDouble(ExerciseResult::score).sum();
      double max = ordered.stream().mapToDouble(ExerciseResult::maxScore).sum();
      // One line per cause, naming the exercises it stopped (usually one cause stops them all).
      Map<String, List<String>> byCause = new LinkedHashMap<>();
      ordered.stream().filter(r -> r.status() == ExerciseResult.Status.GRADER_ERROR).forEach(r -> byCause
          .computeIfAbsent(r.problem(), k -> new ArrayList<>()).add(r.exercise().name().toLowerCase(Locale.ROOT)));
      List<String> faults = new ArrayList<>();
      byCause.forEach((cause, exercises) -> faults.add(String.join(", ", exercises) + ": " + cause));
      if (faults.isEmpty() && Math.abs(max - config.maxScore()) > MAX_SCORE_TOLERANCE) {
        // Every path above keeps an exercise's points; should one not, no score may pass for complete.
        faults.add(texts.text("grader.pointsAddUp", "max", max, "total", config.maxScore()));
      }
      if (mnistDir.isEmpty() && config.mnist().share() > 0) {
        faults.add(texts.text("grader.mnistMissing"));
      }
      return new SubmissionResult(submission.student(), path.toString(), submission.digest(), seed,
          Instant.now().toString(), score, max,
          faults.isEmpty() ? SubmissionResult.Status.COMPLETE : SubmissionResult.Status.INCOMPLETE,
          faults.isEmpty() ? "" : texts.text("grader.faults", "faults", String.join("; ", faults)), ordered, phases,
          warnings, isolation(), config.language(), config);
    } catch (UnreadableSubmissionException e) {
      phases.put("total", millisSince(start));
      return new SubmissionResult(student, path.toString(), "", seed, Instant.now().toString(), 0,
          config.maxScore(), SubmissionResult.Status.UNREADABLE,
          texts.text("grader.unreadable", "reason", e.in(config.language())), List.of(), phases, warnings,
          isolation(), config.language(), config);
    } catch (Exception | Error e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      phases.put("total", millisSince(start));
      return new SubmissionResult(student, path.toString(), "", seed, Instant.now().toString(), 0,
          config.maxScore(), SubmissionResult.Status.INCOMPLETE, texts.text("grader.failed", "reason", describe(e)),
          List.of(), phases, warnings, isolation(), config.language(), config);
    }
  }

  private Map<Exercise, ExerciseResult> runAll(Map<Exercise, Path> compiled, long seed, Path work)
      throws IOException, InterruptedException, ExecutionException {
    ExerciseJvm jvm = new ExerciseJvm(new ExerciseJvm.Settings(config.limits().memoryMb(),
        config.limits().exerciseSeconds(), config.limits().testSeconds(), config.language(), properties(seed),
        sandbox, mnistDir.map(List::of).orElse(List.of()), GradingClassPath.current()));
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
      case TIMED_OUT -> texts.text("grader.timedOut", "seconds", config.limits().exerciseSeconds());
      case OUT_OF_MEMORY -> texts.text("grader.outOfMemory", "memoryMb", config.limits().memoryMb());
      case CRASHED -> texts.text("grader.crashed", "exitCode", outcome.exitCode(), "lastWords", lastWords(outcome));
      case GRADER_ERROR -> texts.text("grader.error", "cause", outcome.contents().graderError().isEmpty()
          ? outcome.exitCode() < 0 ? texts.text("grader.endedAtLimit", "lastWords", lastWords(outcome))
              : texts.text("grader.endedWithCode", "exitCode", outcome.exitCode(), "lastWords", lastWords(outcome))
          : outcome.contents().graderError());
    };
    if (outcome.outputBytes() > ExerciseJvm.MAX_LOG_BYTES) {
      String printed = texts.text("grader.printed", "printedMb", outcome.outputBytes() >> 20, "keptMb",
          ExerciseJvm.MAX_LOG_BYTES >> 20);
      problem = problem.isEmpty() ? printed : problem + "; " + printed;
    }
    List<TestOutcome> tests = new ArrayList<>();
    for (ResultLog.PlannedTest planned : outcome.contents().plan()) {
      ResultLog.FinishedTest done = outcome.contents().finished().get(planned.id());
      if (done == null) {
        tests.add(new TestOutcome(planned.id(), planned.name(), TestOutcome.Status.FAILED,
            texts.text("grader.notRun", "problem", problem),
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
      case GRADER_ERROR -> ExerciseResult.Status.GRADER_ERROR;
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
    mnistDir.ifPresent(dir -> p.put(GradingParameters.MNIST_DIR, dir.toString()));
    p.put(GradingParameters.MNIST_THRESHOLD, Double.toString(mnist.threshold()));
    p.put(GradingParameters.MNIST_HIDDEN, Integer.toString(mnist.hidden()));
    p.put(GradingParameters.MNIST_ACTIVATION, mnist.activation());
    p.put(GradingParameters.MNIST_EPOCHS, Integer.toString(mnist.epochs()));
    p.put(GradingParameters.MNIST_BATCH_SIZE, Integer.toString(mnist.batchSize()));
    p.put(GradingParameters.MNIST_LEARNING_RATE, Double.toString(mnist.learningRate()));
    p.put(GradingParameters.MNIST_TIME_BUDGET, Integer.toString(mnist.timeBudgetSeconds()));
    return p;
  }

  /** {@code dir} absolute and free of links, as the sandbox mounts it; as it is if it cannot be resolved. */
  private static Path realPath(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir.toAbsolutePath();
    }
  }

  /** The student's name: the submission folder's or zip's name ({@code .} is the current folder's). */
  public static String studentName(Path path) {
    return Submission.studentOf(path);
  }

  /** The language this grader speaks: of its feedback, its results and their reports. */
  public Language language() {
    return config.language();
  }

  /** Opens a submission folder or zip as this grader does, within its zip limits; a zip unpacks into {@code work}. */
  public Submission open(Path path, Path work) throws IOException {
    return Submission.open(path.toAbsolutePath(), work, config.limits().zip());
  }

  private String lastWords(ExerciseJvm.Outcome outcome) {
    String words = outcome.lastWords();
    return words.isEmpty() ? "" : texts.text("grader.lastWords", "words", words);
  }

  /** How the grading JVMs are isolated, in words of this grader's language. */
  private String isolation() {
    return sandbox.description(config.language());
  }

  private static String describe(Throwable e) {
    if (e instanceof IOException || e instanceof IllegalArgumentException) {
      return e.getMessage();
    }
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }

  /** Why an exercise's file was not found: where it was looked for, and a file of its name in another package. */
  private String missing(Submission submission, Exercise exercise) {
    String name = exercise.sourceFile().substring(exercise.sourceFile().lastIndexOf('/') + 1);
    String pkg = exercise.sourceFile().substring(0, exercise.sourceFile().lastIndexOf('/')).replace('/', '.');
    Path elsewhere = submission.misplaced().get(exercise);
    if (elsewhere != null) {
      String declared;
      try {
        declared = Submission.packageOf(elsewhere);
      } catch (IOException e) {
        declared = "";
      }
      return declared.isEmpty()
          ? texts.text("grader.misplaced.noPackage", "name", name, "where", shown(submission, elsewhere), "package", pkg)
          : texts.text("grader.misplaced", "name", name, "where", shown(submission, elsewhere), "declared", declared,
              "package", pkg);
    }
    return texts.text("grader.missing", "name", name, "package", pkg, "file", exercise.sourceFile());
  }

  /** A note naming the exercise files found outside the kit's layout, and where, if there are any. */
  private static Optional<String> found(Submission submission, Texts texts) {
    List<String> loose = new ArrayList<>();
    submission.files().forEach((exercise, file) -> {
      String where = shown(submission, file);
      if (!("/" + where).endsWith("/src/main/java/" + exercise.sourceFile())) {
        loose.add(texts.text("grader.foundAt", "file", file.getFileName(), "where", where));
      }
    });
    return loose.isEmpty() ? Optional.empty() : Optional.of(texts.text("grader.found", "files",
        String.join(", ", loose)));
  }

  /** {@code file} relative to the submission's folder, with '/' separators. */
  private static String shown(Submission submission, Path file) {
    return submission.root().relativize(file).toString().replace('\\', '/');
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
