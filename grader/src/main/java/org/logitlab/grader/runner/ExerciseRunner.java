package org.logitlab.grader.runner;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.logitlab.exercise.Exercise;
import org.logitlab.grader.hidden.HiddenSuites;

/**
 * The grading JVM's entry point: runs the hidden suites of one exercise and appends one JSON line
 * per event to a results file, flushed at once, so that whatever finished before a crash or a kill
 * is kept: first the plan (every test the suites hold), then one line per finished test.
 *
 * <p>{@code java -cp <student classes>:<grader> org.logitlab.grader.runner.ExerciseRunner EXERCISE RESULTS}
 */
public final class ExerciseRunner {

  private ExerciseRunner() {}

  /** Runs the suites; exits 0 when they ran (whatever their results), 2 on a usage error. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: ExerciseRunner <EXERCISE> <results file>");
      System.exit(2);
    }
    Exercise exercise = Exercise.valueOf(args[0]);
    try (Writer out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      run(exercise, new ResultLog(out));
    }
    // Student code may have left non-daemon threads running: they must not keep this JVM alive.
    System.exit(0);
  }

  static void run(Exercise exercise, ResultLog log) {
    List<ClassSelector> selectors = new ArrayList<>();
    for (Class<?> suite : HiddenSuites.of(exercise)) {
      selectors.add(selectClass(suite));
    }
    Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
        .enableTestExecutionListenerAutoRegistration(false).build());
    PrintStream console = System.out;
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(), new Listener(log, console));
  }

  /** Turns JUnit's events into result lines. */
  private static final class Listener implements TestExecutionListener {
    private final ResultLog log;
    private final PrintStream console;
    private final Map<String, Long> started = new HashMap<>();
    private final Map<String, Map<String, String>> entries = new HashMap<>();

    Listener(ResultLog log, PrintStream console) {
      this.log = log;
      this.console = console;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
      List<ResultLog.PlannedTest> tests = new ArrayList<>();
      for (TestIdentifier root : plan.getRoots()) {
        for (TestIdentifier test : plan.getDescendants(root)) {
          if (test.isTest()) {
            tests.add(new ResultLog.PlannedTest(test.getUniqueId(), test.getDisplayName(), isMnist(test)));
          }
        }
      }
      log.plan(tests);
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
        log.result(test.getUniqueId(), "SKIPPED", reason, 0, Map.of());
      }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      if (!test.isTest()) {
        if (result.getStatus() == TestExecutionResult.Status.FAILED) {
          // A suite that fails as a whole (e.g. its setup threw): say so on the log.
          console.println("suite " + test.getDisplayName() + " failed: " + Feedback.of(result.getThrowable().orElse(null)));
        }
        return;
      }
      long millis = (System.nanoTime() - started.getOrDefault(test.getUniqueId(), System.nanoTime())) / 1_000_000;
      String status = switch (result.getStatus()) {
        case SUCCESSFUL -> "PASSED";
        case ABORTED -> "SKIPPED";
        case FAILED -> "FAILED";
      };
      String feedback = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? ""
          : Feedback.of(result.getThrowable().orElse(null));
      log.result(test.getUniqueId(), status, feedback, millis, entries.getOrDefault(test.getUniqueId(), Map.of()));
    }

    private static boolean isMnist(TestIdentifier test) {
      return test.getTags().stream().anyMatch(tag -> tag.getName().equals("mnist"));
    }
  }
}
