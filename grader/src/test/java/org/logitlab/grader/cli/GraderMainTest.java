package org.logitlab.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.grader.Submissions;

class GraderMainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return GraderMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void gradePrintsTheTableAndWritesEveryReport(@TempDir Path tmp) throws IOException {
    Path submission = Submissions.skeleton(tmp.resolve("erin"));
    Path reports = tmp.resolve("reports");
    Path noMnist = Files.writeString(tmp.resolve("no-mnist.json"), "{\"mnist\": {\"share\": 0}}");

    assertThat(run("grade", submission.toString(), "--out", reports.toString(), "--seed", "99", "--jobs", "2",
        "--config", noMnist.toString()))
        .as(err.toString(StandardCharsets.UTF_8)).isZero();

    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(table).contains("erin", "Exercise 1 (sigmoid)", "Exercise 7 (fit)", "--seed 99", "compile", "total");
    assertThat(reports.resolve("results.json")).content().contains("\"score\"");
    assertThat(reports.resolve("junit.xml")).content().contains("<testsuites");
    assertThat(reports.resolve("summary.md")).exists();
    assertThat(reports.resolve("classroom.json")).content().contains("\"max_score\": 100", "\"status\": \"fail\"");
    assertThat(reports.resolve("result.json")).content().contains("\"seed\": 99");
  }

  @Test
  void mergeJoinsStoredResultsIntoOneCsv(@TempDir Path tmp) throws IOException {
    Path csv = tmp.resolve("all.csv");
    Files.createDirectories(tmp.resolve("empty-run"));
    assertThat(run("merge", tmp.resolve("empty-run").toString(), "--csv", csv.toString())).isZero();
    assertThat(csv).content().startsWith("student,sigmoid");
    assertThat(run("merge", tmp.resolve("missing").toString(), "--csv", csv.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a results folder");
  }

  @Test
  void usageErrorsSayWhatIsWrong() {
    assertThat(run()).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: java -jar logit-lab-grader.jar");
    assertThat(run("regrade")).isEqualTo(2);
    assertThat(run("grade")).isEqualTo(2);
    assertThat(run("grade", "x", "--sed", "1")).isEqualTo(2);
    assertThat(run("grade", "x", "--seed")).isEqualTo(2);
    assertThat(run("grade", "x", "--seed", "one")).isEqualTo(2);
    assertThat(run("grade-all", "x")).isEqualTo(2);
    assertThat(run("grade-all", "x", "--out", "y", "--shard", "5/4")).isEqualTo(2);
    assertThat(run("bundle-gradescope", "--out", "a.zip")).isEqualTo(2);
    assertThat(run("github-workflow", "--out", "class")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(
        "unknown command 'regrade'",
        "usage: grade SUBMISSION",
        "unknown option '--sed'",
        "--seed needs a value",
        "--seed takes a whole number; got 'one'",
        "--out is required",
        "a shard is i/n with 1 ≤ i ≤ n, got 5/4",
        "bundle-gradescope runs from the grader jar", "github-workflow runs from the grader jar");
    assertThat(run("help")).isZero();
  }

  @Test
  void everyCommandHasHelpAndOptionsTakeEitherForm() {
    for (String command : List.of("grade", "grade-all", "merge", "gradescope", "bundle-gradescope", "github-workflow",
        "fetch-mnist")) {
      out.reset();
      assertThat(run(command, "--help")).as(command).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).as(command)
          .startsWith("Usage: java -jar logit-lab-grader.jar " + command);
    }
    out.reset();
    assertThat(run("--version")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("logit-lab-grader ");
    assertThat(run("grade", "x", "--seed=one")).isEqualTo(2);
    assertThat(run("grade", "x", "--seed=1", "--seed", "2")).isEqualTo(2);
    assertThat(run("grade", "x", "--fail-under", "lots")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--seed takes a whole number; got 'one'",
        "--seed is given twice", "--fail-under takes a number; got 'lots'");
    assertThat(USAGE_EXIT_CODES).allSatisfy(line -> assertThat(GraderMain.USAGE).contains(line));
  }

  private static final List<String> USAGE_EXIT_CODES = List.of("0  every submission was graded",
      "3  grading is incomplete for some submission", "4  every submission was graded, and some scored below");

  @Test
  void aBadConfigFileIsNamedWithItsProblem(@TempDir Path tmp) throws IOException {
    Path config = Files.writeString(tmp.resolve("my.json"), "{\"exercises\": {\"SIGMOID\": -1}, \"mnist\": {\"share\": 2}}");
    assertThat(run("grade", tmp.toString(), "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(config.toString(),
        "exercises.SIGMOID must be a number of points ≥ 0", "mnist.share must be in [0, 1]");
  }
}
