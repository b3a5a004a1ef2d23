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

  /** The seven files of {@code kit} copied side by side into {@code flat}, as drag and drop leaves them. */
  private static Path flatCopy(Path kit, Path flat) throws IOException {
    Files.createDirectories(flat);
    for (Exercise e : Exercise.values()) {
      Path file = kit.resolve("src/main/java").resolve(e.sourceFile());
      Files.copy(file, flat.resolve(file.getFileName().toString()));
    }
    return flat;
  }

  @Test
  void filesDroppedSideBySideAreFoundByTheirNameAndPackageLine(@TempDir Path tmp) throws IOException {
    Path reference = Submissions.reference(tmp.resolve("ref"));
    Path flat = flatCopy(reference, tmp.resolve("flat"));

    Submission submission = Submission.open(flat, tmp.resolve("work"), ZIP_LIMITS);

    assertThat(submission.files()).hasSize(Exercise.values().length);
    assertThat(submission.files().get(Exercise.FIT).getFileName()).hasToString("TwoLayerNet.java");
    assertThat(submission.misplaced()).isEmpty();
    assertThat(submission.digest())
        .isEqualTo(Submission.open(reference, tmp.resolve("work2"), ZIP_LIMITS).digest());
  }

  @Test
  void theKitsLayoutWinsOverACopyElsewhereAndAFileInAnotherPackageIsNotTaken(@TempDir Path tmp) throws IOException {
    Path kit = Submissions.reference(tmp.resolve("kit"));
    Path notes = Files.createDirectories(kit.resolve("notes"));
    Files.writeString(notes.resolve("Softmax.java"), "package org.logitlab.activation;\nclass Softmax {}\n");
    Path loose = Files.createDirectories(tmp.resolve("loose"));
    Files.writeString(loose.resolve("Sigmoid.java"), "package scratch;\npublic class Sigmoid {}\n");
    Files.writeString(loose.resolve("OneHot.java"), "/* package org.logitlab.wrong; */\n// my work\n"
        + "package  org.logitlab .softmax ;\npublic class OneHot {}\n");

    Submission fromKit = Submission.open(kit, tmp.resolve("work"), ZIP_LIMITS);
    Submission fromLoose = Submission.open(loose, tmp.resolve("work2"), ZIP_LIMITS);

    assertThat(fromKit.files().get(Exercise.SOFTMAX))
        .isEqualTo(kit.toRealPath().resolve("src/main/java").resolve(Exercise.SOFTMAX.sourceFile()));
    assertThat(fromLoose.files()).containsOnlyKeys(Exercise.ONE_HOT);
    assertThat(fromLoose.misplaced()).containsOnlyKeys(Exercise.SIGMOID);
    assertThat(Submission.packageOf(loose.resolve("OneHot.java"))).isEqualTo("org.logitlab.softmax");
    assertThat(Submission.packageOf(loose.resolve("Sigmoid.java"))).isEqualTo("scratch");
  }

  @Test
  void aZipOfLooseFilesIsFoundToo(@TempDir Path tmp) throws IOException {
    Path flat = flatCopy(Submissions.reference(tmp.resolve("ref")), tmp.resolve("flat"));
    Path zip = tmp.resolve("loose.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (Exercise e : Exercise.values()) {
        String name = e.sourceFile().substring(e.sourceFile().lastIndexOf('/') + 1);
        out.putNextEntry(new ZipEntry(name));
        out.write(Files.readAllBytes(flat.resolve(name)));
        out.closeEntry();
      }
    }
    assertThat(Submission.open(zip, tmp.resolve("work"), ZIP_LIMITS).files()).hasSize(Exercise.values().length);
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
