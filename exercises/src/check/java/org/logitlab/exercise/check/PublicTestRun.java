package org.logitlab.exercise.check;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.exercise.ProgressBoard;
import org.logitlab.tools.ChildFirstClassLoader;
import org.logitlab.tools.SkeletonGenerator;

/**
 * Builds a variant of the student's project in which some exercises are solved (their reference
 * bodies kept, the others left as the skeleton's stubs), compiles it with the public tests, and runs
 * those tests in a class loader of its own, in a given language (the system property
 * {@value Language#PROPERTY}, set for the run and restored after it).
 */
final class PublicTestRun {

  /** The outcome of every public test, by exercise, plus the progress board it printed. */
  record Outcome(Map<Exercise, List<TestResult>> results, String board) {}

  /** One test's result: its display name, its status and, if it failed, the exception. */
  record TestResult(String name, TestExecutionResult.Status status, Throwable failure) {}

  static final Path ROOT = Path.of(System.getProperty("logitlab.root", "..")).toAbsolutePath().normalize();
  static final Path REFERENCE_SOURCES = ROOT.resolve("solutions/src/main/java");
  static final Path REFERENCE_RESOURCES = ROOT.resolve("solutions/src/main/resources");
  static final Path PUBLIC_TESTS = ROOT.resolve("exercises/src/test/java");

  private PublicTestRun() {}

  /** Generates, compiles and tests the variant with {@code solved} exercises under {@code work}. */
  static Outcome run(Set<Exercise> solved, Path work, Language language) throws IOException, ClassNotFoundException {
    return run(REFERENCE_SOURCES, solved, work, language);
  }

  /**
   * Every exercise solved, but {@code exercise}'s reference file with {@code find} replaced by
   * {@code replace}: a classic mistake, to see what the public tests make of it.
   */
  static Outcome runMistake(Exercise exercise, String find, String replace, Path work, Language language)
      throws IOException, ClassNotFoundException {
    Path reference = work.resolve("reference");
    try (Stream<Path> walk = Files.walk(REFERENCE_SOURCES)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        Path copy = reference.resolve(REFERENCE_SOURCES.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        String text = Files.readString(file);
        if (file.endsWith(exercise.sourceFile())) {
          if (!text.contains(find)) {
            throw new IllegalArgumentException(exercise.sourceFile() + " has no '" + find + "'");
          }
          text = text.replace(find, replace);
        }
        Files.writeString(copy, text);
      }
    }
    return run(reference, EnumSet.allOf(Exercise.class), work, language);
  }

  private static Outcome run(Path reference, Set<Exercise> solved, Path work, Language language)
      throws IOException, ClassNotFoundException {
    Path sources = work.resolve("src");
    Path classes = Files.createDirectories(work.resolve("classes"));
    SkeletonGenerator.generate(reference, sources, solved);
    compile(List.of(sources, PUBLIC_TESTS), classes);
    try (ChildFirstClassLoader loader = new ChildFirstClassLoader(new URL[] {url(classes), url(REFERENCE_RESOURCES)},
        PublicTestRun.class.getClassLoader())) {
      return test(loader, language);
    }
  }

  /** Runs the public tests that are on the current class path (the untouched skeleton). */
  static Outcome runOnClassPath(Language language) throws ClassNotFoundException {
    return test(PublicTestRun.class.getClassLoader(), language);
  }

  private static Outcome test(ClassLoader loader, Language language) throws ClassNotFoundException {
    List<ClassSelector> selectors = new ArrayList<>();
    for (Exercise e : Exercise.values()) {
      selectors.add(selectClass(loader.loadClass("org.logitlab.exercise." + e.testClass())));
    }
    Map<Exercise, List<TestResult>> results = new EnumMap<>(Exercise.class);
    TestExecutionListener collector = new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest() && test.getSource().orElse(null) instanceof MethodSource source) {
          Exercise exercise = exerciseOf(source.getClassName());
          results.computeIfAbsent(exercise, e -> new ArrayList<>()).add(new TestResult(
              source.getClassName() + "." + source.getMethodName() + " " + test.getDisplayName(),
              result.getStatus(), result.getThrowable().orElse(null)));
        }
      }
    };
    ByteArrayOutputStream board = new ByteArrayOutputStream();
    Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
        .enableTestExecutionListenerAutoRegistration(false).build());
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Bundles.in(language, () -> {
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(), collector,
            new ProgressBoard(new PrintStream(board, true, StandardCharsets.UTF_8)));
        return null;
      });
    } finally {
      thread.setContextClassLoader(previous);
    }
    return new Outcome(results, board.toString(StandardCharsets.UTF_8));
  }

  static Exercise exerciseOf(String testClassName) {
    for (Exercise e : Exercise.values()) {
      if (testClassName.endsWith("." + e.testClass())) {
        return e;
      }
    }
    throw new IllegalStateException(testClassName + " is not an exercise's public test class");
  }

  private static void compile(List<Path> roots, Path classes) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path root : roots) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
      }
    }
    String classPath = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(entry -> entry.endsWith(".jar"))
        .collect(Collectors.joining(java.io.File.pathSeparator));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      boolean ok = javac.getTask(null, fm, diagnostics,
          List.of("--release", "17", "-proc:none", "-classpath", classPath, "-d", classes.toString()), null,
          fm.getJavaFileObjectsFromPaths(files)).call();
      if (!ok) {
        throw new IllegalStateException("the variant does not compile: " + diagnostics.getDiagnostics());
      }
    }
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }
}
