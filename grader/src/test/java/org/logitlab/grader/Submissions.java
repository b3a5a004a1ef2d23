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
import org.logitlab.tools.SkeletonGenerator;

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

  /**
   * {@code classDeclaration} followed by valid code that keeps javac busy for many seconds:
   * {@code parts} nested classes of 1,000 methods, each with a lambda in a generic call (about 9 s
   * for 8 parts on a quiet 2-core machine).
   */
  public static String slowToCompile(String classDeclaration, int parts) {
    StringBuilder java = new StringBuilder(classDeclaration).append("\n");
    for (int c = 0; c < parts; c++) {
      java.append("  static final class Part").append(c).append(" {\n");
      for (int i = 0; i < 1000; i++) {
        java.append("    static double m").append(i).append("(double z) { return java.util.Optional.of(z).map(v -> v * ")
            .append(i).append(").orElse(0.0) + m").append(Math.max(i - 1, 0)).append("(z - 1); }\n");
      }
      java.append("  }\n");
    }
    return java.toString();
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
