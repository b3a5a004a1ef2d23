package org.logitlab.exercise.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.exercise.Exercise;

/**
 * The student kit as an instructor hands it out: unpacked in a fresh folder, it holds no reference
 * solution and no check of our own, and {@code mvn test} there (offline, against the local
 * repository) compiles and reports every exercise as unfinished on the progress board.
 */
class KitIT {

  @TempDir
  static Path unpacked;

  static Path kit;

  @BeforeAll
  static void unpack() throws IOException {
    Path zip = Path.of(System.getProperty("kit.zip"));
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        Path target = unpacked.resolve(entry.getName()).normalize();
        assertThat(target.startsWith(unpacked)).as("zip entry %s stays inside the kit", entry.getName()).isTrue();
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    }
    kit = unpacked.resolve("logit-lab-student-kit");
  }

  @Test
  void holdsTheBuildTheSkeletonThePublicTestsAndTheLessons() throws IOException {
    assertThat(kit.resolve("pom.xml")).content().doesNotContain("${").contains("<artifactId>logit-lab-student</artifactId>");
    assertThat(kit.resolve("README.md")).exists();
    assertThat(kit.resolve("mvnw")).exists();
    assertThat(kit.resolve(".mvn/wrapper/maven-wrapper.properties")).exists();
    assertThat(kit.resolve("src/main/resources/org/logitlab/data/iris.csv")).exists();
    assertThat(kit.resolve("lessons/01-classification-and-sigmoid.md")).exists();
    assertThat(kit.resolve("lessons/figures")).isNotEmptyDirectory();
    for (Exercise e : Exercise.values()) {
      assertThat(kit.resolve("src/test/java/org/logitlab/exercise/" + e.testClass() + ".java")).exists();
    }
  }

  @Test
  void holdsNoReferenceSolutionAndNoCheckOfOurOwn() throws IOException {
    List<String> solved = new ArrayList<>();
    int stubs = 0;
    try (Stream<Path> files = Files.walk(kit)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(file);
        if (text.lines().anyMatch(l -> l.trim().startsWith("// BEGIN SOLUTION") || l.trim().equals("// END SOLUTION"))) {
          solved.add(file.toString());
        }
        stubs += (int) text.lines().filter(l -> l.trim().matches("throw org\\.logitlab\\.exercise\\.Exercise\\.[A-Z_]+\\.unfinished\\(\\);")).count();
        assertThat(kit.relativize(file).toString()).doesNotContain("exercise/check").doesNotEndWith("IT.java");
      }
    }
    assertThat(solved).as("files with solution regions").isEmpty();
    assertThat(stubs).as("unfinished stubs, one per exercise").isEqualTo(Exercise.values().length);
  }

  @Test
  void mvnTestCompilesAndReportsEveryExerciseAsUnfinished() throws IOException, InterruptedException {
    Path mvn = Path.of(System.getProperty("maven.home"), "bin", isWindows() ? "mvn.cmd" : "mvn");
    ProcessBuilder builder = new ProcessBuilder(mvn.toString(), "-o", "-B",
        "-Dmaven.repo.local=" + System.getProperty("maven.repo.local"), "test")
        .directory(kit.toFile()).redirectErrorStream(true);
    builder.environment().remove("MAVEN_OPTS");
    Process process = builder.start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

    assertThat(output).as(output).doesNotContain("COMPILATION ERROR").contains("Tests run:", "0 of 7 exercises done");
    for (Exercise e : Exercise.values()) {
      assertThat(output).contains("[ -- ] " + e);
    }
    assertThat(process.exitValue()).as("mvn test fails while exercises are unfinished").isNotZero();
  }

  private static boolean isWindows() {
    return System.getProperty("os.name").startsWith("Windows");
  }
}
