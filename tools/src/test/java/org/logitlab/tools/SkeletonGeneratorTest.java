package org.logitlab.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.exercise.Exercise;

class SkeletonGeneratorTest {

  /** The reference sources, which the generator reads. */
  private static final Path REFERENCE = Path.of("../solutions/src/main/java");

  private static final String SOURCE = String.join("\n",
      "class A {",
      "  double f(double z) {",
      "    check(z);",
      "    // BEGIN SOLUTION SIGMOID",
      "    return 1 / (1 + Math.exp(-z));",
      "    // END SOLUTION",
      "  }",
      "}",
      "");

  @Test
  void aSolutionRegionBecomesAPointerToTheLessonAndTheUnfinishedException() {
    String skeleton = SkeletonGenerator.skeleton(SOURCE, "A.java", EnumSet.noneOf(Exercise.class));
    assertThat(skeleton).isEqualTo(String.join("\n",
        "class A {",
        "  double f(double z) {",
        "    check(z);",
        "    // TODO Exercise 1 (sigmoid): your code here. Read lessons/01-classification-and-sigmoid.md"
            + "#exercise-1-a-stable-sigmoid",
        "    // TODO 연습 1 (시그모이드): 여기에 코드를 작성하세요. lessons/ko/01-classification-and-sigmoid.md"
            + "#exercise-1-a-stable-sigmoid을 읽어 보세요",
        "    throw org.logitlab.exercise.Exercise.SIGMOID.unfinished();",
        "  }",
        "}",
        ""));
  }

  @Test
  void aSolvedRegionKeepsItsCodeWithoutTheMarkers() {
    String solved = SkeletonGenerator.skeleton(SOURCE, "A.java", EnumSet.of(Exercise.SIGMOID));
    assertThat(solved).contains("    return 1 / (1 + Math.exp(-z));\n  }").doesNotContain("SOLUTION");
    assertThat(SkeletonGenerator.exercisesIn(SOURCE, "A.java")).containsExactly(Exercise.SIGMOID);
  }

  @Test
  void malformedMarkersAreReportedWithFileAndLine() {
    assertThatThrownBy(() -> SkeletonGenerator.exercisesIn("// BEGIN SOLUTION SIGMOID\nx\n", "A.java"))
        .hasMessage("A.java:1: the solution region of SIGMOID is never closed; add '// END SOLUTION'");
    assertThatThrownBy(() -> SkeletonGenerator.exercisesIn("x\n  // END SOLUTION\n", "A.java"))
        .hasMessage("A.java:2: '// END SOLUTION' without a matching '// BEGIN SOLUTION <EXERCISE>'");
    assertThatThrownBy(() -> SkeletonGenerator.exercisesIn("// BEGIN SOLUTION SIGMOID\n// BEGIN SOLUTION FIT\n",
        "A.java")).hasMessageStartingWith("A.java:2: a solution region opens inside the region of SIGMOID");
    assertThatThrownBy(() -> SkeletonGenerator.exercisesIn("// BEGIN SOLUTION RELU\n", "A.java"))
        .hasMessageStartingWith("A.java:1: 'RELU' is not an exercise; use one of [SIGMOID, BCE_GRADIENT");
    assertThatThrownBy(() -> SkeletonGenerator.exercisesIn(SOURCE + SOURCE, "A.java"))
        .hasMessage("A.java: SIGMOID has more than one solution region");
  }

  @Test
  void theReferenceSourcesHoldEveryExerciseOnceInItsOwnFile(@TempDir Path out) throws IOException {
    Files.createDirectories(out.resolve("stale"));
    Files.writeString(out.resolve("stale/Old.java"), "class Old {}");

    Map<Exercise, Path> files = SkeletonGenerator.generate(REFERENCE, out,
        EnumSet.noneOf(Exercise.class));

    assertThat(files).containsOnlyKeys(Exercise.values());
    files.forEach((exercise, file) -> assertThat(file.toString().replace(java.io.File.separatorChar, '/'))
        .as("%s.sourceFile()", exercise).isEqualTo(exercise.sourceFile()));
    assertThat(files.get(Exercise.SIGMOID)).hasToString(Path.of("org/logitlab/activation/Sigmoid.java").toString());
    assertThat(files.get(Exercise.FIT)).hasToString(Path.of("org/logitlab/network/TwoLayerNet.java").toString());
    assertThat(Set.copyOf(files.values())).hasSize(Exercise.values().length);
    assertThat(out.resolve("stale")).doesNotExist();
    assertThat(out.resolve("org/logitlab/exercise/Exercise.java")).exists();
    try (Stream<Path> all = Files.walk(out)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readAllLines(file)).as("%s", file).noneMatch(
            line -> line.trim().startsWith(SkeletonGenerator.BEGIN.trim()) || line.trim().equals(SkeletonGenerator.END));
      }
    }
    for (Exercise e : Exercise.values()) {
      assertThat(Files.readString(out.resolve(files.get(e).toString())))
          .contains("throw org.logitlab.exercise.Exercise." + e.name() + ".unfinished();");
    }
  }

  @Test
  void aTreeWithoutSomeExerciseIsRejected(@TempDir Path tmp) throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("A.java"), SOURCE);
    Files.writeString(src.resolve("notes.txt"), "copied as is");
    assertThatThrownBy(() -> SkeletonGenerator.generate(src, tmp.resolve("out"), EnumSet.noneOf(Exercise.class)))
        .hasMessageStartingWith("no solution region for [BCE_GRADIENT, SOFTMAX");
    Files.writeString(src.resolve("B.java"), SOURCE);
    assertThatThrownBy(() -> SkeletonGenerator.generate(src, tmp.resolve("out"), EnumSet.noneOf(Exercise.class)))
        .hasMessage("SIGMOID has solution regions in both A.java and B.java; an exercise lives in one file");
  }

  @Test
  void mainWritesTheStudentSkeleton(@TempDir Path out) throws IOException {
    SkeletonGenerator.main(new String[] {REFERENCE.toString(), out.toString()});
    assertThat(Files.readString(out.resolve("org/logitlab/softmax/OneHot.java")))
        .contains("throw org.logitlab.exercise.Exercise.ONE_HOT.unfinished();");
    assertThatThrownBy(() -> SkeletonGenerator.main(new String[0])).hasMessageStartingWith("usage:");
  }

  @Test
  void theRelocatedReferenceKeepsEverySolutionUnderAnotherPackage(@TempDir Path out) throws IOException {
    SkeletonGenerator.main(new String[] {"--relocate", "org.logitlab.reference", REFERENCE.toString(), out.toString()});

    Path sigmoid = out.resolve("org/logitlab/reference/activation/Sigmoid.java");
    assertThat(sigmoid).content().startsWith("package org.logitlab.reference.activation;")
        .contains("return 1.0 / (1.0 + Math.exp(-z));").doesNotContain("unfinished");
    assertThat(out.resolve("org/logitlab/reference/network/TwoLayerNet.java")).content()
        .contains("import org.logitlab.reference.linalg.Matrices;").doesNotContain("import org.logitlab.linalg");
    assertThat(out.resolve("org/logitlab/activation")).doesNotExist();
  }
}
