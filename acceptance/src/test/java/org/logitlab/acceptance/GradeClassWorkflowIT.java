package org.logitlab.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workflow that {@code github-workflow} writes, its jobs run here by {@link GitHubActions} as
 * GitHub would run them (plan, each shard of the matrix on a runner of its own, merge), with the grader
 * jar that the build made. The workflow's structure and the actions' documented inputs are checked by
 * the grader's {@code GradeClassWorkflowTest}; here, what its commands do.
 */
class GradeClassWorkflowIT {

  private static final Path ROOT = Path.of(System.getProperty("logitlab.root", "..")).toAbsolutePath().normalize();
  private static final Path JAR = ROOT.resolve("grader/target/logit-lab-grader.jar");
  private static final GitHubActions.Fault NO_FAULT = (step, workspace) -> false;

  private final Shell shell = new Shell();
  private Path base;
  private Path repository;

  /** A grading repository as the README has the instructor make it: the workflow and jar written by the grader. */
  @BeforeEach
  void writeTheGradingRepository() throws Exception {
    assertThat(JAR).as("the grader jar: build it first (./mvnw -B package -DskipTests)").isRegularFile();
    base = Files.createTempDirectory("logitlab-workflow");
    repository = base.resolve("class repo");
    Shell.Result written = shell.run("java -jar '" + JAR + "' github-workflow --out '" + repository + "'", base, 1);
    assertThat(written.code()).as(written.output()).isZero();
    assertThat(written.output()).contains("Put the class's submissions in");
    Files.createDirectories(repository.resolve("submissions"));
  }

  @AfterEach
  void deleteTheRunners() throws IOException {
    Trees.delete(base);
  }

  /**
   * A class of three (a solved submission, one whose sigmoid does not compile, a file that is not a
   * zip) in two shards. In the first attempt the runner of shard 1 is killed after alice's result is
   * stored and before dave's: the shard fails, its results are uploaded all the same, and the merge
   * fails, naming the unfinished shard. "Re-run failed jobs" resumes shard 1 from what it uploaded
   * (alice is not graded again) and merges again: the gradebook is then, to the byte, the one that
   * {@code grade-all} writes on one machine with the same seed.
   */
  @Test
  void theShardsMergedGiveTheGradebookOfOneMachineAlsoAfterAFailedShardIsReRun() throws Exception {
    Path mnist = requireMnist();
    Path submissions = repository.resolve("submissions");
    solved(submissions.resolve("alice"));
    Files.writeString(solved(submissions.resolve("bob")).resolve("src/main/java/org/logitlab/activation/Sigmoid.java"),
        "this does not compile", StandardOpenOption.APPEND);
    Files.writeString(submissions.resolve("dave.zip"), "not a zip at all");
    Shell.Result one = shell.run("java -jar logit-lab-grader.jar grade-all submissions/ --out ../one-machine/ --seed 2026",
        repository, 15);
    assertThat(one.code()).as(one.output()).isZero();
    Path oneMachine = base.resolve("one-machine/gradebook.csv");
    assertThat(oneMachine).content(StandardCharsets.UTF_8).contains("\nalice,10,15,10,10,15,15,25,100,100,complete,",
        "\nbob,0,15,10,10,15,15,25,90,100,complete; sigmoid does not compile,", "\ndave,,,,,,,,0,100,unreadable: ");

    GitHubActions actions = new GitHubActions(repository.resolve(".github/workflows/grade-class.yml"), repository,
        base.resolve("actions"), Map.of("shards", "2", "seed", "2026"), Map.of("logit-lab-mnist-v1", mnist),
        "9876543210");
    GitHubActions.Job plan = actions.run("plan", Map.of(), NO_FAULT);
    assertThat(plan.result()).as(plan.log()).isEqualTo("success");
    assertThat(actions.matrix("grade", "shard")).containsExactly("1", "2");
    assertThat(actions.runs("grade")).isTrue();
    GitHubActions.Job killed = actions.run("grade", Map.of("shard", "1"), (step, workspace) -> {
      if (!step.equals("Grade the shard")) {
        return false;
      }
      Trees.delete(workspace.resolve("results/students/dave"));
      Files.delete(workspace.resolve("results/gradebook.csv"));
      return true;
    });
    assertThat(killed.result()).as(killed.log()).isEqualTo("failure");
    assertThat(killed.log()).contains("cache hit: logit-lab-mnist-v1", "skipped: Resume the results",
        "uploaded artifact shard-1");
    assertThat(list(actions.artifact("shard-1").resolve("students"))).containsExactly("alice");
    GitHubActions.Job second = actions.run("grade", Map.of("shard", "2"), NO_FAULT);
    assertThat(second.result()).as(second.log()).isEqualTo("success");
    assertThat(list(actions.artifact("shard-2").resolve("students"))).containsExactly("bob");
    assertThat(actions.runs("merge")).as("the merge runs after a failed shard").isTrue();
    GitHubActions.Job merge = actions.run("merge", Map.of(), NO_FAULT);
    assertThat(merge.result()).as(merge.log()).isEqualTo("failure");
    assertThat(merge.log()).contains("::error::a shard did not finish (failure)", "uploaded artifact gradebook");
    assertThat(actions.artifact("gradebook").resolve("gradebook.csv")).content(StandardCharsets.UTF_8)
        .contains("\nalice,", "\nbob,").doesNotContain("dave");

    actions.nextAttempt();
    GitHubActions.Job resumed = actions.run("grade", Map.of("shard", "1"), NO_FAULT);
    assertThat(resumed.result()).as(resumed.log()).isEqualTo("success");
    assertThat(resumed.log()).containsPattern("alice\\s+already graded")
        .containsPattern("dave\\s+0.00 / 100.00\\s+unreadable");
    GitHubActions.Job mergedAgain = actions.run("merge", Map.of(), NO_FAULT);
    assertThat(mergedAgain.result()).as(mergedAgain.log()).isEqualTo("success");
    assertThat(mergedAgain.log()).contains("downloaded artifact shard-1", "downloaded artifact shard-2");
    assertThat(actions.artifact("gradebook").resolve("gradebook.csv")).hasSameBinaryContentAs(oneMachine);
    assertThat(actions.artifact("gradebook").resolve("class-report.html")).content(StandardCharsets.UTF_8)
        .contains("<li>dave: 0</li>").containsPattern("\\d+ submission\\(s\\): \\d+ graded");
    assertThat(actions.artifact("gradebook").resolve("class-report/scores.png")).isRegularFile();
  }

  /**
   * The grade step fails its shard for every exit code of the grader but 0 and 4 (a score below
   * {@code --fail-under} is a grade), and the shard's results are uploaded whatever it exited with.
   * A stand-in {@code java} exits with the code under test for {@code grade-all}, after writing a
   * gradebook as the grader would.
   */
  @Test
  void aShardFailsWhenItsGradingIsIncompleteAndUploadsItsResultsAllTheSame() throws Exception {
    Path bin = Files.createDirectories(base.resolve("bin"));
    Path exitCode = bin.resolve("exit-code");
    Path java = Files.writeString(bin.resolve("java"), """
        #!/bin/bash
        if [ "$3" = grade-all ]; then
          mkdir -p results && echo student > results/gradebook.csv
          exit "$(cat '%s')"
        fi
        """.formatted(exitCode));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (Map.Entry<Integer, String> expected : Map.of(0, "success", 1, "failure", 3, "failure", 4, "success")
        .entrySet()) {
      Files.writeString(exitCode, expected.getKey().toString());
      GitHubActions actions = new GitHubActions(repository.resolve(".github/workflows/grade-class.yml"), repository,
          base.resolve("actions-" + expected.getKey()), Map.of("shards", "2", "seed", "7"), Map.of(), "1")
          .prependPath(bin);
      GitHubActions.Job shard = actions.run("grade", Map.of("shard", "2"), NO_FAULT);
      assertThat(shard.result()).as("exit %d: %s", expected.getKey(), shard.log()).isEqualTo(expected.getValue());
      assertThat(actions.artifact("shard-2").resolve("gradebook.csv")).hasContent("student");
    }
  }

  private static Path requireMnist() {
    String mnist = System.getenv("MNIST_DIR");
    if (mnist == null || !Files.isDirectory(Path.of(mnist))) {
      if ("true".equals(System.getenv("LOGITLAB_REQUIRE_MNIST"))) {
        fail("MNIST is required (LOGITLAB_REQUIRE_MNIST=true): set MNIST_DIR; the workflow grades with it");
      }
      assumeTrue(false, "MNIST_DIR is not set: the workflow grades with MNIST, so it is not run");
    }
    return Path.of(mnist);
  }

  /** A submission in the kit's layout with the reference's seven exercise files. */
  private static Path solved(Path dir) throws IOException {
    for (String file : DocumentedCommandsIT.EXERCISE_FILES) {
      Path target = dir.resolve("src/main/java/org/logitlab").resolve(file);
      Files.createDirectories(target.getParent());
      Files.copy(ROOT.resolve("solutions/src/main/java/org/logitlab").resolve(file), target);
    }
    return dir;
  }

  private static List<String> list(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
