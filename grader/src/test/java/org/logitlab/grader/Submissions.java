package org.logitlab.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.logitlab.data.MnistLocator;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.SkeletonGenerator;

/** Submission folders for the grader's own tests, generated from the reference sources. */
public final class Submissions {

  /** The repository root (the build passes it; tests run in grader/). */
  public static final Path ROOT = Path.of(System.getProperty("logitlab.root", "..")).toAbsolutePath().normalize();
  private static final Path REFERENCE = ROOT.resolve("solutions/src/main/java");

  private Submissions() {}

  /** A submission laid out like the student kit, with {@code solved} exercises done. */
  public static Path kit(Path dir, Set<Exercise> solved) throws IOException {
    SkeletonGenerator.generate(REFERENCE, dir.resolve("src/main/java"), solved);
    Files.writeString(dir.resolve("pom.xml"), "<project>a student's pom: never used by the grader</project>");
    return dir;
  }

  /** The reference, as a submission: every exercise done. */
  public static Path reference(Path dir) throws IOException {
    return kit(dir, EnumSet.allOf(Exercise.class));
  }

  /** The untouched skeleton, as a submission. */
  public static Path skeleton(Path dir) throws IOException {
    return kit(dir, EnumSet.noneOf(Exercise.class));
  }

  /** Replaces {@code find} by {@code replace} in the submission's file of {@code exercise}; fails if absent. */
  public static void edit(Path dir, Exercise exercise, String find, String replace) throws IOException {
    Path file = dir.resolve("src/main/java").resolve(exercise.sourceFile());
    String text = Files.readString(file);
    if (!text.contains(find)) {
      throw new IllegalStateException(file + " has no '" + find + "' to mutate");
    }
    Files.writeString(file, text.replace(find, replace));
  }

  /** Zips the folder {@code dir} into {@code zip}, under a top folder of the same name. */
  public static Path zip(Path dir, Path zip) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
        Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new ZipEntry(dir.getFileName() + "/" + dir.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return zip;
  }

  /** Deletes a folder and everything below it. */
  public static void delete(Path dir) throws IOException {
    org.logitlab.grader.batch.ResultStore.deleteTree(dir);
  }

  /** The MNIST folder of this machine (MNIST_DIR or the cache), if any. */
  public static Optional<Path> mnist() throws IOException {
    return MnistLocator.fromEnvironment().findOffline().map(f -> f.trainImages().getParent());
  }
}
