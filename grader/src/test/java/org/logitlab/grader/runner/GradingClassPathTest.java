package org.logitlab.grader.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradingClassPathTest {

  @TempDir
  Path dir;

  @Test
  void exerciseTypesAreTheClassesOfTheExerciseFilesOnly() {
    assertThat(GradingClassPath.isExerciseType("org/logitlab/activation/Sigmoid.class")).isTrue();
    assertThat(GradingClassPath.isExerciseType("org/logitlab/loss/BinaryCrossEntropy$Gradient.class")).isTrue();
    assertThat(GradingClassPath.isExerciseType("org/logitlab/network/TwoLayerNet$1.class")).isTrue();
    assertThat(GradingClassPath.isExerciseType("org/logitlab/softmax/SoftmaxRegression.class")).isFalse();
    assertThat(GradingClassPath.isExerciseType("org/logitlab/activation/Activation.class")).isFalse();
    assertThat(GradingClassPath.isExerciseType("org/logitlab/activation/SigmoidTable.class")).isFalse();
    assertThat(GradingClassPath.isExerciseType("org/logitlab/reference/activation/Sigmoid.class")).isFalse();
    assertThat(GradingClassPath.isExerciseType("org/logitlab/activation/Sigmoid.java")).isFalse();
  }

  @Test
  void theGivenJarsHoldNoExerciseTypeAndTheStudentComesBeforeTheReference() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    write(classes, "org/logitlab/activation/Sigmoid.class", "reference sigmoid from the folder");
    write(classes, "org/logitlab/activation/Activation.class", "given activation");
    write(classes, "org/logitlab/exercise/messages.properties", "a=b");
    Path mixed = jar(dir.resolve("mixed.jar"), Map.of(
        "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMulti-Release: true\n\n",
        "org/logitlab/activation/Sigmoid.class", "a later copy, hidden by the folder's",
        "org/logitlab/loss/BinaryCrossEntropy$Gradient.class", "reference gradient record",
        "org/logitlab/linalg/Matrices.class", "given kernels"));
    Path plain = jar(dir.resolve("junit.jar"), Map.of("org/junit/Test.class", "junit"));
    String classPath = String.join(File.pathSeparator, classes.toString(), mixed.toString(), plain.toString(),
        dir.resolve("missing.jar").toString());

    GradingClassPath layout = GradingClassPath.of(classPath, dir.resolve("cache"));

    Path student = dir.resolve("student");
    List<String> entries = List.of(layout.classPath(student).split(File.pathSeparator));
    assertThat(entries).hasSize(5).contains(plain.toString()).doesNotContain(mixed.toString(), classes.toString());
    assertThat(entries.get(3)).isEqualTo(student.toAbsolutePath().toString());
    assertThat(entries.get(2)).as("a jar without exercise types is used where it is").isEqualTo(plain.toString());
    Map<String, String> given = read(Path.of(entries.get(0)));
    given.putAll(read(Path.of(entries.get(1))));
    assertThat(given).containsOnlyKeys("org/logitlab/activation/Activation.class",
        "org/logitlab/exercise/messages.properties", "META-INF/MANIFEST.MF", "org/logitlab/linalg/Matrices.class");
    assertThat(given.get("META-INF/MANIFEST.MF")).contains("Multi-Release: true");
    assertThat(read(Path.of(entries.get(4)))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "org/logitlab/activation/Sigmoid.class", "reference sigmoid from the folder",
        "org/logitlab/loss/BinaryCrossEntropy$Gradient.class", "reference gradient record"));
    assertThat(layout.archive()).isEmpty();
    assertThat(layout.jvmOptions()).isEmpty();
  }

  @Test
  void aLayoutIsMadeOnceAndAnotherWhenAnEntryChanges() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    write(classes, "org/logitlab/activation/Sigmoid.class", "one");
    Path cache = dir.resolve("cache");
    String first = GradingClassPath.of(classes.toString(), cache).classPath(dir);
    assertThat(GradingClassPath.of(classes.toString(), cache).classPath(dir)).isEqualTo(first);
    write(classes, "org/logitlab/activation/Sigmoid.class", "a rebuilt class");
    assertThat(GradingClassPath.of(classes.toString(), cache).classPath(dir)).isNotEqualTo(first);
    try (var folders = Files.list(cache)) {
      assertThat(folders.toList()).as("no draft is left behind").hasSize(2);
    }
  }

  @Test
  void layoutsNobodyUsedForADayAreDeleted() throws IOException {
    Path cache = Files.createDirectories(dir.resolve("cache"));
    Path old = Files.createDirectories(cache.resolve("0123456789abcdef01234567"));
    Files.writeString(old.resolve("classpath.txt"), "x");
    Files.setLastModifiedTime(old.resolve("classpath.txt"), FileTime.from(Instant.now().minus(Duration.ofHours(25))));
    Path recent = Files.createDirectories(cache.resolve("76543210fedcba9876543210"));
    Files.writeString(recent.resolve("classpath.txt"), "y");
    Path other = Files.createDirectories(cache.resolve("not-a-layout"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    write(classes, "org/logitlab/activation/Sigmoid.class", "one");

    GradingClassPath.of(classes.toString(), cache);

    assertThat(old).doesNotExist();
    assertThat(recent).exists();
    assertThat(other).exists();
  }

  /**
   * The archive of this build's grader: a JVM on the layout loads the grader's classes from it, and a
   * JVM given a broken archive runs without it and says nothing about it (its output is the student's
   * last words when a grading JVM crashes).
   */
  @Test
  void gradingJvmsLoadTheGraderFromTheArchiveAndIgnoreABrokenOne() throws Exception {
    GradingClassPath layout = GradingClassPath.current();
    layout.makeArchive(2);
    assertThat(layout.archive()).isPresent();
    Path student = Files.createDirectories(dir.resolve("student"));

    List<String> shared = run(layout.jvmOptions(), layout.classPath(student), "-Xlog:class+load");
    assertThat(shared).anyMatch(line -> line.contains(ExerciseRunner.class.getName() + " source: shared objects file"));
    // The same inside the sandbox the grading JVMs run in (bubblewrap where the machine has it).
    Sandbox sandbox = Sandbox.detect();
    List<String> sandboxed = run(sandbox, layout.archive().orElseThrow(), layout.jvmOptions(),
        layout.classPath(student), "-Xlog:class+load");
    assertThat(sandboxed).as(sandbox.description())
        .anyMatch(line -> line.contains(ExerciseRunner.class.getName() + " source: shared objects file"));

    Path broken = dir.resolve("broken.jsa");
    Files.writeString(broken, "not an archive");
    List<String> options = new ArrayList<>(layout.jvmOptions());
    options.set(0, "-XX:SharedArchiveFile=" + broken);
    assertThat(run(options, layout.classPath(student))).containsExactly(
        "usage: ExerciseRunner <EXERCISE> <results file> <seconds per test>");
  }

  /** Starts the grading JVM's main class without arguments (a usage error) and returns its output. */
  private List<String> run(List<String> options, String classPath, String... more) throws Exception {
    return run(null, null, options, classPath, more);
  }

  /** As {@link #run(List, String, String...)}, in {@code sandbox} (if not null) that may read {@code archive}. */
  private List<String> run(Sandbox sandbox, Path archive, List<String> options, String classPath, String... more)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(ExerciseJvm.javaExecutable()));
    command.addAll(options);
    command.addAll(List.of(more));
    command.addAll(List.of("-cp", classPath, ExerciseRunner.class.getName()));
    Path work = Files.createDirectories(dir.resolve("work"));
    if (sandbox != null) {
      command = sandbox.wrap(command, work, List.of(archive));
    }
    Path out = dir.resolve("out.txt");
    Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    return Files.readAllLines(out, StandardCharsets.UTF_8);
  }

  private static void write(Path root, String name, String content) throws IOException {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static Path jar(Path jar, Map<String, String> files) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        out.putNextEntry(new ZipEntry(file.getKey()));
        out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  private static Map<String, String> read(Path jar) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : zip.stream().toList()) {
        assertThat(e.getMethod()).as(e.getName() + " is stored").isEqualTo(ZipEntry.STORED);
        files.put(e.getName(), new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
