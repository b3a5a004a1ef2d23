package org.logitlab.grader.runner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.logitlab.exercise.Exercise;

/**
 * Runs one exercise's hidden suites in a JVM of its own: the student's compiled file first on the
 * class path (so it replaces the reference class of the same name), then the grader. The JVM gets a
 * heap cap and a wall-clock limit; whatever it reported before it stopped is kept.
 */
public final class ExerciseJvm {

  /** How a grading JVM ended. */
  public enum Ending {
    /** It ran every suite and exited normally. */
    FINISHED,
    /** It was still running at the wall-clock limit and was stopped. */
    TIMED_OUT,
    /** It exited early or abnormally (System.exit, a crash, out of memory). */
    CRASHED
  }

  /**
   * What happened.
   *
   * @param ending how the JVM ended
   * @param exitCode its exit code (-1 when it was stopped)
   * @param contents what it reported
   * @param log its standard output and error
   */
  public record Outcome(Ending ending, int exitCode, ResultLog.Contents contents, Path log) {}

  private final int memoryMb;
  private final int seconds;
  private final Map<String, String> properties;

  /**
   * @param memoryMb the heap cap
   * @param seconds the wall-clock limit
   * @param properties system properties for the hidden suites (seed, thresholds, MNIST folder)
   */
  public ExerciseJvm(int memoryMb, int seconds, Map<String, String> properties) {
    this.memoryMb = memoryMb;
    this.seconds = seconds;
    this.properties = Map.copyOf(properties);
  }

  /**
   * Grades {@code exercise} with the classes in {@code studentClasses}; writes its results file and
   * log in {@code work}.
   */
  public Outcome run(Exercise exercise, Path studentClasses, Path work) throws IOException, InterruptedException {
    Path results = work.resolve(exercise.name() + ".results.jsonl");
    Path log = work.resolve(exercise.name() + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + memoryMb + "m");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.awt.headless=true");
    command.add("-Dfile.encoding=UTF-8");
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-cp");
    command.add(studentClasses + File.pathSeparator + System.getProperty("java.class.path"));
    command.add(ExerciseRunner.class.getName());
    command.add(exercise.name());
    command.add(results.toString());
    Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    Ending ending;
    int exitCode;
    if (process.waitFor(seconds, TimeUnit.SECONDS)) {
      exitCode = process.exitValue();
      ending = exitCode == 0 ? Ending.FINISHED : Ending.CRASHED;
    } else {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor();
      exitCode = -1;
      ending = Ending.TIMED_OUT;
    }
    ResultLog.Contents contents = ResultLog.read(results);
    if (ending == Ending.FINISHED && contents.finished().size() < contents.plan().size()) {
      ending = Ending.CRASHED; // exited 0 before the end: the student's code called System.exit(0)
    }
    return new Outcome(ending, exitCode, contents, log);
  }
}
