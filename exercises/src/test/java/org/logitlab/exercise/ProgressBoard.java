package org.logitlab.exercise;

import static org.logitlab.exercise.TestMessages.text;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The one-screen board at the end of {@code ./mvnw test}: for each exercise, whether its public tests
 * pass, and if not, what to do next.
 *
 * <p>As a JUnit listener (registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}) it tallies each
 * exercise's tests. Under Maven it saves the rows to the file named by the system property
 * {@value #ROWS_PROPERTY}, and {@link #main} prints the board after Surefire's own report, so that it
 * is the last thing on the screen; it also names the exercise files that did not compile (the kit
 * compiles each on its own, so the others are still tested). Elsewhere (an IDE) the listener prints the
 * board itself.
 *
 * <p>The board speaks the current {@link Language}, from the bundle {@link TestMessages#BUNDLE}; its
 * markers ({@code [done]}, {@code [ -- ]}, {@code [FAIL]}) are the same in every language, since tools
 * and the kit's READMEs read them.
 */
public final class ProgressBoard implements TestExecutionListener {

  /** The system property naming the file where the listener saves the rows for {@link #main}. */
  static final String ROWS_PROPERTY = "logitlab.board";

  /** The columns an exercise's name is padded to on the board. */
  static final int NAME_COLUMNS = 36;

  private final PrintStream out;
  private final Map<Exercise, Tally> tallies = new EnumMap<>(Exercise.class);

  /** A board for JUnit's service loader: it saves its rows where {@value #ROWS_PROPERTY} says, else prints. */
  public ProgressBoard() {
    this(System.out);
  }

  /** A board that prints to {@code out}. */
  public ProgressBoard(PrintStream out) {
    this.out = out;
  }

  /** How an exercise stands, with its marker on the board (a fixed four columns, read by tools). */
  enum Outcome {
    /** Every test ran passes. */
    DONE("done"),
    /** Its tests fail because it is unfinished. */
    UNFINISHED(" -- "),
    /** Its tests fail because an exercise they run through is unfinished. */
    WAITING(" -- "),
    /** A test fails. */
    FAILING("FAIL"),
    /** No test ran to the end (all skipped). */
    NO_TEST_RAN("FAIL"),
    /** Its file does not compile. */
    NOT_COMPILING("FAIL"),
    /** Its tests did not run. */
    NOT_RUN("    ");

    private final String marker;

    Outcome(String marker) {
      this.marker = marker;
    }
  }

  /**
   * One exercise's line of the board, as data, worded when it is printed: the listener and
   * {@link #main} may run in different JVMs, and the board speaks the language of the one that prints.
   *
   * @param about for {@code WAITING} the exercise waited on (its constant's name), for {@code FAILING}
   *     the test ({@code Exercise1SigmoidTest.sigmoidOfZeroIsOneHalf}), for {@code NOT_COMPILING} the
   *     compiler's first error; else empty
   * @param parameters for {@code FAILING}, the failing test's parameters as JUnit displays them, or empty
   */
  record Row(Outcome outcome, int passed, int total, int skipped, String about, String parameters) {
    static final Row NOT_RUN = new Row(Outcome.NOT_RUN, 0, 0, 0, "", "");

    boolean done() {
      return outcome == Outcome.DONE;
    }

    /** What the board says about {@code exercise} after its marker and name. */
    String detail(Exercise exercise) {
      return switch (outcome) {
        case DONE -> skipped == 0 ? text("board.done", "passed", passed, "total", total)
            : text("board.doneSkipping", "passed", passed, "total", total, "skipped", skipped);
        case NOT_RUN -> text("board.notRun");
        case NOT_COMPILING -> text("board.notCompiling", "error", about);
        case UNFINISHED -> partly(text("board.unfinished", "reading", exercise.reading()));
        case WAITING -> partly(text("board.waiting", "exercise", Exercise.valueOf(about)));
        case FAILING -> partly(text("board.failing", "check", whatItChecks(about, parameters),
            "reading", exercise.reading()));
        case NO_TEST_RAN -> partly(text("board.noTestRan"));
      };
    }

    private String partly(String problem) {
      return text("board.partly", "passed", passed, "total", total, "problem", problem);
    }
  }

  /** What went wrong first in an exercise's tests, as a {@link Row} says it. */
  private record Problem(Outcome outcome, String about, String parameters) {}

  /** The results of one exercise's tests. */
  private static final class Tally {
    int passed;
    int failed;
    int skipped;
    Problem firstProblem;

    Row row() {
      if (failed == 0 && passed > 0) {
        return new Row(Outcome.DONE, passed, passed + skipped, skipped, "", "");
      }
      Problem problem = firstProblem != null ? firstProblem : new Problem(Outcome.NO_TEST_RAN, "", "");
      return new Row(problem.outcome(), passed, passed + failed + skipped, skipped, problem.about(),
          problem.parameters());
    }
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (!test.isTest()) {
      return;
    }
    Optional<Exercise> exercise = exerciseOf(test);
    if (exercise.isEmpty()) {
      return;
    }
    Tally tally = tallies.computeIfAbsent(exercise.get(), e -> new Tally());
    switch (result.getStatus()) {
      case SUCCESSFUL -> tally.passed++;
      case ABORTED -> tally.skipped++;
      default -> {
        tally.failed++;
        if (tally.firstProblem == null) {
          tally.firstProblem = problem(exercise.get(), test, result);
        }
      }
    }
  }

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    exerciseOf(test).ifPresent(e -> tallies.computeIfAbsent(e, k -> new Tally()).skipped++);
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    if (tallies.isEmpty()) {
      return;
    }
    Map<Exercise, Row> rows = new EnumMap<>(Exercise.class);
    tallies.forEach((exercise, tally) -> rows.put(exercise, tally.row()));
    String file = System.getProperty(ROWS_PROPERTY);
    if (file == null) {
      out.print(render(rows));
      out.flush();
    } else {
      save(rows, Path.of(file));
    }
  }

  /**
   * The board: one line per exercise, then how many are done. The exercise names are padded to
   * {@value #NAME_COLUMNS} columns as a terminal shows them (a Hangul syllable takes two), so that the
   * details line up in every language.
   */
  static String render(Map<Exercise, Row> rows) {
    String newline = System.lineSeparator();
    StringBuilder board = new StringBuilder(newline).append(text("board.title")).append(newline);
    int done = 0;
    for (Exercise exercise : Exercise.values()) {
      Row row = rows.getOrDefault(exercise, Row.NOT_RUN);
      done += row.done() ? 1 : 0;
      String name = exercise.toString();
      board.append("  [").append(row.outcome().marker).append("] ").append(name)
          .append(" ".repeat(Math.max(0, NAME_COLUMNS - Messages.columns(name)) + 1)).append(row.detail(exercise))
          .append(newline);
    }
    board.append("  ").append(text("board.count", "done", done, "total", Exercise.values().length)).append(newline);
    return board.toString();
  }

  private static void save(Map<Exercise, Row> rows, Path file) {
    Properties saved = new Properties();
    rows.forEach((exercise, row) -> {
      String prefix = exercise.name() + ".";
      saved.setProperty(prefix + "outcome", row.outcome().name());
      saved.setProperty(prefix + "passed", String.valueOf(row.passed()));
      saved.setProperty(prefix + "total", String.valueOf(row.total()));
      saved.setProperty(prefix + "skipped", String.valueOf(row.skipped()));
      saved.setProperty(prefix + "about", row.about());
      saved.setProperty(prefix + "parameters", row.parameters());
    });
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        saved.store(writer, null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(text("board.cannotSave", "file", file), e);
    }
  }

  private static Map<Exercise, Row> load(Path file) throws IOException {
    Properties saved = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      saved.load(reader);
    }
    Map<Exercise, Row> rows = new EnumMap<>(Exercise.class);
    for (Exercise exercise : Exercise.values()) {
      String prefix = exercise.name() + ".";
      String outcome = saved.getProperty(prefix + "outcome");
      if (outcome != null) {
        rows.put(exercise, new Row(Outcome.valueOf(outcome), Integer.parseInt(saved.getProperty(prefix + "passed")),
            Integer.parseInt(saved.getProperty(prefix + "total")),
            Integer.parseInt(saved.getProperty(prefix + "skipped")), saved.getProperty(prefix + "about"),
            saved.getProperty(prefix + "parameters")));
      }
    }
    return rows;
  }

  /**
   * Prints the board that the last test run saved; run by the kit's build after Surefire.
   *
   * @param args the rows file, the source folder, the class folder, and optionally {@code --check},
   *     which prints only the count and fails unless every exercise is done
   */
  public static void main(String[] args) throws IOException {
    Path rowsFile = Path.of(args[0]);
    Path sources = Path.of(args[1]);
    Path classes = Path.of(args[2]);
    boolean check = args.length > 3 && args[3].equals("--check");
    Map<Exercise, Row> rows = Files.exists(rowsFile) ? load(rowsFile) : new EnumMap<>(Exercise.class);
    List<Exercise> broken = new ArrayList<>();
    for (Exercise exercise : Exercise.values()) {
      Path source = sources.resolve(exercise.sourceFile());
      Path compiled = classes.resolve(exercise.sourceFile().replaceFirst("\\.java$", ".class"));
      if (Files.exists(source) && !Files.exists(compiled)) {
        broken.add(exercise);
        rows.put(exercise, new Row(Outcome.NOT_COMPILING, 0, 0, 0, firstCompilerError(source, classes), ""));
      }
    }
    long done = rows.values().stream().filter(Row::done).count();
    if (!check) {
      System.out.print(render(rows));
      System.out.flush();
      return;
    }
    if (done < Exercise.values().length) {
      throw new IllegalStateException(broken.isEmpty()
          ? text("board.left", "done", done, "total", Exercise.values().length)
          : text("board.leftNotCompiling", "done", done, "total", Exercise.values().length, "broken", broken.size()));
    }
  }

  /**
   * The compiler's first error for {@code source}, as {@code Sigmoid.java:12: ';' expected}: compiled
   * again on its own, against the class path of this run (the given classes and the other exercises).
   */
  static String firstCompilerError(Path source, Path classes) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      return text("board.compilerAbove");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
        StandardCharsets.UTF_8)) {
      Path out = Files.createTempDirectory("logit-lab-board");
      try {
        List<String> options = List.of("-d", out.toString(), "-proc:none", "-implicit:none",
            "-sourcepath", out.toString(), "-classpath", classPath(classes));
        javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(source)).call();
      } finally {
        try (Stream<Path> walk = Files.walk(out)) {
          walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (IOException e) {
      return text("board.compilerAbove");
    }
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .findFirst()
        .map(d -> source.getFileName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT).lines()
            .findFirst().orElse(""))
        .orElseGet(() -> text("board.compilerAbove"));
  }

  /** The class folder, then every entry of the class loader that runs this (Maven's test class path). */
  private static String classPath(Path classes) {
    List<String> entries = new ArrayList<>(List.of(classes.toString()));
    for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null;
        loader = loader.getParent()) {
      if (loader instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          try {
            entries.add(Path.of(url.toURI()).toString());
          } catch (URISyntaxException | IllegalArgumentException e) {
            // not a file: javac could not read it either
          }
        }
      }
    }
    entries.add(System.getProperty("java.class.path"));
    return String.join(File.pathSeparator, entries);
  }

  /** The exercise whose public test class ran {@code test}, by the class name. */
  private static Optional<Exercise> exerciseOf(TestIdentifier test) {
    return test.getSource()
        .filter(MethodSource.class::isInstance)
        .map(source -> ((MethodSource) source).getClassName())
        .flatMap(className -> {
          String simple = className.substring(className.lastIndexOf('.') + 1);
          for (Exercise e : Exercise.values()) {
            if (e.testClass().equals(simple)) {
              return Optional.of(e);
            }
          }
          return Optional.empty();
        });
  }

  /** What went wrong: an unfinished exercise, or the failing test and its parameters. */
  private static Problem problem(Exercise exercise, TestIdentifier test, TestExecutionResult result) {
    Throwable cause = result.getThrowable().orElse(null);
    for (Throwable t = cause; t != null; t = t.getCause()) {
      for (Exercise other : Exercise.values()) {
        // Also found inside an assertion's message, e.g. "expected IllegalArgumentException but was ...".
        if (t.getMessage() != null && t.getMessage().contains(other.unfinished().getMessage())) {
          return other == exercise ? new Problem(Outcome.UNFINISHED, "", "")
              : new Problem(Outcome.WAITING, other.name(), "");
        }
      }
    }
    MethodSource source = (MethodSource) test.getSource().orElseThrow();
    String className = source.getClassName();
    String display = test.getDisplayName();
    String parameters = display.startsWith(source.getMethodName() + "(") ? ""
        : display.replaceFirst("^\\[\\d+\\]\\s*", "");
    return new Problem(Outcome.FAILING,
        className.substring(className.lastIndexOf('.') + 1) + "." + source.getMethodName(), parameters);
  }

  /**
   * What a test checks, from the bundle's entry {@code check.<class>.<method>}, with its parameters:
   * {@code Exercise1SigmoidTest.keepsTheSubnormalTailWhereTheNaiveFormOverflows} with {@code -710.0}
   * reads "keeps the subnormal tail where the naive form overflows (-710.0)". A test of a student's own
   * has no entry: its method's name stands for it.
   */
  static String whatItChecks(String test, String parameters) {
    Messages messages = TestMessages.messages();
    String key = "check." + test;
    String check = messages.keys().contains(key) ? messages.text(key) : test.substring(test.indexOf('.') + 1);
    return parameters.isEmpty() ? check : text("board.withParameters", "check", check, "parameters", parameters);
  }
}
