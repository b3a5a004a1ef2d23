package org.logitlab.grader.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.exercise.Exercise;
import org.logitlab.grader.GradingConfig;
import org.logitlab.grader.Submissions;

/** Layouts and links a submission can come in: what is taken from it, and what is refused. */
class SubmissionTest {

  private static final Submission.ZipLimits ZIP_LIMITS = GradingConfig.defaults().limits().zip();

  @Test
  void anExerciseFileThatIsALinkIsRefusedAndItsTargetNeverRead(@TempDir Path tmp) throws IOException {
    Path classmate = Submissions.reference(tmp.resolve("classmate"));
    Path copier = Submissions.skeleton(tmp.resolve("copier"));
    Path sigmoid = copier.resolve("src/main/java").resolve(Exercise.SIGMOID.sourceFile());
    Files.delete(sigmoid);
    Files.createSymbolicLink(sigmoid, classmate.resolve("src/main/java").resolve(Exercise.SIGMOID.sourceFile()));
    Path softmax = copier.resolve("src/main/java").resolve(Exercise.SOFTMAX.sourceFile());
    Files.delete(softmax);
    Files.createSymbolicLink(softmax, Path.of("/etc/passwd"));

    Submission submission = Submission.open(copier, tmp.resolve("work"), ZIP_LIMITS);

    assertThat(submission.links()).containsOnlyKeys(Exercise.SIGMOID, Exercise.SOFTMAX);
    assertThat(submission.files()).doesNotContainKeys(Exercise.SIGMOID, Exercise.SOFTMAX).hasSize(5);
  }

  @Test
  void aSubmissionFolderReachedThroughALinkIsSearchedWhereItIs(@TempDir Path tmp) throws IOException {
    Path real = Submissions.reference(tmp.resolve("real"));
    Path linked = Files.createSymbolicLink(tmp.resolve("linked"), real);

    Submission submission = Submission.open(linked, tmp.resolve("work"), ZIP_LIMITS);

    assertThat(submission.student()).isEqualTo("linked");
    assertThat(submission.files()).hasSize(Exercise.values().length);
    assertThat(submission.links()).isEmpty();
  }

  @Test
  void aZipWithWindowsSeparatorsOrFoldersDeepDownIsFound(@TempDir Path tmp) throws IOException {
    Path reference = Submissions.reference(tmp.resolve("ref"));
    Path windows = tmp.resolve("windows.zip");
    Path deep = tmp.resolve("deep.zip");
    String nest = "Users/학생/Desktop/과제/week 7/final/really final/kit/logit-lab-student-kit/a/b/c/";
    try (ZipOutputStream w = new ZipOutputStream(Files.newOutputStream(windows));
        ZipOutputStream d = new ZipOutputStream(Files.newOutputStream(deep))) {
      for (Exercise e : Exercise.values()) {
        byte[] source = Files.readAllBytes(reference.resolve("src/main/java").resolve(e.sourceFile()));
        w.putNextEntry(new ZipEntry("logit-lab-student-kit\\src\\main\\java\\" + e.sourceFile().replace('/', '\\')));
        w.write(source);
        d.putNextEntry(new ZipEntry(nest + "src/main/java/" + e.sourceFile()));
        d.write(source);
      }
    }

    Submission fromWindows = Submission.open(windows, tmp.resolve("work-w"), ZIP_LIMITS);
    Submission fromDeep = Submission.open(deep, tmp.resolve("work-d"), ZIP_LIMITS);

    assertThat(fromWindows.files()).hasSize(Exercise.values().length);
    assertThat(fromWindows.files().get(Exercise.SIGMOID).getFileName()).hasToString("Sigmoid.java");
    assertThat(fromDeep.files()).hasSize(Exercise.values().length);
    assertThat(fromDeep.digest()).isEqualTo(fromWindows.digest());
  }

  @Test
  void aBackslashEntryCannotClimbOutEither(@TempDir Path tmp) throws IOException {
    Path zip = tmp.resolve("climb.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("kit\\..\\..\\outside.txt"));
      out.write("x".getBytes(StandardCharsets.UTF_8));
    }
    assertThatThrownBy(() -> Submission.open(zip, tmp.resolve("work"), ZIP_LIMITS))
        .isInstanceOf(UnreadableSubmissionException.class).hasMessageContaining("points outside the submission");
    assertThat(tmp.resolve("outside.txt")).doesNotExist();
  }

  @Test
  void aZipPastTheConfiguredLimitsIsUnreadableAndSaysWhichLimit(@TempDir Path tmp) throws IOException {
    Path zip = tmp.resolve("three.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (int i = 0; i < 3; i++) {
        out.putNextEntry(new ZipEntry("kit/f" + i + ".txt"));
        out.write(new byte[700_000]);
      }
    }
    assertThatThrownBy(() -> Submission.open(zip, tmp.resolve("w1"), new Submission.ZipLimits(10L << 20, 2)))
        .isInstanceOf(UnreadableSubmissionException.class).hasMessageContaining("more than 2 entries")
        .hasMessageContaining("limits.zipEntries");
    assertThatThrownBy(() -> Submission.open(zip, tmp.resolve("w2"), new Submission.ZipLimits(1L << 20, 10)))
        .isInstanceOf(UnreadableSubmissionException.class).hasMessageContaining("more than 1 MB")
        .hasMessageContaining("limits.unpackedMb");
    assertThat(Submission.open(zip, tmp.resolve("w3"), new Submission.ZipLimits(3L << 20, 3)).files()).isEmpty();
  }
}
