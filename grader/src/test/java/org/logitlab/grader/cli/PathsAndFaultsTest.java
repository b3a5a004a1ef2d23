package org.logitlab.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.Submissions;
import org.logitlab.grader.TestOutcome;
import org.logitlab.grader.batch.ResultStore;

/**
 * The command line as instructors type it: relative paths (from this JVM's working directory,
 * {@code grader/}), folders with spaces and Korean letters, folders reached through symbolic links,
 * {@code --opt=value}; and a grading JVM that fails for a reason of the grader's. The regression this
 * guards: {@code grade-all submissions/ --out results/} gave the reference 10/100 "complete", because
 * {@code Files.createDirectories} returns an absolute path only when it creates a parent, so the
 * first exercise's grading JVM got absolute paths and the other six a relative results path, resolved
 * again inside their own working directory.
 */
class PathsAndFaultsTest {

  private static final String CONFIG = "src/test/resources/fast-grading.json";
  private static Path base;
  private static Path mnist;

  @BeforeAll
  static void layOut() throws IOException {
    Optional<Path> found = Submissions.mnist();
    if (found.isEmpty() && "true".equals(System.getenv("LOGITLAB_REQUIRE_MNIST"))) {
      fail("MNIST is required (LOGITLAB_REQUIRE_MNIST=true) but was not found: set MNIST_DIR");
    }
    // Relative to the working directory, as a user's paths are.
    base = Path.of("target", "paths-" + UUID.randomUUID());
    Path submissions = Files.createDirectories(base.resolve("submissions"));
    Submissions.reference(submissions.resolve("alice"));
    Submissions.reference(base.resolve("elsewhere/김 민준"));
    Files.createSymbolicLink(submissions.resolve("김 민준"), base.resolve("elsewhere/김 민준").toAbsolutePath());
    Submissions.skeleton(submissions.resolve("bob"));
    Files.createDirectories(base.resolve("real out"));
    Files.createSymbolicLink(base.resolve("linked out"), base.resolve("real out").toAbsolutePath());
    if (found.isPresent()) {
      mnist = Files.createSymbolicLink(base.resolve("엠니스트 data"), found.get().toAbsolutePath());
    }
  }

  @AfterAll
  static void clean() throws IOException {
    if (base != null) {
      ResultStore.deleteTree(base);
    }
  }

  @Test
  void relativeLinkedAndKoreanPathsGiveTheSameGradesAsAbsoluteOnes() throws IOException {
    assumeTrue(mnist != null, "no MNIST on this machine");
    String relative = base.toString();
    Run first = run("grade-all", relative + "/submissions/", "--out", relative + "/results/", "--seed", "5",
        "--config=" + CONFIG, "--mnist-dir", relative + "/엠니스트 data", "--jobs", "2");
    Run second = run("grade-all", base.toAbsolutePath() + "/submissions", "--out=" + base.toAbsolutePath()
        + "/linked out", "--seed=5", "--config", Path.of(CONFIG).toAbsolutePath().toString(),
        "--mnist-dir=" + mnist.toRealPath());

    assertThat(first.code).as(first.output).isZero();
    assertThat(second.code).as(second.output).isZero();
    List<String> grades = grades(base.resolve("results"));
    assertThat(grades).as(first.output).containsExactly(
        "alice 100.0/100.0 COMPLETE", "bob 0.0/100.0 COMPLETE", "김 민준 100.0/100.0 COMPLETE");
    assertThat(details(base.resolve("linked out"))).isEqualTo(details(base.resolve("results")));
    assertThat(base.resolve("results/gradebook.csv")).content(StandardCharsets.UTF_8)
        .contains("\nalice,10,15,10,10,15,15,25,100,100,complete,", "\n김 민준,10,15,10,10,15,15,25,100,100,complete,");

    Run one = run("grade", relative + "/submissions/김 민준", "--out", relative + "/one", "--seed", "5",
        "--config", CONFIG, "--mnist-dir", relative + "/엠니스트 data");
    assertThat(one.code).as(one.output).isZero();
    // grade writes its reports into --out itself.
    assertThat(details(List.of(ResultStore.readFolder(base.resolve("one")).orElseThrow()))).containsExactlyElementsOf(
        details(base.resolve("results")).stream().filter(line -> line.startsWith("김 민준")).toList());
  }

  @Test
  void aGradingJvmThatCannotStartIsAGraderErrorNotTheStudentsCrash() throws IOException {
    // An instructor's heap cap larger than the machine can reserve: the grading JVMs never start.
    Path config = Files.writeString(base.resolve("huge-heap.json"),
        "{\"mnist\": {\"share\": 0}, \"limits\": {\"memoryMb\": 1000000000}}");
    Path out = base.resolve("faulty");
    Run run = run("grade-all", base + "/submissions", "--out", out.toString(), "--config", config.toString(),
        "--seed", "5");

    assertThat(run.code).as(run.output).isEqualTo(GraderMain.INCOMPLETE);
    assertThat(run.output).contains("Grading is incomplete for 3 submission(s)", "alice", "bob", "김 민준");
    SubmissionResult alice = ResultStore.read(out, "alice").orElseThrow();
    assertThat(alice.status()).isEqualTo(SubmissionResult.Status.INCOMPLETE);
    // The first JVM the grader starts is javac's, with the same heap: it stops the submission, graded nowhere.
    assertThat(alice.error()).startsWith("grader error, not the student's: grading failed: the compiler's JVM did"
        + " not start").contains("Could not reserve", "limits.memoryMb (1000000000)");
    assertThat(alice.exercises()).isEmpty();
    String csv = Files.readString(out.resolve("gradebook.csv"), StandardCharsets.UTF_8);
    assertThat(csv).contains("\nalice,,,,,,,,,100,\"incomplete: grader error, not the student's: grading failed:"
        + " the compiler's JVM did not start");
    assertThat(out.resolve("students/alice/summary.md")).content(StandardCharsets.UTF_8)
        .contains("grading incomplete", "through no fault of the submission", "the compiler's JVM did not start")
        .doesNotContain("💥", "crashed", "and write");
    assertThat(out.resolve("students/alice/junit.xml")).content(StandardCharsets.UTF_8).contains("grader error");

    // Fixed, the same command grades them: an incomplete result is never resumed from.
    Files.writeString(config, "{\"mnist\": {\"share\": 0}}");
    Run again = run("grade-all", base + "/submissions", "--out", out.toString(), "--config", config.toString(),
        "--fail-under", "50");
    assertThat(again.output).doesNotContain("already graded").contains("Below --fail-under 50.00: bob (0.00)");
    assertThat(again.code).isEqualTo(GraderMain.BELOW_THRESHOLD);
    assertThat(grades(out)).containsExactly(
        "alice 100.0/100.0 COMPLETE", "bob 0.0/100.0 COMPLETE", "김 민준 100.0/100.0 COMPLETE");
  }

  @Test
  void mnistThatCannotBeReadWhenFitIsGradedIsAGraderErrorAndGradescopeGetsNoScore() throws IOException {
    // The grader checks at start that the folder holds the four files; one of them is corrupt, so that
    // MNIST cannot be read when fit is graded, as if the disk had failed under it.
    assumeTrue(mnist != null, "no MNIST on this machine");
    Path vanished = Files.createDirectories(base.resolve("corrupt mnist"));
    for (String file : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz")) {
      Files.createSymbolicLink(vanished.resolve(file), mnist.toRealPath().resolve(file));
    }
    Files.writeString(vanished.resolve("t10k-labels-idx1-ubyte.gz"), "not gzip");
    Path results = Files.createDirectories(base.resolve("gradescope results"));
    Files.writeString(results.resolve("results.json"), "{\"score\": 100}");
    Run run = run("gradescope", "--submission", base + "/submissions/alice", "--results", results.toString(),
        "--config", CONFIG, "--mnist-dir", vanished.toString(), "--seed", "5");

    assertThat(run.code).as(run.output).isEqualTo(GraderMain.INCOMPLETE);
    assertThat(run.output).contains("grading incomplete", "fit: grader error: cannot read MNIST from");
    assertThat(results.resolve("results.json")).as("no score on Gradescope: the run shows as failed").doesNotExist();
  }

  /** "student score/max STATUS" per stored result. */
  private static List<String> grades(Path out) throws IOException {
    return ResultStore.readAll(List.of(out)).stream()
        .map(r -> r.student() + " " + r.score() + "/" + r.maxScore() + " " + r.status()).toList();
  }

  /** Everything a grade says, per test, without the timings and the path it was read from. */
  private static List<String> details(Path out) throws IOException {
    return details(ResultStore.readAll(List.of(out)));
  }

  private static List<String> details(List<SubmissionResult> results) {
    List<String> lines = new ArrayList<>();
    for (SubmissionResult r : results) {
      lines.add(r.student() + " " + r.score() + "/" + r.maxScore() + " " + r.status() + " " + r.digest() + " "
          + r.seed() + " " + r.error() + " " + r.warnings());
      for (ExerciseResult e : r.exercises()) {
        lines.add(r.student() + " " + e.exercise() + " " + e.status() + " " + e.score() + " " + e.problem());
        for (TestOutcome t : e.tests()) {
          lines.add(r.student() + " " + e.exercise() + " " + t.name() + " " + t.status() + " " + t.score() + " "
              + t.feedback() + " " + t.entries().entrySet().stream().filter(x -> !x.getKey().contains("econds"))
              .toList());
        }
      }
    }
    return lines;
  }

  private record Run(int code, String output) {}

  private static Run run(String... args) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int code = GraderMain.run(args, print, print);
    return new Run(code, buffer.toString(StandardCharsets.UTF_8));
  }
}
