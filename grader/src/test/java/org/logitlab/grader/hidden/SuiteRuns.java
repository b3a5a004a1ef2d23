package org.logitlab.grader.hidden;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.logitlab.exercise.Exercise;
import org.logitlab.grader.submission.ExerciseCompiler;
import org.logitlab.tools.ChildFirstClassLoader;
import org.logitlab.tools.SkeletonGenerator;

/**
 * Runs an exercise's hidden suites through the JUnit Platform Launcher, either in this JVM's class
 * path (where {@code org.logitlab.*} is the reference) or the way the grader does it: a class loader
 * that takes one exercise's compiled file first, then the reference library and the grader's classes.
 */
final class SuiteRuns {

  /** The repository root (the build passes it; tests run in grader/). */
  static final Path ROOT = Path.of(System.getProperty("logitlab.root", "..")).toAbsolutePath().normalize();

  /** One finished test: its method, display name, status, failure message and the entries it published. */
  record Outcome(String method, String displayName, TestExecutionResult.Status status, String message,
      Map<String, String> entries) {

    boolean passed() {
      return status == TestExecutionResult.Status.SUCCESSFUL;
    }

    @Override
    public String toString() {
      return status + " " + method + (message.isEmpty() ? "" : ": " + message);
    }
  }

  private SuiteRuns() {}

  /** Runs the suites of {@code exercise} with the reference as the student's code, under the given system properties. */
  static List<Outcome> reference(Exercise exercise, Map<String, String> properties) {
    return withProperties(properties, () -> launch(HiddenSuites.of(exercise)));
  }

  /** Runs the suites of {@code exercise} with {@code studentClasses} (one exercise's compiled file) first. */
  static List<Outcome> isolated(Exercise exercise, Path studentClasses, Map<String, String> properties)
      throws IOException {
    URL[] urls = {studentClasses.toUri().toURL(), location(HiddenSuites.class), location(org.logitlab.activation.Sigmoid.class)};
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (ChildFirstClassLoader loader = new ChildFirstClassLoader(urls, SuiteRuns.class.getClassLoader())) {
      Thread.currentThread().setContextClassLoader(loader);
      Class<?> exerciseType = loader.loadClass(Exercise.class.getName());
      Object isolatedExercise = exerciseType.getMethod("valueOf", String.class).invoke(null, exercise.name());
      @SuppressWarnings("unchecked")
      List<Class<?>> suites = (List<Class<?>>) loader.loadClass(HiddenSuites.class.getName())
          .getMethod("of", exerciseType).invoke(null, isolatedExercise);
      if (suites.stream().anyMatch(s -> s.getClassLoader() != loader)) {
        throw new IllegalStateException("the suites were not loaded in isolation");
      }
      return withProperties(properties, () -> launch(suites));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  /** The reference source of the exercise's file. */
  static String referenceSource(Exercise exercise) throws IOException {
    return Files.readString(ROOT.resolve("solutions/src/main/java").resolve(exercise.sourceFile()));
  }

  /** The skeleton of the exercise's file: its solution region replaced by "not done yet". */
  static String skeletonSource(Exercise exercise) throws IOException {
    String file = exercise.sourceFile();
    return SkeletonGenerator.skeleton(referenceSource(exercise), file.substring(file.lastIndexOf('/') + 1),
        Set.of());
  }

  /** Compiles {@code source}, the exercise's file, against the reference library into {@code dir}/classes. */
  static Path compile(Exercise exercise, String source, Path dir) throws IOException {
    Path file = dir.resolve("src").resolve(exercise.sourceFile());
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    Path classes = dir.resolve("classes");
    List<String> errors = new ExerciseCompiler(120, 512).compile(file, classes);
    if (!errors.isEmpty()) {
      throw new IllegalStateException("the mutant of " + exercise.sourceFile() + " does not compile:\n" + errors);
    }
    return classes;
  }

  private static URL location(Class<?> type) {
    return Optional.ofNullable(type.getProtectionDomain().getCodeSource()).orElseThrow().getLocation();
  }

  private static List<Outcome> launch(List<Class<?>> suites) {
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    Map<String, Map<String, String>> entries = new java.util.concurrent.ConcurrentHashMap<>();
    TestExecutionListener listener = new TestExecutionListener() {
      @Override
      public void reportingEntryPublished(TestIdentifier id, org.junit.platform.engine.reporting.ReportEntry entry) {
        entries.computeIfAbsent(id.getUniqueId(), k -> new java.util.concurrent.ConcurrentHashMap<>())
            .putAll(entry.getKeyValuePairs());
      }

      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
          if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            outcomes.add(new Outcome("<container " + id.getDisplayName() + ">", id.getDisplayName(), result.getStatus(),
                message(result), Map.of()));
          }
          return;
        }
        String method = id.getSource().filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getMethodName())
            .orElse(id.getDisplayName());
        outcomes.add(new Outcome(method, id.getDisplayName(), result.getStatus(), message(result),
            Map.copyOf(entries.getOrDefault(id.getUniqueId(), Map.of()))));
      }
    };
    Launcher launcher = LauncherFactory.create();
    for (Class<?> suite : suites) {
      launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(suite)).build(), listener);
    }
    return List.copyOf(outcomes);
  }

  private static String message(TestExecutionResult result) {
    return result.getThrowable().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()).orElse("");
  }

  private static <T> T withProperties(Map<String, String> properties, Supplier<T> action) {
    Map<String, String> saved = new HashMap<>();
    properties.forEach((key, value) -> saved.put(key, System.setProperty(key, value)));
    try {
      return action.get();
    } finally {
      saved.forEach((key, value) -> {
        if (value == null) {
          System.clearProperty(key);
        } else {
          System.setProperty(key, value);
        }
      });
    }
  }
}
