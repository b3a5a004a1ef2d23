package org.logitlab.grader.runner;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.grader.hidden.HiddenSuites;

/**
 * Runs one exercise's hidden suites in a JVM of its own, on the {@link GradingClassPath}: the given
 * code and the grader, then the student's compiled file (which so replaces the reference's), then the
 * other exercises' reference. The JVM gets a
 * heap cap, a wall-clock limit, an empty environment and the operating-system isolation of a
 * {@link Sandbox}; its output is kept up to {@link #MAX_LOG_BYTES}; whatever it reported before it
 * stopped is kept, and only lines that carry this run's secret token count as results.
 */
public final class ExerciseJvm {

  /** The most of a grading JVM's output that is kept; the rest is counted and dropped. */
  public static final long MAX_LOG_BYTES = 1L << 20;
  /** The exit code of a JVM stopped by {@code -XX:+ExitOnOutOfMemoryError}. */
  static final int OUT_OF_MEMORY_EXIT = 3;

  /** How a grading JVM ended. */
  public enum Ending {
    /** It ran every suite and exited normally. */
    FINISHED,
    /** It was still running at the wall-clock limit and was stopped. */
    TIMED_OUT,
    /** It ran out of its heap. */
    OUT_OF_MEMORY,
    /** It exited early or abnormally (System.exit, a crash) after its handshake: the student's code. */
    CRASHED,
    /**
     * It failed for a reason of the grader's: it ended without its handshake (it could not start, the
     * sandbox refused it, it could not write its results) or it reported a fault of the grader's.
     */
    GRADER_ERROR
  }

  /**
   * What happened.
   *
   * @param ending how the JVM ended
   * @param exitCode its exit code (-1 when it was stopped)
   * @param contents what it reported
   * @param log its standard output and error, up to {@link #MAX_LOG_BYTES}
   * @param outputBytes how much it printed in all
   */
  public record Outcome(Ending ending, int exitCode, ResultLog.Contents contents, Path log, long outputBytes) {

    /**
     * The last line the JVM printed that may be shown to the student (never a frame of the grader or
     * the hidden suites), empty when there is none.
     */
    public String lastWords() {
      return Feedback.lastWords(log);
    }
  }

  /**
   * How to run the grading JVMs.
   *
   * @param memoryMb the heap cap
   * @param seconds the wall-clock limit of one JVM
   * @param testSeconds the limit of one hidden test
   * @param language the language of the feedback: the grading JVM gets it as {@code -Dlogitlab.lang}, so
   *     that the hidden suites and the exercises speak it whatever the machine's locale
   * @param properties system properties for the hidden suites (seed, thresholds, MNIST folder)
   * @param sandbox the operating-system isolation
   * @param readable folders the suites must read besides the class path (the MNIST folder)
   * @param classPath the class path and the class-data archive of the grading JVMs
   */
  public record Settings(int memoryMb, int seconds, int testSeconds, Language language, Map<String, String> properties,
      Sandbox sandbox, List<Path> readable, GradingClassPath classPath) {}

  private final Settings settings;
  private final SecureRandom random = new SecureRandom();

  /** A runner with these settings. */
  public ExerciseJvm(Settings settings) {
    this.settings = settings;
  }

  /**
   * Grades {@code exercise} with the classes in {@code studentClasses}; writes its results file and
   * log in {@code work}, the only folder it may write to. Relative paths are taken from this JVM's
   * working directory: the grading JVM gets only absolute ones, since it runs in {@code work}.
   */
  public Outcome run(Exercise exercise, Path studentClasses, Path work) throws IOException, InterruptedException {
    work = work.toAbsolutePath();
    studentClasses = studentClasses.toAbsolutePath();
    Path results = work.resolve(exercise.name() + ".results.jsonl");
    Path log = work.resolve(exercise.name() + ".log");
    String token = HexFormat.of().formatHex(random.generateSeed(16));
    List<String> java = new ArrayList<>();
    java.add(javaExecutable());
    java.add("-Xmx" + settings.memoryMb() + "m");
    java.add("-XX:+ExitOnOutOfMemoryError");
    java.add("-XX:+UseSerialGC");
    if (!HiddenSuites.trainOnMnist(exercise)) {
      // Short tests: the client compiler's code is ready sooner, for less CPU than C2 spends compiling.
      // Training on MNIST runs long enough for C2's faster code to pay, against a time budget.
      java.add("-XX:TieredStopAtLevel=1");
    }
    java.addAll(settings.classPath().jvmOptions());
    java.add("-Djava.awt.headless=true");
    java.add("-Dfile.encoding=UTF-8");
    java.add("-Djava.io.tmpdir=" + work);
    java.add("-D" + Language.PROPERTY + "=" + settings.language().tag());
    settings.properties().forEach((key, value) -> java.add("-D" + key + "=" + value));
    java.add("-cp");
    java.add(settings.classPath().classPath(studentClasses));
    java.add(ExerciseRunner.class.getName());
    java.add(exercise.name());
    java.add(results.toString());
    java.add(Integer.toString(settings.testSeconds()));
    List<Path> readable = new ArrayList<>(settings.readable());
    readable.add(studentClasses);
    settings.classPath().archive().ifPresent(readable::add);
    ProcessBuilder builder = new ProcessBuilder(settings.sandbox().wrap(java, work, readable))
        .directory(work.toFile()).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("LANG", "C.UTF-8");
    Process process = builder.start();
    try (Writer stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
      stdin.write(token + "\n");
    }
    Pump pump = new Pump(process.getInputStream(), log);
    pump.start();
    Ending ending;
    int exitCode;
    if (process.waitFor(settings.seconds(), TimeUnit.SECONDS)) {
      exitCode = process.exitValue();
      ending = exitCode == 0 ? Ending.FINISHED : exitCode == OUT_OF_MEMORY_EXIT ? Ending.OUT_OF_MEMORY : Ending.CRASHED;
    } else {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor();
      exitCode = -1;
      ending = Ending.TIMED_OUT;
    }
    pump.join(TimeUnit.SECONDS.toMillis(10));
    ResultLog.Contents contents = ResultLog.read(results, token);
    if (!contents.started() || !contents.graderError().isEmpty()) {
      ending = Ending.GRADER_ERROR;
    } else if (ending == Ending.FINISHED && contents.finished().size() < contents.plan().size()) {
      ending = Ending.CRASHED; // exited 0 before the end: the student's code stopped the JVM
    }
    return new Outcome(ending, exitCode, contents, log, pump.total);
  }

  /** The {@code java} launcher of the JDK this grader runs on. */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** This JVM's class path with every entry absolute: the grading JVM runs in another folder. */
  public static String graderClassPath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(Path.of(entry).toAbsolutePath().toString());
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** Copies the JVM's output into the log up to the cap, counting what it drops. */
  private static final class Pump extends Thread {
    private final InputStream output;
    private final Path log;
    private volatile long total;

    Pump(InputStream output, Path log) {
      super("grading-jvm-output");
      this.output = output;
      this.log = log;
      setDaemon(true);
    }

    @Override
    public void run() {
      byte[] buffer = new byte[1 << 16];
      try (InputStream in = output; OutputStream file = Files.newOutputStream(log)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          long kept = Math.max(0, Math.min(n, MAX_LOG_BYTES - total));
          if (kept > 0) {
            file.write(buffer, 0, (int) kept);
          }
          total += n;
        }
      } catch (IOException e) {
        // the JVM was stopped mid-write: what was kept stays
      }
    }
  }
}
