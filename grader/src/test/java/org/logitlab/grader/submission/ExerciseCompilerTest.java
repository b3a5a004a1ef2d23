package org.logitlab.grader.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.grader.Submissions;

/** The compiler's limits: a file javac cannot finish in time costs that file only; a broken machine is a fault. */
class ExerciseCompilerTest {

  @TempDir
  Path tmp;

  @Test
  void aFileJavacCannotFinishInTimeFailsAloneAndTheNextFileCompiles() throws IOException {
    ExerciseCompiler compiler = new ExerciseCompiler(2, 512);
    Path slow = Files.writeString(tmp.resolve("Slow.java"),
        Submissions.slowToCompile("public final class Slow {", 24) + "}\n");
    long start = System.nanoTime();
    List<String> errors = compiler.compile(slow, tmp.resolve("slow-classes"));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(errors).singleElement().asString()
        .contains("Slow.java: javac did not finish compiling this file within 2 s (limits.compileSeconds)");
    // Stopped at its limit, not when javac was done (24,000 methods take it far longer than 2 s).
    assertThat(seconds).as("seconds until the compiler gave up").isLessThan(10);

    Path fine = Files.writeString(tmp.resolve("Fine.java"), "final class Fine { double z = Math.exp(1); }");
    assertThat(compiler.compile(fine, tmp.resolve("fine-classes"))).isEmpty();
    assertThat(tmp.resolve("fine-classes/Fine.class")).exists();
  }

  @Test
  void compilerErrorsNameTheFileAndLine() throws IOException {
    Path broken = Files.writeString(tmp.resolve("Broken.java"), "final class Broken {\n  int x = \"text\";\n}\n");
    assertThat(new ExerciseCompiler(30, 512).compile(broken, tmp.resolve("classes"))).singleElement().asString()
        .startsWith("Broken.java:2: incompatible types");
  }

  @Test
  void aCompilerJvmThatCannotStartIsAFaultOfTheMachineNotAFileThatDoesNotCompile() throws IOException {
    Path fine = Files.writeString(tmp.resolve("Fine.java"), "final class Fine {}");
    assertThatThrownBy(() -> new ExerciseCompiler(30, 1_000_000_000).compile(fine, tmp.resolve("classes")))
        .isInstanceOf(IOException.class).hasMessageContaining("the compiler's JVM did not start")
        .hasMessageContaining("Could not reserve") // the JVM's own reason, from its second line
        .hasMessageContaining("limits.memoryMb (1000000000)");
  }
}
