package org.logitlab.exercise;

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
 */
public final class ProgressBoard implements TestExecutionListener {

  /** The system property naming the file where the listener saves the rows for {@link #main}. */
  static final String ROWS_PROPERTY = "logitlab.board";

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

  /** One exercise's line of the board. */
  record Row(String status, String detail) {
    static final Row NOT_RUN = new Row("    ", "not run");

    boolean done() {
      return status.equals("done");
    }
  }

  /** The results of one exercise's tests. */
  private static final class Tally {
    int passed;
    int failed;
    int skipped;
    String firstProblem;

    Row row() {
      if (failed == 0 && passed > 0) {
        return new Row("done", passed + "/" + (passed + skipped) + " tests pass"
            + (skipped > 0 ? " (" + skipped + " skipped)" : ""));
      }
      return new Row(firstProblem != null && firstProblem.startsWith("unfinished") ? " -- " : "FAIL",
          passed + "/" + (passed + failed + skipped) + " tests pass; "
              + (firstProblem != null ? firstProblem : "no test ran"));
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

  /** The board: one line per exercise, then how many are done. */
  static String render(Map<Exercise, Row> rows) {
    StringBuilder board = new StringBuilder();
    board.append(System.lineSeparator()).append("logit-lab progress").append(System.lineSeparator());
    int done = 0;
    for (Exercise exercise : Exercise.values()) {
      Row row = rows.getOrDefault(exercise, Row.NOT_RUN);
      done += row.done() ? 1 : 0;
      board.append(String.format(Locale.ROOT, "  [%s] %-36s %s%n", row.status(), exercise, row.detail()));
    }
    board.append(String.format(Locale.ROOT, "  %d of %d exercises done%n", done, Exercise.values().length));
    return board.toString();
  }

  private static void save(Map<Exercise, Row> rows, Path file) {
    Properties saved = new Properties();
    rows.forEach((exercise, row) -> {
      saved.setProperty(exercise.name() + ".status", row.status());
      saved.setProperty(exercise.name() + ".detail", row.detail());
    });
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        saved.store(writer, "logit-lab progress: the rows of the last test run");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the progress board to " + file, e);
    }
  }

  private static Map<Exercise, Row> load(Path file) throws IOException {
    Properties saved = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      saved.load(reader);
    }
    Map<Exercise, Row> rows = new EnumMap<>(Exercise.class);
    for (Exercise exercise : Exercise.values()) {
      String status = saved.getProperty(exercise.name() + ".status");
      if (status != null) {
        rows.put(exercise, new Row(status, saved.getProperty(exercise.name() + ".detail", "")));
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
        rows.put(exercise, new Row("FAIL", "does not compile (" + firstCompilerError(source, classes)
            + "): fix it first; the other exercises were tested with your code"));
      }
    }
    long done = rows.values().stream().filter(Row::done).count();
    if (!check) {
      System.out.print(render(rows));
      System.out.flush();
      return;
    }
    if (done < Exercise.values().length) {
      throw new IllegalStateException(done + " of " + Exercise.values().length + " exercises done"
          + (broken.isEmpty() ? "" : " (" + broken.size() + " not compiling)") + ": the board above says what is left");
    }
  }

  /**
   * The compiler's first error for {@code source}, as {@code Sigmoid.java:12: ';' expected}: compiled
   * again on its own, against the class path of this run (the given classes and the other exercises).
   */
  static String firstCompilerError(Path source, Path classes) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      return "see the compiler's message above";
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
      return "see the compiler's message above";
    }
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .findFirst()
        .map(d -> source.getFileName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT).lines()
            .findFirst().orElse(""))
        .orElse("see the compiler's message above");
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

  /** What went wrong, worded as what to do next. */
  private static String problem(Exercise exercise, TestIdentifier test, TestExecutionResult result) {
    Throwable cause = result.getThrowable().orElse(null);
    for (Throwable t = cause; t != null; t = t.getCause()) {
      for (Exercise other : Exercise.values()) {
        // Also found inside an assertion's message, e.g. "expected IllegalArgumentException but was ...".
        if (t.getMessage() != null && t.getMessage().contains(other.unfinished().getMessage())) {
          return other == exercise ? "unfinished: read " + exercise.reading() : "unfinished: waiting on " + other;
        }
      }
    }
    return "failing: " + whatItChecks(test) + "; read " + exercise.reading();
  }

  /**
   * What a test checks, from its method's name: {@code keepsTheSubnormalTail(double)} with display
   * name {@code [1] -710.0} reads "keeps the subnormal tail (-710.0)".
   */
  static String whatItChecks(TestIdentifier test) {
    String display = test.getDisplayName();
    return test.getSource().filter(MethodSource.class::isInstance)
        .map(source -> ((MethodSource) source).getMethodName())
        .map(method -> {
          String words = method.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
          String parameters = display.replaceFirst("^\\[\\d+\\]\\s*", "");
          return display.startsWith(method + "(") || parameters.isEmpty() ? words : words + " (" + parameters + ")";
        })
        .orElse(display);
  }
}
