package org.logitlab.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.Submissions;
import org.logitlab.grader.batch.ResultStore;

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

  private static SubmissionResult graded(String student, double points) {
    ExerciseResult sigmoid = new ExerciseResult(Exercise.SIGMOID, ExerciseResult.Status.GRADED, "", points, 100,
        List.of(), List.of(), 1);
    return new SubmissionResult(student, "/in/" + student, "ab", 7, "2026-12-04T00:00:00Z", points, 100,
        SubmissionResult.Status.COMPLETE, "", List.of(sigmoid), Map.of(), List.of(), "none", Language.ENGLISH, null);
  }

  @Test
  void mergeSpeaksTheLanguageItsResultsWereGradedIn(@TempDir Path tmp) throws IOException {
    SubmissionResult r = graded("김민준", 50);
    ResultStore.write(ResultStore.folder(tmp.resolve("run"), r.student()), new SubmissionResult(r.student(), r.source(),
        r.digest(), r.seed(), r.gradedAt(), r.score(), r.maxScore(), r.status(), r.error(), r.exercises(),
        r.phaseMillis(), r.warnings(), r.isolation(), Language.KOREAN, r.config()));
    Path csv = tmp.resolve("gradebook.csv");

    assertThat(run("merge", tmp.resolve("run").toString(), "--csv", csv.toString())).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1개 실행의 결과 1개를 합쳤습니다.\n성적표: "
        + csv.toAbsolutePath() + "\n반 전체 보고서: " + tmp.resolve("class-report.html").toAbsolutePath()
        + " (Markdown: " + tmp.resolve("class-report.md").toAbsolutePath() + ")\n");
    assertThat(tmp.resolve("class-report.html")).content(StandardCharsets.UTF_8)
        .contains("<html lang=\"ko\">", "logit-lab 반 전체 채점 보고서");
    assertThat(csv).content().contains("\r\n김민준,50,,,,,,,50,100,완료,,7,ab\r\n");
  }

  /**
   * The README's LMS command on stored results of two runs: the Canvas file beside the plain one, both
   * with a byte order mark; what the Canvas file leaves out is named, and the exit code says so.
   */
  @Test
  void mergeWritesTheLmsGradebookBesideThePlainOneAndNamesWhatItLeavesOut(@TempDir Path tmp) throws IOException {
    Path first = tmp.resolve("results-1");
    Path second = tmp.resolve("results-2");
    ResultStore.write(ResultStore.folder(first, "alice"), graded("alice", 87.5));
    ResultStore.write(ResultStore.folder(second, "김민준 학생"), graded("김민준 학생", 100));
    ResultStore.write(ResultStore.folder(second, "erin"), graded("erin", 60));
    Path roster = Files.writeString(tmp.resolve("roster.csv"), """
        folder,Student,ID,SIS Login ID,Section
        alice,"Park, Alice",101,alice,A
        김민준 학생.zip,"Kim, Minjun",102,minjun,A
        dana,"Lee, Dana",104,dana,B
        """);
    Path csv = tmp.resolve("gradebook.csv");

    int code = run("merge", first.toString(), second.toString(), "--csv", csv.toString(), "--gradebook", "canvas",
        "--roster", roster.toString(), "--assignment", "Logit Lab (4711)", "--bom");

    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(output + err.toString(StandardCharsets.UTF_8)).isEqualTo(GraderMain.NOT_IN_LMS_GRADEBOOK);
    Path canvas = tmp.resolve("gradebook-canvas.csv");
    assertThat(output).contains("Merged 3 results of 2 run(s).", "Gradebook: " + csv.toAbsolutePath(),
        "Canvas gradebook: " + canvas.toAbsolutePath() + " (2 of 3 students in " + roster + ")",
        "In " + roster + " without a graded submission (no row in the Canvas gradebook): Lee, Dana (line 4)",
        "NOT in the Canvas gradebook: 1 graded submission(s) whose folder is not in " + roster + ": erin.",
        "(exit code 5)");
    for (Path file : List.of(csv, canvas)) {
      assertThat(Files.readAllBytes(file)).as("%s starts with a byte order mark", file).startsWith(0xEF, 0xBB, 0xBF);
    }
    List<List<String>> rows = new ArrayList<>();
    for (CSVRecord r : CSVFormat.RFC4180.parse(new StringReader(Files.readString(canvas).substring(1)))) {
      rows.add(r.toList());
    }
    assertThat(rows).extracting(r -> String.join("|", r.subList(0, 6))).containsExactly(
        "Student|ID|SIS User ID|SIS Login ID|Section|Logit Lab (4711)", "Points Possible|||||100",
        "Park, Alice|101||alice|A|87.5", "Kim, Minjun|102||minjun|A|100");
    assertThat(Files.readString(csv)).contains("\r\nerin,60,");
  }

  @Test
  void anLmsGradebookNeedsARosterThatIsCheckedBeforeAnythingIsGraded(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("out");
    Path roster = Files.writeString(tmp.resolve("roster.csv"), "folder,email\nalice,a@example.edu\nbob,a@example.edu\n");
    assertThat(run("grade-all", tmp.toString(), "--out", out.toString(), "--gradebook", "moodle", "--roster",
        roster.toString())).isEqualTo(GraderMain.USAGE_ERROR);
    assertThat(out).doesNotExist();
    assertThat(run("merge", out.toString(), "--gradebook", "canvas")).isEqualTo(GraderMain.USAGE_ERROR);
    assertThat(run("merge", out.toString(), "--roster", roster.toString())).isEqualTo(GraderMain.USAGE_ERROR);
    assertThat(run("merge", out.toString(), "--gradebook", "blackboard")).isEqualTo(GraderMain.USAGE_ERROR);
    assertThat(run("merge", out.toString(), "--bom=yes")).isEqualTo(GraderMain.USAGE_ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(
        roster + " line 3: the email 'a@example.edu' is also on line 2",
        "--gradebook canvas needs --roster FILE: a CSV with a header row that maps each submission folder to its "
            + "Canvas student (README.md, LMS gradebooks)",
        "--roster is for an LMS gradebook: add --gradebook canvas or --gradebook moodle",
        "--gradebook takes canvas, moodle or plain; got 'blackboard'",
        "--bom takes no value; write just --bom");
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
  void aFileErrorSaysWhatHappenedNotOnlyThePath() {
    // The JDK's AccessDeniedException and NoSuchFileException carry only the path as their message.
    assertThat(GraderMain.describe(new java.nio.file.AccessDeniedException("/tmp/logitlab-grade1")))
        .isEqualTo("permission denied: /tmp/logitlab-grade1 (the user running the grader may not read or write it)");
    assertThat(GraderMain.describe(new java.nio.file.NoSuchFileException("results")))
        .isEqualTo("no such file or folder: results");
    assertThat(GraderMain.describe(new IOException("disk full"))).isEqualTo("disk full");
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
      "3  grading is incomplete for some submission", "4  every submission was graded, and some scored below",
      "5  every submission was graded, and the LMS gradebook has no row for some of them");

  @Test
  void aBadConfigFileIsNamedWithItsProblem(@TempDir Path tmp) throws IOException {
    Path config = Files.writeString(tmp.resolve("my.json"), "{\"exercises\": {\"SIGMOID\": -1}, \"mnist\": {\"share\": 2}}");
    assertThat(run("grade", tmp.toString(), "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(config.toString(),
        "exercises.SIGMOID must be a number of points ≥ 0", "mnist.share must be in [0, 1]");
  }
}
