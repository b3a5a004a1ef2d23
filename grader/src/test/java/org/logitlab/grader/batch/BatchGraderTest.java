package org.logitlab.grader.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.grader.Grader;
import org.logitlab.grader.GradingConfig;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.Submissions;

class BatchGraderTest {

  @TempDir
  static Path classFolder;

  @BeforeAll
  static void aClassOfFour() throws IOException {
    Submissions.reference(classFolder.resolve("alice"));
    Submissions.skeleton(classFolder.resolve("bob"));
    Path carol = Submissions.reference(classFolder.resolve("carol-src"));
    Submissions.edit(carol, Exercise.SIGMOID, "return e / (1.0 + e);", "return e / (1.0 + e)");
    Submissions.zip(carol, classFolder.resolve("carol.zip"));
    Submissions.delete(carol);
    Files.writeString(classFolder.resolve("dave.zip"), "not a zip at all");
    Files.writeString(classFolder.resolve("notes.txt"), "not a submission");
  }

  /** Where the tests that share a graded class keep it. */
  @TempDir
  static Path gradedClasses;

  private static List<SubmissionResult> oneMachineResults;

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  /** Without MNIST, graded as an instructor would who grades without it: {@code mnist.share} 0. */
  private static BatchGrader batch(ByteArrayOutputStream log) throws IOException {
    Path config = Files.writeString(gradedClasses.resolve("no-mnist.json"), "{\"mnist\": {\"share\": 0}}");
    return new BatchGrader(new Grader(GradingConfig.load(config), Optional.empty(), 1), 2,
        new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  /** The plain gradebook of every result stored in {@code out}, as grade-all writes it, by line. */
  private static List<String> gradebook(Path out) throws IOException {
    return Gradebook.csv(ResultStore.readAll(List.of(out))).lines().toList();
  }

  private BatchGrader batch() throws IOException {
    return batch(log);
  }

  /** The class graded on one machine (seed 7), once for the tests that compare with it. */
  private static synchronized Path oneMachine() throws Exception {
    Path out = gradedClasses.resolve("one-machine");
    if (oneMachineResults == null) {
      oneMachineResults = batch(new ByteArrayOutputStream()).gradeAll(classFolder, out, BatchGrader.Shard.all(), 7);
    }
    return out;
  }

  @Test
  void gradesEverySubmissionIntoAGradebookAndResumes() throws Exception {
    Path out = oneMachine();

    assertThat(oneMachineResults).extracting(SubmissionResult::student).containsExactly("alice", "bob", "carol", "dave");
    List<String> csv = gradebook(out);
    assertThat(csv.get(0)).startsWith("student,sigmoid,bce_gradient,softmax,one_hot,output_backprop,hidden_backprop,fit,total");
    assertThat(csv).hasSize(5);
    assertThat(csv.get(1)).startsWith("alice,10,15,10,10,15,15,25,100,100,complete,");
    assertThat(csv.get(2)).startsWith("bob,0,0,0,0,0,0,0,0,100,complete,");
    assertThat(csv.get(3)).startsWith("carol,0,15,10,10,15,15,25,90,100,complete; sigmoid does not compile,");
    // Named without the grading machine's folders, so that shards on other machines write the same row.
    assertThat(csv.get(4)).startsWith("dave,,,,,,,,0,100,unreadable: the submission cannot be opened: dave.zip: "
        + "not a valid zip file");

    // A corrupt zip is the student's: it scores 0 and is graded again on a re-run (cheap).
    batch().gradeAll(classFolder, out, BatchGrader.Shard.all(), 7);
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("alice", "already graded")
        .containsPattern("dave\\s+0.00 / 100.00\\s+unreadable: the submission cannot be opened");
    assertThat(gradebook(out)).isEqualTo(csv);
  }

  /**
   * Two shards, each run a second time after its first run failed part-way, merge into the gradebook
   * of one machine. The gradebook has no timing column (the time per phase and {@code gradedAt} stay
   * in each {@code result.json}), so the merge must equal it to the byte.
   */
  @Test
  void shardsRunAgainAfterFailingMergeIntoTheGradebookOfOneMachine(@TempDir Path tmp) throws Exception {
    Path first = tmp.resolve("shard-1");
    Path second = tmp.resolve("shard-2");
    // Shard 1 (alice, carol) was killed after grading carol: her result is stored, alice's is not, and
    // alice's scratch folder is left behind with no gradebook.
    Path gradedSoFar = Files.createDirectories(tmp.resolve("graded-so-far"));
    Files.copy(classFolder.resolve("carol.zip"), gradedSoFar.resolve("carol.zip"));
    batch().gradeAll(gradedSoFar, first, BatchGrader.Shard.all(), 7);
    Files.createDirectories(first.resolve(".work/alice/src"));
    // Shard 2 (bob, dave) stopped after a grader error on bob: his stored result is incomplete.
    ResultStore.write(ResultStore.folder(second, "bob"), new SubmissionResult("bob",
        classFolder.resolve("bob").toString(), "", 7, "2026-01-05T10:00:00Z", 0, 100, SubmissionResult.Status.INCOMPLETE,
        "grader error, not the student's: grading failed: the grading JVM could not start", List.of(), Map.of(),
        List.of(), "", Language.ENGLISH, null));
    assertThat(Gradebook.csv(ResultStore.readAll(List.of(first, second))))
        .contains("\r\nbob,,,,,,,,,100,\"incomplete: grader error").doesNotContain("alice", "dave");

    List<SubmissionResult> firstAgain = batch().gradeAll(classFolder, first, BatchGrader.Shard.parse("1/2"), 7);
    List<SubmissionResult> secondAgain = batch().gradeAll(classFolder, second, BatchGrader.Shard.parse("2/2"), 7);

    assertThat(firstAgain).extracting(SubmissionResult::student).containsExactly("alice", "carol");
    assertThat(secondAgain).extracting(SubmissionResult::student).containsExactly("bob", "dave");
    assertThat(log.toString(StandardCharsets.UTF_8)).containsPattern("carol\\s+already graded")
        .containsPattern("alice\\s+100.00 / 100.00  complete").containsPattern("bob\\s+0.00 / 100.00  complete");
    String merged = Gradebook.csv(ResultStore.readAll(List.of(first, second)));
    assertThat(merged.lines().findFirst()).hasValue("student,sigmoid,bce_gradient,softmax,one_hot,output_backprop,"
        + "hidden_backprop,fit,total,max,status,mnist_accuracy,seed,digest");
    assertThat(merged.lines().toList()).isEqualTo(gradebook(oneMachine()));
  }

  @Test
  void aStudentsNameNeverCostsARowOrAReport(@TempDir Path tmp) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("class"));
    Submissions.skeleton(folder.resolve("gradebook.csv"));
    Submissions.skeleton(folder.resolve("students"));
    Files.writeString(folder.resolve("erin.tar.gz"), "a tarball");
    Submissions.skeleton(folder.resolve(".git"));
    Path out = tmp.resolve("out");

    List<SubmissionResult> results = batch().gradeAll(folder, out, BatchGrader.Shard.all(), 7);

    assertThat(results).extracting(SubmissionResult::student).containsExactly("erin", "gradebook.csv", "students");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("skipped .git: a hidden folder, not a submission");
    List<String> csv = gradebook(out);
    assertThat(csv).hasSize(4);
    assertThat(csv.get(1)).startsWith("erin,,,,,,,,0,100,unreadable: the submission cannot be opened: erin.tar.gz is "
        + "an archive the grader does not unpack");
    assertThat(csv.get(2)).startsWith("gradebook.csv,0,0,0,0,0,0,0,0,100,complete,");
    assertThat(csv.get(3)).startsWith("students,0,0,0,0,0,0,0,0,100,complete,");
    assertThat(ResultStore.read(out, "gradebook.csv")).isPresent();
    assertThat(ResultStore.read(out, "students")).isPresent();
  }

  @Test
  void twoSubmissionsOfOneStudentStopTheBatchNamingBoth(@TempDir Path tmp) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("class"));
    Submissions.zip(Submissions.skeleton(tmp.resolve("Alice")), folder.resolve("Alice.zip"));
    Submissions.skeleton(folder.resolve("alice"));

    assertThatThrownBy(() -> batch().gradeAll(folder, tmp.resolve("out"), BatchGrader.Shard.all(), 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Alice.zip and alice in ").hasMessageContaining("are both the submission of 'alice'");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void shardsAreChecked() {
    assertThatThrownBy(() -> BatchGrader.Shard.parse("3/2")).hasMessage("a shard is i/n with 1 ≤ i ≤ n, got 3/2");
    assertThatThrownBy(() -> BatchGrader.Shard.parse("two")).hasMessage("--shard takes i/n, e.g. 2/4; got 'two'");
  }
}
