package org.logitlab.grader.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.data.MnistLocator;
import org.logitlab.grader.Submissions;
import org.yaml.snakeyaml.Yaml;

/**
 * The class-grading workflow's structure, against the documented contracts of GitHub Actions and of
 * the actions it uses (its commands are run, in order, by the acceptance suite's
 * {@code GradeClassWorkflowIT}). What was checked, at these versions:
 *
 * <ul>
 *   <li>{@code actions/upload-artifact} v4.6.2 (ea165f8d), {@code action.yml} and README: inputs
 *       {@code name, path, if-no-files-found, retention-days, compression-level, overwrite,
 *       include-hidden-files}; "it is no longer possible to upload to the same named Artifact multiple
 *       times" (a re-run job is the same run, so each shard's upload sets {@code overwrite: true}:
 *       "If false, the action will fail if an artifact for the given name already exists"); hidden
 *       files are excluded by default (the batch's {@code .work/} scratch stays out); a directory
 *       {@code path} is the artifact's root ({@code src/shared/search.ts}: {@code rootDirectory} is
 *       the search path).
 *   <li>{@code actions/download-artifact} v4.3.0 (d3f86a10), {@code action.yml} and
 *       {@code src/download-artifact.ts}: inputs {@code name, artifact-ids, path, pattern,
 *       merge-multiple, github-token, repository, run-id}; with {@code name} the artifact goes into
 *       {@code path}; with {@code pattern} and {@code merge-multiple: false}, each into
 *       {@code path/<artifact name>/}; artifacts are listed with {@code latest: true}, so the newest
 *       upload of a re-run shard is the one merged.
 *   <li>{@code actions/setup-java} v4.7.1 (c5195efe), {@code action.yml}: {@code distribution} and
 *       {@code java-version} are mandatory; {@code temurin} is a distribution.
 *   <li>{@code actions/cache} v4.2.3 (5a3ec84e), {@code action.yml}: inputs {@code path, key,
 *       restore-keys, upload-chunk-size, enableCrossOsArchive, fail-on-cache-miss, lookup-only,
 *       save-always}.
 * </ul>
 */
class GradeClassWorkflowTest {

  /** The inputs each action documents, by {@code uses:}. */
  private static final Map<String, Set<String>> DOCUMENTED_INPUTS = Map.of(
      "actions/checkout@v4", Set.of(),
      "actions/setup-java@v4", Set.of("java-version", "java-version-file", "distribution", "java-package",
          "architecture", "jdkFile", "check-latest", "server-id", "server-username", "server-password",
          "settings-path", "overwrite-settings", "gpg-private-key", "gpg-passphrase", "cache",
          "cache-dependency-path", "job-status", "token", "mvn-toolchain-id", "mvn-toolchain-vendor"),
      "actions/cache@v4", Set.of("path", "key", "restore-keys", "upload-chunk-size", "enableCrossOsArchive",
          "fail-on-cache-miss", "lookup-only", "save-always"),
      "actions/upload-artifact@v4", Set.of("name", "path", "if-no-files-found", "retention-days",
          "compression-level", "overwrite", "include-hidden-files"),
      "actions/download-artifact@v4", Set.of("name", "artifact-ids", "path", "pattern", "merge-multiple",
          "github-token", "repository", "run-id"));

  private final Map<String, Object> workflow = new Yaml().load(GradeClassWorkflow.text());

  @Test
  void isStartedByHandWithTheShardsAndTheSeedAndMayOnlyReadTheRepository() {
    Map<String, Object> inputs = map(map(workflow.get("on")).get("workflow_dispatch"), "inputs");
    assertThat(map(inputs.get("shards"))).containsEntry("type", "number").containsEntry("default", 4);
    assertThat(map(inputs.get("seed"))).containsEntry("type", "string").containsEntry("required", false);
    assertThat(workflow.get("permissions")).isEqualTo(Map.of("contents", "read"));
    // One seed for the whole run, every shard and every re-run of it: the input, else the run's id.
    assertThat(map(workflow, "env")).containsEntry("SEED", "${{ inputs.seed || github.run_id }}");
    assertThat(map(workflow, "jobs")).containsOnlyKeys("plan", "grade", "merge");
  }

  @Test
  void everyShardIsAMatrixJobGradingItsPartWithTheRunsSeedOnJava17AndCachedMnist() throws IOException {
    Map<String, Object> plan = job("plan");
    Map<String, Object> grade = job("grade");
    assertThat(grade.get("needs")).isEqualTo("plan");
    assertThat(map(plan, "outputs")).containsEntry("shards", "${{ steps.shards.outputs.list }}");
    assertThat(steps(plan)).extracting(s -> s.get("id")).contains("shards");
    Map<String, Object> strategy = map(grade, "strategy");
    assertThat(strategy).as("one failing shard must not cancel the others").containsEntry("fail-fast", false);
    assertThat(map(strategy, "matrix")).isEqualTo(Map.of("shard", "${{ fromJSON(needs.plan.outputs.shards) }}"));
    assertThat(map(grade, "env")).isEqualTo(Map.of("SHARD", "${{ matrix.shard }}/${{ inputs.shards }}"));

    List<Map<String, Object>> steps = steps(grade);
    assertThat(steps).extracting(s -> s.get("uses")).startsWith("actions/checkout@v4", "actions/setup-java@v4",
        "actions/cache@v4");
    assertThat(steps.get(1).get("with")).isEqualTo(Map.of("distribution", "temurin", "java-version", "17"));
    // MNIST is cached as the kit's Classroom workflow caches it, in the folder where the grader looks.
    Map<String, Object> cache = steps.get(2);
    assertThat(cache).isEqualTo(classroomStep("actions/cache@v4"));
    Path home = Path.of("/home/runner");
    assertThat(home.resolve(map(cache, "with").get("path").toString().replaceFirst("^~/", "")))
        .isEqualTo(MnistLocator.fromEnvironment(Map.of(), home).cacheDirectory());
    assertThat(runs(grade)).containsExactly("java -jar logit-lab-grader.jar fetch-mnist",
        "java -jar logit-lab-grader.jar grade-all submissions/ --out results/ --shard \"$SHARD\" --seed \"$SEED\" "
            + "|| test $? -eq 4");
  }

  @Test
  void eachShardUploadsItsResultsUnderItsOwnNameEvenWhenItFailedAndResumesFromThemWhenReRun() {
    List<Map<String, Object>> steps = steps(job("grade"));
    Map<String, Object> upload = steps.get(steps.size() - 1);
    assertThat(upload).containsEntry("uses", "actions/upload-artifact@v4").containsEntry("if", "always()");
    assertThat(map(upload, "with")).isEqualTo(Map.of("name", "shard-${{ matrix.shard }}", "path", "results/",
        "if-no-files-found", "error", "overwrite", true));

    Map<String, Object> resume = steps.stream().filter(s -> "actions/download-artifact@v4".equals(s.get("uses")))
        .findFirst().orElseThrow();
    assertThat(steps.indexOf(resume)).isLessThan(steps.indexOf(gradeAll(steps)));
    assertThat(resume).containsEntry("if", "github.run_attempt != '1'").containsEntry("continue-on-error", true);
    assertThat(map(resume, "with")).isEqualTo(Map.of("name", "shard-${{ matrix.shard }}", "path", "results"));
  }

  @Test
  void theMergeJobWaitsForEveryShardAndMergesWhateverTheyUploaded() {
    Map<String, Object> merge = job("merge");
    assertThat(merge.get("needs")).isEqualTo("grade");
    assertThat(merge.get("if")).isEqualTo("${{ !cancelled() && needs.grade.result != 'skipped' }}");
    List<Map<String, Object>> steps = steps(merge);
    assertThat(steps).extracting(s -> s.get("uses")).containsSubsequence("actions/checkout@v4",
        "actions/setup-java@v4", "actions/download-artifact@v4", "actions/upload-artifact@v4");
    Map<String, Object> download = steps.get(2);
    // Each shard's artifact in shards/<name>/ (merge-multiple false); "shard-*" matches every shard's name.
    assertThat(map(download, "with")).isEqualTo(Map.of("pattern", "shard-*", "path", "shards", "merge-multiple", false));
    // The gradebook and the class report merge writes beside it, in one folder: the artifact.
    assertThat(runs(merge)).first()
        .isEqualTo("java -jar logit-lab-grader.jar merge shards/*/ --csv gradebook/gradebook.csv");
    Map<String, Object> check = steps.get(4);
    assertThat(check).containsEntry("if", "needs.grade.result != 'success'");
    Map<String, Object> upload = steps.get(steps.size() - 1);
    assertThat(upload).containsEntry("if", "always()");
    assertThat(map(upload, "with")).containsEntry("name", "gradebook").containsEntry("path", "gradebook/");
  }

  @Test
  void everyActionIsGivenOnlyInputsItDocuments() {
    for (Object job : map(workflow, "jobs").values()) {
      for (Map<String, Object> step : steps(map(job))) {
        if (step.containsKey("uses")) {
          String uses = step.get("uses").toString();
          assertThat(DOCUMENTED_INPUTS).as("an action this test knows the documentation of").containsKey(uses);
          Map<String, Object> with = step.containsKey("with") ? map(step, "with") : Map.of();
          assertThat(DOCUMENTED_INPUTS.get(uses)).as(uses).containsAll(with.keySet());
        } else {
          assertThat(step).as("a step runs a command or uses an action").containsKey("run");
        }
      }
    }
  }

  @Test
  void writesTheWorkflowAndTheGraderItRunsIntoARepository(@TempDir Path tmp) throws IOException {
    Path notAJar = Files.createFile(tmp.resolve("notes.jar"));
    assertThatThrownBy(() -> GradeClassWorkflow.write(tmp.resolve("class"), notAJar))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a jar");
    assertThat(tmp.resolve("class")).doesNotExist();

    Path jar = tmp.resolve("grader.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.logitlab.grader.cli.GraderMain");
    new JarOutputStream(Files.newOutputStream(jar), manifest).close();
    GradeClassWorkflow.write(tmp.resolve("class"), jar);
    assertThat(tmp.resolve("class/.github/workflows/grade-class.yml")).hasContent(GradeClassWorkflow.text());
    assertThat(tmp.resolve("class/logit-lab-grader.jar")).hasSameBinaryContentAs(jar);
  }

  private Map<String, Object> job(String name) {
    return map(map(workflow, "jobs").get(name));
  }

  private static Map<String, Object> gradeAll(List<Map<String, Object>> steps) {
    return steps.stream().filter(s -> String.valueOf(s.get("run")).contains(" grade-all ")).findFirst().orElseThrow();
  }

  /** The {@code run:} commands of a job, in order. */
  private static List<String> runs(Map<String, Object> job) {
    return steps(job).stream().filter(s -> s.containsKey("run")).map(s -> s.get("run").toString()).toList();
  }

  /** The kit's Classroom workflow's step that uses {@code action}. */
  private static Map<String, Object> classroomStep(String action) throws IOException {
    Map<String, Object> classroom = new Yaml().load(Files.readString(
        Submissions.ROOT.resolve("exercises/src/kit/github/workflows/classroom.yml")));
    return map(classroom, "jobs").values().stream().flatMap(job -> steps(map(job)).stream())
        .filter(s -> action.equals(s.get("uses"))).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(Map<String, Object> job) {
    return (List<Map<String, Object>>) job.get("steps");
  }

  private static Map<String, Object> map(Object parent, String key) {
    return map(map(parent).get(key));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }
}
