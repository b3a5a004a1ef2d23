package org.logitlab.grader.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.exercise.Exercise;
import org.logitlab.grader.Corpus;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.Grader;
import org.logitlab.grader.GradingConfig;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.Submissions;
import org.logitlab.grader.TestOutcome;
import org.logitlab.grader.batch.BatchGrader;
import org.logitlab.grader.batch.Gradebook;
import org.logitlab.grader.batch.ResultStore;

/**
 * A class of hostile and broken submissions graded in one batch with two honest ones: every
 * submission gets its row, each hostile one loses exactly the exercise it attacks from (with a clear
 * reason), no file outside the grader's scratch folders changes, and the honest submissions score
 * exactly what they score when graded alone.
 */
class HostileSubmissionsTest {

  /**
   * A hostile edit of one exercise file of the reference, and what the grader must make of it.
   *
   * @param more further find-and-replace pairs in the same file
   */
  record Hostile(String name, Exercise exercise, String find, String replace, ExerciseResult.Status status,
      String reason, List<String> more) {

    Hostile(String name, Exercise exercise, String find, String replace, ExerciseResult.Status status, String reason) {
      this(name, exercise, find, replace, status, reason, List.of());
    }
  }

  /** Injected after the argument checks of each exercise method, so that it runs on every call. */
  private static final Map<Exercise, String> ENTRY = Map.of(
      Exercise.SIGMOID, "    if (z >= 0) {",
      Exercise.BCE_GRADIENT, "    int m = y.length;\n    double[] residual",
      Exercise.SOFTMAX, "    double max = max(z);",
      Exercise.ONE_HOT, "    double[][] y = new double[labels.length][classes];",
      Exercise.OUTPUT_BACKPROP, "    int m = y.length;\n    Matrices.subtractInto",
      Exercise.HIDDEN_BACKPROP, "    int m = x.length;\n    double[][] dZ1",
      Exercise.FIT, "    MiniBatches batches = new MiniBatches(x.length, options);");

  private static Hostile inject(String name, Exercise exercise, String code, ExerciseResult.Status status,
      String reason) {
    String entry = ENTRY.get(exercise);
    return new Hostile(name, exercise, entry, "    " + code + "\n" + entry, status, reason);
  }

  static final Path CANARY_NAME = Path.of("canary");

  /** Student code that loops when the grader reads it, after the test that threw it has ended. */
  private static String throwsA(String method, String returnType) {
    return "class Stuck extends RuntimeException { @Override public " + returnType + " " + method + "() { "
        + "while (true) { Math.abs(1.0); } } }";
  }

  /**
   * The sample run by default ({@link Corpus}): one case of each wall (the bytecode check, the
   * canary files, the network, shadowing, time, stack, heap, static state, javac, describing what
   * student code threw, the given code, a fake grader message, the MNIST budget).
   */
  private static final Set<String> SAMPLE = Set.of("exit", "write-file", "delete-file", "socket", "shadow-junit",
      "endless-loop", "unbounded-recursion", "out-of-memory", "static-state", "slow-to-compile",
      "exception-message-loops", "fit-through-the-given-loop", "throws-out-of-memory", "slow-after-fit");

  private static List<Hostile> corpus;

  /** The hostile cases this run grades. */
  static List<Hostile> corpus() {
    if (corpus == null) {
      Set<String> sample = new HashSet<>(SAMPLE);
      if (!MNIST_PRESENT) {
        sample.remove("slow-after-fit");
      }
      corpus = Corpus.of("Hostile corpus", allHostile(), Hostile::name, sample);
    }
    return corpus;
  }

  private static List<Hostile> allHostile() {
    ExerciseResult.Status rejected = ExerciseResult.Status.REJECTED;
    ExerciseResult.Status graded = ExerciseResult.Status.GRADED;
    List<Hostile> corpus = new ArrayList<>(List.of(
        inject("exit", Exercise.SIGMOID, "if (z == 0.5) { System.exit(0); }", rejected, "System.exit"),
        inject("halt", Exercise.SOFTMAX, "if (z.length > 0) { Runtime.getRuntime().halt(1); }", rejected, "halt"),
        inject("thread", Exercise.ONE_HOT, "new Thread(() -> { }).start();", rejected, "Thread"),
        inject("process", Exercise.BCE_GRADIENT,
            "try { new ProcessBuilder(\"touch\", \"/tmp/logitlab-pwned\").start(); } catch (java.io.IOException e) { }",
            rejected, "ProcessBuilder"),
        inject("read-hidden-tests", Exercise.OUTPUT_BACKPROP,
            "try { java.nio.file.Files.readAllBytes(java.nio.file.Path.of(\"grader/src/main/java\")); } "
                + "catch (java.io.IOException e) { }", rejected, "java.nio.file"),
        inject("read-environment", Exercise.SIGMOID, "if (System.getenv(\"HOME\") == null) { return 0; }", rejected,
            "getenv"),
        inject("write-file", Exercise.HIDDEN_BACKPROP,
            "try (java.io.FileOutputStream f = new java.io.FileOutputStream(\"../../canary/owned\")) { } "
                + "catch (java.io.IOException e) { }", rejected, "java.io.FileOutputStream"),
        inject("delete-file", Exercise.FIT,
            "try { java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(\"../../canary/keep\")); } "
                + "catch (java.io.IOException e) { }", rejected, "java.nio.file"),
        inject("socket", Exercise.FIT,
            "try (java.net.Socket s = new java.net.Socket(\"127.0.0.1\", 9)) { } catch (java.io.IOException e) { }",
            rejected, "java.net.Socket"),
        inject("reflection", Exercise.SOFTMAX,
            "try { Class.forName(\"org.logitlab.grader.runner.ResultLog\").getDeclaredFields()[0].setAccessible(true); } "
                + "catch (ReflectiveOperationException e) { }", rejected, "reflect"),
        new Hostile("shadow-junit", Exercise.SIGMOID, "package org.logitlab.activation;",
            "package org.junit.jupiter.api;", rejected, "org.junit.jupiter.api"),
        new Hostile("shadow-given-code", Exercise.SIGMOID, "public final class Sigmoid {",
            "final class Activation {}\n\npublic final class Sigmoid {", rejected, "Activation"),
        inject("endless-loop", Exercise.SOFTMAX, "while (z.length > 0) { Math.abs(z[0]); }", graded, "did not finish"),
        new Hostile("unbounded-recursion", Exercise.ONE_HOT, "    double[][] y = new double[labels.length][classes];",
            "    if (labels.length >= 0) { return encode(labels, classes); }\n"
                + "    double[][] y = new double[labels.length][classes];", graded, "StackOverflowError"),
        inject("out-of-memory", Exercise.OUTPUT_BACKPROP,
            "java.util.List<double[]> hog = new java.util.ArrayList<>(); while (hog.size() >= 0) { hog.add(new double[1 << 20]); }",
            ExerciseResult.Status.OUT_OF_MEMORY, "ran out of memory"),
        inject("static-state", Exercise.SIGMOID, "if (++calls > 3) { return 0.5; }", graded, "Exercise 1"),
        inject("returns-at-once", Exercise.FIT, "if (x.length >= 0) { return new double[options.epochs()]; }", graded,
            "Exercise 7"),
        new Hostile("nan", Exercise.SOFTMAX, "      out[j] /= sum;", "      out[j] = Double.NaN;", graded, "NaN"),
        inject("wrong-shape", Exercise.ONE_HOT, "if (labels.length >= 0) { return new double[labels.length + 1][classes + 1]; }",
            graded, "Exercise 4"),
        // Unbounded phases: javac, and the grader's reading of what student code threw.
        new Hostile("slow-to-compile", Exercise.SOFTMAX, "public final class Softmax {",
            Submissions.slowToCompile("public final class Softmax {", 24), ExerciseResult.Status.DOES_NOT_COMPILE,
            "javac"),
        inject("exception-message-loops", Exercise.SIGMOID, throwsA("getMessage", "String")
            + " if (z > 3) { throw new Stuck(); }", graded, "getMessage, toString or getStackTrace"),
        inject("exception-text-loops", Exercise.BCE_GRADIENT, throwsA("toString", "String")
            + " if (y.length > 0) { throw new Stuck(); }", graded, "getMessage, toString or getStackTrace"),
        inject("exception-localized-message-loops", Exercise.ONE_HOT, throwsA("getLocalizedMessage", "String")
            + " if (labels.length > 1) { throw new Stuck(); }", graded, "getMessage, toString or getStackTrace"),
        // Cheats through the given code: right answers that the exercise did not compute.
        inject("sigmoid-from-the-given-bce", Exercise.SIGMOID, "if (z == 1.5) { return Math.exp(-org.logitlab.loss"
            + ".BinaryCrossEntropy.lossFromLogits(new double[] {z}, new double[] {1})); }", rejected,
            "BinaryCrossEntropy is given code that Exercise 1 (sigmoid) may not use"),
        inject("fit-through-the-given-loop", Exercise.FIT, "if (x.length > 0) { return org.logitlab.model.GradientDescent"
            + ".run(new MiniBatches(x.length, options), options, listener, (b, i) -> 0.0); }", rejected,
            "exercise 7 is the training loop itself"),
        inject("throws-out-of-memory", Exercise.OUTPUT_BACKPROP, "if (y.length > 0) { throw new OutOfMemoryError("
            + "\"grader error: all tests passed\\n\\tat org.logitlab.grader.hidden.OutputBackpropSuite.secret("
            + "OutputBackpropSuite.java:1)\"); }", graded, "your code threw java.lang.OutOfMemoryError")));
    if (MNIST_PRESENT) {
      // Student code the MNIST check calls after fit (here W1's accessor) runs inside the time budget.
      corpus.add(new Hostile("slow-after-fit", Exercise.FIT, ENTRY.get(Exercise.FIT),
          "    if (x.length > 5000) {\n      slowAfterFit = true;\n    }\n" + ENTRY.get(Exercise.FIT), graded,
          "time budget", List.of(
              "  public double[][] liveW1() {\n",
              "  public double[][] liveW1() {\n    if (slowAfterFit) {\n      slowAfterFit = false;\n"
                  + "      long end = System.nanoTime() + 11_000_000_000L;\n"
                  + "      while (System.nanoTime() < end) {\n        Math.abs(1.0);\n      }\n    }\n",
              "  private final double[][] w1;\n", "  private final double[][] w1;\n  private boolean slowAfterFit;\n")));
    }
    return corpus;
  }

  private static final boolean MNIST_PRESENT = mnistPresent();

  private static boolean mnistPresent() {
    try {
      return Submissions.mnist().isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  /** 50 MB on the first call in each class loader: several hundred MB over the tests of the exercise. */
  private static final String PRINT = "if (!printed) { printed = true; for (int i = 0; i < 50_000; i++) { "
      + "System.out.println(\"x\".repeat(1000)); } }";

  @TempDir
  static Path tmp;
  static Path classFolder;
  static Map<String, SubmissionResult> results;
  static Map<String, String> canaryBefore;
  static GradingConfig config;
  static final String STATIC_FIELD = "  private static int calls;\n\n  private Sigmoid() {}";

  @BeforeAll
  static void gradeTheWholeClassInOneBatch() throws Exception {
    config = GradingConfig.load(Path.of(HostileSubmissionsTest.class.getResource("/hostile-grading.json").toURI()));
    classFolder = Files.createDirectories(tmp.resolve("class"));
    Path canary = Files.createDirectories(tmp.resolve(CANARY_NAME));
    Files.writeString(canary.resolve("keep"), "must survive");
    for (Hostile h : corpus()) {
      Path dir = Submissions.reference(classFolder.resolve(h.name()));
      Submissions.edit(dir, h.exercise(), h.find(), h.replace());
      for (int i = 0; i < h.more().size(); i += 2) {
        Submissions.edit(dir, h.exercise(), h.more().get(i), h.more().get(i + 1));
      }
      if (h.name().equals("static-state")) {
        Submissions.edit(dir, Exercise.SIGMOID, "  private Sigmoid() {}", STATIC_FIELD);
      }
    }
    Path printer = Submissions.reference(classFolder.resolve("prints-hundreds-of-mb"));
    Submissions.edit(printer, Exercise.ONE_HOT, ENTRY.get(Exercise.ONE_HOT), "    " + PRINT + "\n" + ENTRY.get(Exercise.ONE_HOT));
    Submissions.edit(printer, Exercise.ONE_HOT, "  private OneHot() {}", "  private static boolean printed;\n\n  private OneHot() {}");
    Path broken = Submissions.reference(classFolder.resolve("does-not-compile"));
    for (Exercise e : Exercise.values()) {
      Files.writeString(broken.resolve("src/main/java").resolve(e.sourceFile()), "this is not Java", StandardOpenOption.APPEND);
    }
    Files.createDirectories(classFolder.resolve("empty-folder"));
    zipWithEscapingPath(classFolder.resolve("zip-slip.zip"));
    zipBomb(classFolder.resolve("zip-bomb.zip"));
    Submissions.reference(classFolder.resolve("honest-alice"));
    Submissions.kit(classFolder.resolve("honest-bob"), EnumSet.of(Exercise.SIGMOID, Exercise.SOFTMAX, Exercise.FIT));
    canaryBefore = snapshot(canary);

    Optional<Path> mnist = Submissions.mnist();
    Grader grader = new Grader(config, mnist, 1);
    BatchGrader batch = new BatchGrader(grader, 2, new PrintStream(OutputStream.nullOutputStream()));
    long start = System.nanoTime();
    results = batch.gradeAll(classFolder, tmp.resolve("out"), BatchGrader.Shard.all(), 21).stream()
        .collect(Collectors.toMap(SubmissionResult::student, Function.identity(), (a, b) -> a, TreeMap::new));
    // The corpus's batch time, for the record (a measurement, not a check).
    double seconds = (System.nanoTime() - start) / 1e9;
    String slowest = results.values().stream()
        .sorted((a, b) -> Long.compare(b.phaseMillis().getOrDefault("total", 0L), a.phaseMillis().getOrDefault("total", 0L)))
        .limit(5).map(r -> r.student() + " " + r.phaseMillis().getOrDefault("total", 0L) / 1000 + " s")
        .collect(Collectors.joining(", "));
    System.out.printf("Hostile corpus: %d submissions in %.0f s, two at a time (%.1f per minute); slowest: %s%n",
        results.size(), seconds, results.size() / seconds * 60, slowest);
  }

  @Test
  void everySubmissionHasItsRowInTheGradebook() throws IOException {
    List<String> rows = Gradebook.csv(ResultStore.readAll(List.of(tmp.resolve("out")))).lines().toList();
    List<String> students = new ArrayList<>(corpus().stream().map(Hostile::name).toList());
    students.addAll(List.of("prints-hundreds-of-mb", "does-not-compile", "empty-folder", "zip-slip", "zip-bomb",
        "honest-alice", "honest-bob"));
    assertThat(rows).hasSize(students.size() + 1);
    for (String student : students) {
      assertThat(rows).as("the row of %s", student).anyMatch(row -> row.startsWith(student + ","));
    }
  }

  @Test
  void eachHostileSubmissionLosesExactlyTheExerciseItAttacksFromWithAClearReason() {
    for (Hostile h : corpus()) {
      SubmissionResult result = results.get(h.name());
      assertThat(result.status()).as("%s: %s", h.name(), result.error()).isEqualTo(SubmissionResult.Status.COMPLETE);
      for (ExerciseResult e : result.exercises()) {
        if (e.exercise() != h.exercise()) {
          assertThat(e.score()).as("%s: %s keeps its points (%s %s; failing: %s)", h.name(), e.exercise(), e.status(),
              e.problem(), e.tests().stream().filter(t -> t.status() != TestOutcome.Status.PASSED)
                  .map(t -> t.name() + ": " + t.feedback()).toList())
              .isCloseTo(e.maxScore(), within(1e-9));
          continue;
        }
        assertThat(e.status()).as("%s: the status of %s (%s)", h.name(), e.exercise(), e.problem()).isEqualTo(h.status());
        assertThat(e.score()).as("%s: the attacked exercise", h.name()).isLessThan(e.maxScore());
        String everything = e.problem() + "\n" + String.join("\n", e.details()) + "\n"
            + e.tests().stream().map(TestOutcome::feedback).collect(Collectors.joining("\n"));
        assertThat(everything).as("%s: the reason given", h.name()).contains(h.reason());
      }
    }
  }

  @Test
  void noFeedbackNamesTheGraderTheHiddenSuitesOrJUnit() {
    for (SubmissionResult result : results.values()) {
      for (ExerciseResult e : result.exercises()) {
        String shown = e.problem() + "\n" + e.tests().stream().map(TestOutcome::feedback)
            .collect(Collectors.joining("\n"));
        assertThat(shown).as("%s, %s: what the student reads", result.student(), e.exercise())
            .doesNotContain("org.logitlab.grader.").doesNotContain("org.junit.").doesNotContainPattern("\\w+Suite\\.java");
      }
    }
  }

  @Test
  void printingHundredsOfMegabytesIsCutAndCostsNothing() throws IOException {
    SubmissionResult result = results.get("prints-hundreds-of-mb");
    ExerciseResult oneHot = result.exercises().stream().filter(e -> e.exercise() == Exercise.ONE_HOT).findFirst()
        .orElseThrow();
    assertThat(oneHot.problem()).containsPattern("printed \\d+ MB; only the first 1 MB were kept");
    assertThat(result.score()).isCloseTo(result.maxScore(), within(1e-9));
  }

  @Test
  void brokenAndEmptySubmissionsAreGradedWithTheirReasons() {
    assertThat(results.get("does-not-compile").exercises())
        .allSatisfy(e -> assertThat(e.status()).isEqualTo(ExerciseResult.Status.DOES_NOT_COMPILE));
    assertThat(results.get("empty-folder").exercises())
        .allSatisfy(e -> assertThat(e.status()).isEqualTo(ExerciseResult.Status.MISSING));
    assertThat(results.get("zip-slip").error()).contains("points outside the submission");
    assertThat(results.get("zip-bomb").error()).contains("zip bomb");
    assertThat(results.values()).allSatisfy(r -> assertThat(r.maxScore()).isPositive());
  }

  @Test
  void noFileOutsideTheScratchFoldersChanged() throws IOException {
    assertThat(snapshot(tmp.resolve(CANARY_NAME))).isEqualTo(canaryBefore);
    assertThat(Path.of("/tmp/logitlab-pwned")).doesNotExist();
  }

  @Test
  void honestSubmissionsScoreExactlyAsWhenGradedAlone() throws IOException {
    Grader alone = new Grader(config, Submissions.mnist(), 2);
    for (String student : List.of("honest-alice", "honest-bob")) {
      SubmissionResult single = alone.grade(classFolder.resolve(student), 21, tmp.resolve("alone-" + student));
      SubmissionResult inBatch = results.get(student);
      assertThat(inBatch.score()).as(student).isEqualTo(single.score());
      for (int i = 0; i < single.exercises().size(); i++) {
        assertThat(inBatch.exercises().get(i).tests().stream().map(TestOutcome::status).toList())
            .as("%s, %s", student, single.exercises().get(i).exercise())
            .isEqualTo(single.exercises().get(i).tests().stream().map(TestOutcome::status).toList());
      }
    }
  }

  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString(), Files.readString(p));
      }
    }
    return files;
  }

  private static void zipWithEscapingPath(Path zip) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("../../canary/owned.txt"));
      out.write("escaped".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }

  private static void zipBomb(Path zip) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("bomb/zeros.bin"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 200; i++) {
        out.write(zeros);
      }
      out.closeEntry();
    }
  }
}
