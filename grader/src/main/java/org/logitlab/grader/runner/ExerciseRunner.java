package org.logitlab.grader.runner;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.logitlab.exercise.Exercise;
import org.logitlab.grader.hidden.GradingParameters;
import org.logitlab.grader.Texts;
import org.logitlab.grader.hidden.HiddenSuites;
import org.logitlab.tools.ChildFirstClassLoader;

/**
 * The grading JVM's entry point: runs the hidden suites of one exercise, each test in a class loader
 * of its own (so that static state in the student's code cannot carry from one test to the next, and
 * the order of the tests cannot matter), and appends one JSON line per event to a results file.
 *
 * <p>{@code java -cp <}{@link GradingClassPath}{@code > org.logitlab.grader.runner.ExerciseRunner EXERCISE
 * RESULTS TEST_SECONDS}; the first line of standard input is a token that every result line carries,
 * read before any student class loads, so that nothing the student's code writes can pass for a result.
 */
public final class ExerciseRunner {

  /** The exit code when the results file cannot be written (a grader fault: no student code has run). */
  public static final int CANNOT_REPORT_EXIT = 70;
  /** The tag of tests that get the MNIST budget instead of the per-test limit. */
  private static final String MNIST_TAG = "mnist";

  private ExerciseRunner() {}

  /**
   * Runs the suites; exits 0 when they ran (whatever their results), 2 on a usage error and
   * {@value #CANNOT_REPORT_EXIT} when it cannot write its results file.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: ExerciseRunner <EXERCISE> <results file> <seconds per test>");
      System.exit(2);
    }
    String token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    System.in.close();
    Exercise exercise = Exercise.valueOf(args[0]);
    int testSeconds = Integer.parseInt(args[2]);
    Writer out;
    try {
      out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    } catch (IOException e) {
      System.err.println(Texts.current().text("runner.cannotWrite", "file", args[1], "error", e));
      System.exit(CANNOT_REPORT_EXIT);
      return;
    }
    try (out) {
      ResultLog log = new ResultLog(out, token == null ? "" : token);
      // The handshake: written before any student class can load, so its absence proves a grader fault.
      log.started();
      run(exercise, log, testSeconds);
    }
    // Student code may have left threads running (a test that timed out): they must not keep this JVM alive.
    System.exit(0);
  }

  static void run(Exercise exercise, ResultLog log, int testSeconds) throws IOException {
    Texts texts = Texts.current();
    URL[] classPath = classPath();
    List<ResultLog.PlannedTest> plan;
    Set<String> timed = new HashSet<>();
    try (ChildFirstClassLoader loader = new ChildFirstClassLoader(classPath, ExerciseRunner.class.getClassLoader())) {
      plan = discover(exercise, loader, timed);
    } catch (RuntimeException | LinkageError e) {
      // Discovery loads only the grader's suites: a failure here is the grader's, never the student's.
      log.graderError(texts.text("runner.cannotLoad", "exercise", exercise.name(), "error", e));
      return;
    }
    if (plan.isEmpty()) {
      log.graderError(texts.text("runner.noTests", "exercise", exercise.name()));
      return;
    }
    log.plan(plan);
    PrintStream console = System.out;
    for (ResultLog.PlannedTest test : plan) {
      // The MNIST test and the timed tests enforce their own budgets; the per-test limit only backs them up,
    // so that a test's setup on a busy machine is never taken for the student's endless loop.
      int seconds = testSeconds + (test.mnist() ? GradingParameters.mnistTimeBudgetSeconds()
          : timed.contains(test.id()) ? GradingParameters.SCALE_BUDGET_SECONDS : 0);
      Listener listener = new Listener(log, console, testSeconds);
      Thread worker = new Thread(() -> runOne(test, seconds, classPath, listener), "hidden-test");
      worker.setDaemon(true);
      worker.start();
      try {
        // JUnit's own limit stops the test; this one also bounds what JUnit does with what the test threw
        // (wrapping a student's exception calls its toString, which may be the student's endless loop).
        worker.join((seconds + testSeconds) * 1000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (worker.isAlive() && listener.abandon()) {
        log.result(test.id(), "FAILED", texts.text("runner.stopped", "seconds", seconds + testSeconds), 0, Map.of());
      }
      if (listener.timedOut) {
        // The student's code is still spinning in a thread no one can stop: end here, so that it does
        // not slow down the tests after it, and say why the rest did not run.
        for (ResultLog.PlannedTest rest : plan.subList(plan.indexOf(test) + 1, plan.size())) {
          log.result(rest.id(), "FAILED", texts.text("runner.notRunAfterTimeout"), 0, Map.of());
        }
        return;
      }
    }
  }

  /** Runs one planned test in a class loader of its own and reports it, whatever happens. */
  private static void runOne(ResultLog.PlannedTest test, int seconds, URL[] classPath, Listener listener) {
    try (ChildFirstClassLoader loader = new ChildFirstClassLoader(classPath, ExerciseRunner.class.getClassLoader())) {
      execute(request(selectUniqueId(test.id()), seconds), loader, listener);
    } catch (Throwable escaped) {
      // JUnit rethrows what it deems unrecoverable (an OutOfMemoryError the student's code threw: a real
      // one ends this JVM with -XX:+ExitOnOutOfMemoryError): it is this test's failure, not a crash.
      Feedback.Described described = Feedback.within(escaped, listener.describeSeconds);
      listener.report(test.id(), "FAILED", described.text(), 0, Map.of(), described.overran());
    }
    listener.report(test.id(), "FAILED", listener.setupFailure != null ? listener.setupFailure
        : Texts.current().text("runner.didNotRun"), 0, Map.of(), false);
  }

  private static List<ResultLog.PlannedTest> discover(Exercise exercise, ClassLoader loader, Set<String> timed) {
    List<ResultLog.PlannedTest> tests = new ArrayList<>();
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
    try {
      Class<?> suites = loader.loadClass(HiddenSuites.class.getName());
      Class<?> exerciseType = loader.loadClass(Exercise.class.getName());
      @SuppressWarnings("unchecked")
      List<Class<?>> classes = (List<Class<?>>) suites.getMethod("of", exerciseType)
          .invoke(null, exerciseType.getMethod("valueOf", String.class).invoke(null, exercise.name()));
      for (Class<?> suite : classes) {
        request.selectors(selectClass(suite));
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the hidden suites of " + exercise, e);
    }
    TestPlan plan = withContextLoader(loader, () -> launcher().discover(request.build()));
    for (TestIdentifier root : plan.getRoots()) {
      for (TestIdentifier test : plan.getDescendants(root)) {
        if (test.isTest()) {
          boolean mnist = test.getTags().stream().anyMatch(tag -> tag.getName().equals(MNIST_TAG));
          if (test.getTags().stream().anyMatch(tag -> tag.getName().equals(GradingParameters.TIMED_TAG))) {
            timed.add(test.getUniqueId());
          }
          tests.add(new ResultLog.PlannedTest(test.getUniqueId(), test.getDisplayName(), mnist));
        }
      }
    }
    return tests;
  }

  private static LauncherDiscoveryRequest request(DiscoverySelector selector, int seconds) {
    return LauncherDiscoveryRequestBuilder.request().selectors(selector)
        .configurationParameter("junit.jupiter.execution.timeout.default", seconds + " s")
        .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
        .build();
  }

  private static void execute(LauncherDiscoveryRequest request, ClassLoader loader, TestExecutionListener listener) {
    withContextLoader(loader, () -> {
      launcher().execute(request, listener);
      return null;
    });
  }

  private static Launcher launcher() {
    return LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
  }

  private static <T> T withContextLoader(ClassLoader loader, Supplier<T> action) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return action.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * This JVM's class path, as URLs, in order: the given code and the grader, the student's classes,
   * the other exercises' reference (see {@link GradingClassPath}).
   */
  private static URL[] classPath() throws IOException {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    return urls.toArray(URL[]::new);
  }

  /** Turns JUnit's events into result lines. */
  private static final class Listener implements TestExecutionListener {
    private final ResultLog log;
    private final PrintStream console;
    private final Map<String, Long> started = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> entries = new LinkedHashMap<>();
    /** How long describing a failure may run the student's code: the per-test limit. */
    private final int describeSeconds;
    private boolean reported;
    private boolean abandoned;
    volatile boolean timedOut;
    volatile String setupFailure;

    Listener(ResultLog log, PrintStream console, int describeSeconds) {
      this.log = log;
      this.console = console;
      this.describeSeconds = describeSeconds;
    }

    /**
     * Writes the test's result unless one was written already or the test was abandoned; a test
     * reports once.
     */
    synchronized void report(String id, String status, String feedback, long millis, Map<String, String> entries,
        boolean overran) {
      timedOut |= overran;
      if (!reported && !abandoned) {
        reported = true;
        log.result(id, status, feedback, millis, entries);
      }
    }

    /** Gives up on a test that did not finish: true if it had not reported, and it never will. */
    synchronized boolean abandon() {
      abandoned = true;
      timedOut = true;
      return !reported;
    }

    @Override
    public void executionStarted(TestIdentifier test) {
      started.put(test.getUniqueId(), System.nanoTime());
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
      entries.computeIfAbsent(test.getUniqueId(), id -> new LinkedHashMap<>()).putAll(entry.getKeyValuePairs());
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
      if (test.isTest()) {
        report(test.getUniqueId(), "SKIPPED", reason, 0, Map.of(), false);
      }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      if (!test.isTest()) {
        if (result.getStatus() == TestExecutionResult.Status.FAILED) {
          Feedback.Described described = Feedback.within(result.getThrowable().orElse(null), describeSeconds);
          timedOut |= described.overran();
          setupFailure = Texts.current().text("runner.setupFailed", "feedback", described.text());
          console.println(test.getDisplayName() + ": " + setupFailure);
        }
        return;
      }
      long millis = (System.nanoTime() - started.getOrDefault(test.getUniqueId(), System.nanoTime())) / 1_000_000;
      String status = switch (result.getStatus()) {
        case SUCCESSFUL -> "PASSED";
        case ABORTED -> "SKIPPED";
        case FAILED -> "FAILED";
      };
      String feedback = "";
      boolean overran = false;
      if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        // Describing the failure may run the student's code (an exception of theirs): within a limit.
        Feedback.Described described = Feedback.within(result.getThrowable().orElse(null), describeSeconds);
        feedback = described.text();
        overran = described.timeout() || described.overran();
      }
      Map<String, String> published = entries.getOrDefault(test.getUniqueId(), Map.of());
      String fault = published.get(GradingParameters.GRADER_FAULT);
      if (fault != null) {
        log.graderError(fault);
      }
      report(test.getUniqueId(), status, feedback, millis, published, overran);
    }
  }
}
