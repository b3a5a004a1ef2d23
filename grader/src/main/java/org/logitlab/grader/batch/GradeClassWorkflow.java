package org.logitlab.grader.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.logitlab.grader.AtomicFile;
import org.logitlab.grader.GraderJar;

/**
 * The GitHub Actions workflow that grades a class across machines ({@code grade-class.yml}, a resource
 * beside this class): a {@code workflow_dispatch} with the number of shards and the seed, one matrix
 * job per shard running {@code grade-all --shard i/n} with the same seed and uploading its results as
 * the artifact {@code shard-i} (also when its grading is incomplete), and a job that downloads them
 * all, runs {@code merge} and uploads the gradebook. A repository that runs it holds the workflow, the
 * grader jar at its root (the workflow runs {@code java -jar logit-lab-grader.jar}) and
 * {@code submissions/}.
 */
public final class GradeClassWorkflow {

  /** Where the workflow goes in a repository. */
  public static final Path FILE = Path.of(".github", "workflows", "grade-class.yml");
  /** The folder of submissions that the workflow grades, in the repository. */
  public static final String SUBMISSIONS = "submissions";

  private GradeClassWorkflow() {}

  /** The workflow's YAML text. */
  public static String text() {
    try (InputStream in = GradeClassWorkflow.class.getResourceAsStream("grade-class.yml")) {
      if (in == null) {
        throw new IllegalStateException("grade-class.yml is missing from the grader's resources: rebuild the grader");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the workflow into the repository folder {@code repository} ({@link #FILE}) and copies
   * {@code graderJar} beside it as {@link GraderJar#NAME}: the workflow and the grader it runs, of one
   * version.
   *
   * @throws IllegalArgumentException if {@code graderJar} is not a runnable jar
   */
  public static void write(Path repository, Path graderJar) throws IOException {
    GraderJar.checkRunnable(graderJar);
    AtomicFile.write(repository.resolve(FILE), text());
    AtomicFile.write(repository.resolve(GraderJar.NAME),
        temporary -> Files.copy(graderJar, temporary, StandardCopyOption.REPLACE_EXISTING));
  }
}
