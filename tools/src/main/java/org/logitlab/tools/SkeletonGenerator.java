package org.logitlab.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;

/**
 * Generates the student skeleton from the reference sources, as nbgrader does from a notebook with
 * solution cells: every region
 *
 * <pre>
 *     // BEGIN SOLUTION SIGMOID
 *     ...reference code...
 *     // END SOLUTION
 * </pre>
 *
 * <p>becomes a pointer to the lesson and {@code throw org.logitlab.exercise.Exercise.SIGMOID.unfinished();}.
 * Everything outside the regions is copied unchanged, so the skeleton has exactly the reference's
 * public API and non-exercise code.
 */
public final class SkeletonGenerator {

  /** The line that opens a solution region, followed by the {@link Exercise} name. */
  public static final String BEGIN = "// BEGIN SOLUTION ";

  /** The line that closes a solution region. */
  public static final String END = "// END SOLUTION";

  private static final String ROOT_PACKAGE = "org.logitlab";

  private SkeletonGenerator() {}

  /**
   * Generates {@code outputRoot} from {@code sourceRoot}: output files that are no longer generated
   * are deleted, every {@code .java} file is transformed and other files are copied.
   *
   * @param solved exercises whose reference code is kept (empty for the student skeleton)
   * @return the file that holds each exercise
   * @throws IllegalArgumentException if a marker is malformed, or an exercise has no region or more
   *     than one
   */
  public static Map<Exercise, Path> generate(Path sourceRoot, Path outputRoot, Set<Exercise> solved)
      throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sourceRoot)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    Map<Exercise, Path> found = new EnumMap<>(Exercise.class);
    deleteTree(outputRoot);
    for (Path file : files) {
      Path relative = sourceRoot.relativize(file);
      Path target = outputRoot.resolve(relative.toString());
      Files.createDirectories(target.getParent());
      if (!file.toString().endsWith(".java")) {
        Files.copy(file, target);
        continue;
      }
      String source = Files.readString(file, StandardCharsets.UTF_8);
      for (Exercise exercise : exercisesIn(source, relative.toString())) {
        Path previous = found.put(exercise, relative);
        if (previous != null) {
          throw new IllegalArgumentException(exercise.name() + " has solution regions in both " + previous
              + " and " + relative + "; an exercise lives in one file");
        }
      }
      Files.writeString(target, skeleton(source, relative.toString(), solved), StandardCharsets.UTF_8);
    }
    Set<Exercise> missing = EnumSet.allOf(Exercise.class);
    missing.removeAll(found.keySet());
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("no solution region for "
          + missing.stream().map(Enum::name).toList() + " under " + sourceRoot);
    }
    return found;
  }

  /** The exercises whose solution regions {@code source} holds, checking every marker. */
  public static Set<Exercise> exercisesIn(String source, String fileName) {
    Set<Exercise> exercises = EnumSet.noneOf(Exercise.class);
    transform(source, fileName, exercise -> {
      if (!exercises.add(exercise)) {
        throw new IllegalArgumentException(fileName + ": " + exercise.name() + " has more than one solution region");
      }
      return true;
    });
    return exercises;
  }

  /**
   * {@code source} with the solution regions of the exercises not in {@code solved} replaced by the
   * unfinished-exercise stub.
   *
   * @param fileName for error messages
   */
  public static String skeleton(String source, String fileName, Set<Exercise> solved) {
    return transform(source, fileName, solved::contains);
  }

  private static String transform(String source, String fileName, Predicate<Exercise> keep) {
    StringBuilder out = new StringBuilder(source.length());
    Exercise open = null;
    int openLine = 0;
    boolean keepOpen = false;
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.trim();
      String where = fileName + ":" + (i + 1) + ": ";
      if (trimmed.startsWith(BEGIN.trim())) {
        if (open != null) {
          throw new IllegalArgumentException(where + "a solution region opens inside the region of "
              + open.name() + " opened at line " + openLine + "; close it first with '" + END + "'");
        }
        open = parse(trimmed.substring(BEGIN.trim().length()).trim(), where);
        openLine = i + 1;
        keepOpen = keep.test(open);
        if (!keepOpen) {
          String indent = line.substring(0, line.indexOf('/'));
          for (Language language : Language.values()) {
            out.append(indent).append("// TODO ").append(open.todo(language)).append('\n');
          }
          out.append(indent).append("throw ").append(Exercise.class.getName()).append('.').append(open.name())
              .append(".unfinished();\n");
        }
      } else if (trimmed.equals(END)) {
        if (open == null) {
          throw new IllegalArgumentException(where + "'" + END + "' without a matching '" + BEGIN + "<EXERCISE>'");
        }
        open = null;
      } else if (open == null || keepOpen) {
        out.append(line);
        if (i < lines.length - 1) {
          out.append('\n');
        }
      }
    }
    if (open != null) {
      throw new IllegalArgumentException(fileName + ":" + openLine + ": the solution region of " + open.name()
          + " is never closed; add '" + END + "'");
    }
    return out.toString();
  }

  private static Exercise parse(String name, String where) {
    try {
      return Exercise.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + "'" + name + "' is not an exercise; use one of "
          + List.of(Exercise.values()).stream().map(Enum::name).toList(), e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
    }
    for (Path p : paths) {
      Files.delete(p);
    }
  }

  /**
   * Writes a full copy of the reference, every solution kept, moved from {@code org.logitlab} into
   * the package {@code toPackage} (e.g. {@code org.logitlab.reference}): a grader can then run the
   * reference beside a student's classes, which keep the original names.
   */
  public static void relocate(Path sourceRoot, Path outputRoot, String toPackage) throws IOException {
    Path staging = Files.createTempDirectory("logitlab-reference");
    try {
      generate(sourceRoot, staging, EnumSet.allOf(Exercise.class));
      deleteTree(outputRoot);
      Path base = outputRoot.resolve(toPackage.replace('.', '/'));
      Path from = staging.resolve(ROOT_PACKAGE.replace('.', '/'));
      List<Path> files;
      try (Stream<Path> walk = Files.walk(from)) {
        files = walk.filter(Files::isRegularFile).toList();
      }
      for (Path file : files) {
        Path target = base.resolve(from.relativize(file).toString());
        Files.createDirectories(target.getParent());
        if (file.toString().endsWith(".java")) {
          Files.writeString(target, Files.readString(file, StandardCharsets.UTF_8)
              .replace(ROOT_PACKAGE + ".", toPackage + "."), StandardCharsets.UTF_8);
        } else {
          Files.copy(file, target);
        }
      }
    } finally {
      deleteTree(staging);
    }
  }

  /**
   * {@code SkeletonGenerator <reference source root> <output root>} writes the student skeleton;
   * {@code SkeletonGenerator --relocate <package> <reference source root> <output root>} writes the
   * relocated reference.
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 2) {
      generate(Path.of(args[0]), Path.of(args[1]), EnumSet.noneOf(Exercise.class));
    } else if (args.length == 4 && args[0].equals("--relocate")) {
      relocate(Path.of(args[2]), Path.of(args[3]), args[1]);
    } else {
      throw new IllegalArgumentException("usage: SkeletonGenerator [--relocate <package>] <reference source root> "
          + "<output root>");
    }
  }
}
