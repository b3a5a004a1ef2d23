package org.logitlab.grader.submission;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.grader.Texts;
import org.logitlab.grader.runner.ExerciseJvm;

/**
 * Compiles one exercise file on its own, against the given code (the reference library, whose
 * public API the skeleton shares), so that one broken file never stops the others from being graded.
 *
 * <p>javac runs in a worker JVM of its own with a heap cap and a time limit per file: valid code can
 * keep javac busy for minutes (nested generic inference grows exponentially), and a thread inside this
 * JVM could not be stopped. A worker that overruns is killed and only that file fails; workers are
 * reused while they behave, so javac stays warm across the files of a batch.
 */
public final class ExerciseCompiler {

  /** Idle workers by heap size, shared by every compiler of this JVM. */
  private static final Map<Integer, ConcurrentLinkedDeque<Worker>> IDLE = new ConcurrentHashMap<>();
  private static final Gson GSON = new Gson();
  /** The exit code of a JVM stopped by {@code -XX:+ExitOnOutOfMemoryError}. */
  private static final int OUT_OF_MEMORY_EXIT = 3;
  /** What a worker prints once it can compile. */
  private static final String READY = "ready";
  /** How long a worker may take to start and warm up before it counts as a fault of the machine. */
  private static final int START_SECONDS = 120;

  private final int seconds;
  private final int memoryMb;
  private final Texts texts;

  /**
   * @param seconds how long javac may take over one file
   * @param memoryMb the heap of the compiler's JVM
   * @param language the language of what it says about a file javac could not compile (javac's own
   *     diagnostics stay as javac writes them)
   */
  public ExerciseCompiler(int seconds, int memoryMb, Language language) {
    this.seconds = seconds;
    this.memoryMb = memoryMb;
    this.texts = Texts.of(language);
  }

  /** A compiler that speaks the language of this JVM. */
  public ExerciseCompiler(int seconds, int memoryMb) {
    this(seconds, memoryMb, Language.current());
  }

  /**
   * Compiles {@code source} into {@code classes}.
   *
   * @return the compiler's error messages, empty when it compiled; a file javac did not finish in
   *     time or memory gets one message that says so
   * @throws IOException if the compiler's JVM cannot be started (a fault of the grading machine)
   */
  public List<String> compile(Path source, Path classes) throws IOException {
    Files.createDirectories(classes);
    ConcurrentLinkedDeque<Worker> idle = IDLE.computeIfAbsent(memoryMb, k -> new ConcurrentLinkedDeque<>());
    Worker worker = idle.pollFirst();
    if (worker == null || !worker.process.isAlive()) {
      worker = Worker.start(memoryMb);
    }
    Request request = new Request(source.toAbsolutePath().toString(), classes.toAbsolutePath().toString());
    worker.input.write(GSON.toJson(request) + "\n");
    worker.input.flush();
    String line;
    try {
      line = worker.answer(seconds);
    } catch (TimeoutException e) {
      worker.kill();
      return List.of(texts.text("compile.timeout", "file", source.getFileName(), "seconds", seconds));
    } catch (ExecutionException e) {
      line = null;
    } catch (InterruptedException e) {
      worker.kill();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compiling " + source, e);
    }
    if (line == null) {
      int exit = worker.exitCode();
      if (exit == OUT_OF_MEMORY_EXIT) {
        return List.of(texts.text("compile.outOfMemory", "file", source.getFileName(), "memoryMb", memoryMb));
      }
      throw new IOException("the compiler's JVM ended with exit code " + exit + " before it answered; is "
          + "limits.memoryMb (" + memoryMb + ") a heap this machine can give?");
    }
    idle.addFirst(worker);
    Answer parsed;
    try {
      parsed = GSON.fromJson(line, Answer.class);
    } catch (JsonParseException e) {
      throw new IOException("the compiler's JVM answered something unreadable: " + line, e);
    }
    if (parsed == null || parsed.fault() != null || parsed.errors() == null) {
      throw new IOException("the compiler could not work: " + (parsed == null ? line : parsed.fault()));
    }
    if (parsed.broke() != null) {
      return List.of(parsed.broke().isEmpty() ? texts.text("compile.noReason", "file", source.getFileName())
          : texts.text("compile.broke", "file", source.getFileName(), "error", parsed.broke()));
    }
    return List.of(parsed.errors());
  }

  /**
   * The worker JVM: reads one request per line on standard input and answers each with one line on
   * standard output (javac's own output goes to standard error); ends when its input ends.
   */
  public static void main(String[] args) throws IOException {
    PrintStream answers = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String classPath = locationOf(Exercise.class);
    // Warm javac up before the first file's clock starts, then say so.
    Path warmUp = Files.createTempDirectory("logitlab-compiler");
    Path source = Files.writeString(warmUp.resolve("WarmUp.java"), "final class WarmUp { double z = Math.exp(1); }");
    compileHere(source, warmUp, classPath);
    Files.deleteIfExists(warmUp.resolve("WarmUp.class"));
    Files.delete(source);
    Files.delete(warmUp);
    answers.println(READY);
    for (String line; (line = requests.readLine()) != null; ) {
      Request request = GSON.fromJson(line, Request.class);
      source = Path.of(request.source());
      Answer answer;
      try {
        List<String> errors = compileHere(source, Path.of(request.classes()), classPath);
        // javac failed without an error of the file's: the grader says so in its language.
        answer = errors == null ? new Answer(new String[0], null, "") : new Answer(errors.toArray(String[]::new), null,
            null);
      } catch (IOException e) {
        answer = new Answer(null, "cannot read " + source + " or write its classes: " + e, null);
      } catch (RuntimeException | StackOverflowError e) {
        // javac itself broke on this file (deep nesting overflows its stack): the file's, as javac says.
        answer = new Answer(new String[0], null, e.toString());
      }
      answers.println(GSON.toJson(answer));
    }
  }

  /** javac's errors about the file; null when javac failed without one. */
  private static List<String> compileHere(Path source, Path classes, String classPath) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no Java compiler: run the grader on a JDK, not a JRE");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean ok;
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      ok = javac.getTask(null, files, diagnostics,
          List.of("--release", "17", "-proc:none", "-implicit:none", "-encoding", "UTF-8", "-nowarn",
              "-classpath", classPath, "-d", classes.toString()),
          null, files.getJavaFileObjects(source.toFile())).call();
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + ": ";
        errors.add(file + d.getMessage(Locale.ROOT));
      }
    }
    return !ok && errors.isEmpty() ? null : errors;
  }

  /** The class-path entry (jar or folder) a class was loaded from. */
  static String locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate " + type.getName(), e);
    }
  }

  private record Request(String source, String classes) {}

  /**
   * The errors of a file, or the fault that kept the worker from compiling it (the grader's).
   *
   * @param broke when javac itself failed on the file, what it threw ("" when it failed without saying
   *     why), else null
   */
  private record Answer(String[] errors, String fault, String broke) {}

  /** One compiler JVM and its pipes. */
  private static final class Worker {
    final Process process;
    final Writer input;
    final BufferedReader output;

    /** A worker that has started and warmed up. */
    static Worker start(int memoryMb) throws IOException {
      Worker worker = new Worker(memoryMb);
      String first;
      try {
        first = worker.answer(START_SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        first = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        first = null;
      }
      if (!READY.equals(first)) {
        String said = first == null ? "" : worker.lastWords(first);
        throw new IOException("the compiler's JVM did not start (" + (said.isEmpty() ? "exit code "
            + worker.exitCode() : said) + "); is limits.memoryMb (" + memoryMb + ") a heap this machine can give?");
      }
      return worker;
    }

    /** The worker's next line, waiting at most {@code seconds}; null when it ended. */
    String answer(int seconds) throws TimeoutException, ExecutionException, InterruptedException {
      FutureTask<String> line = new FutureTask<>(output::readLine);
      Thread reader = new Thread(line, "compiler-answer");
      reader.setDaemon(true);
      reader.start();
      return line.get(seconds, TimeUnit.SECONDS);
    }

    private Worker(int memoryMb) throws IOException {
      process = new ProcessBuilder(ExerciseJvm.javaExecutable(), "-Xmx" + memoryMb + "m", "-XX:+UseSerialGC",
          "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8",
          "-cp", ExerciseJvm.graderClassPath(), ExerciseCompiler.class.getName())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * What a worker that failed to start printed, from {@code first} on (a JVM that cannot start says
     * why over several lines), joined with "; "; the worker is stopped.
     */
    String lastWords(String first) {
      exitCode();
      List<String> lines = new ArrayList<>(List.of(first.strip()));
      try {
        for (String line; lines.size() < 5 && (line = output.readLine()) != null; ) {
          if (!line.isBlank()) {
            lines.add(line.strip());
          }
        }
      } catch (IOException e) {
        // The pipe closed with the process: what was read is what it said.
      }
      return String.join("; ", lines);
    }

    /** The exit code of a worker that stopped answering (-1 if it does not end within 10 s). */
    int exitCode() {
      try {
        if (process.waitFor(10, TimeUnit.SECONDS)) {
          return process.exitValue();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      kill();
      return -1;
    }

    void kill() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
