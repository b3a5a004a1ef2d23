package org.logitlab.grader.submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.logitlab.exercise.Exercise;

/**
 * A student's submission: a folder (the kit, a {@code src/main/java} tree, the seven files side by
 * side, anything nested in folders) or a zip of one. Only the seven exercise files are taken from it;
 * everything else — the given code, the build — is the grader's own.
 *
 * @param student who submitted: the folder or zip name
 * @param source where it was read from
 * @param root the folder the files were found under (the unpacked zip, for a zip)
 * @param files the file of each exercise found in it
 * @param links the exercises whose file is a symbolic link, with the link: refused, since a link is
 *     not the student's own work (it may point into a classmate's folder) and its target is never read
 * @param misplaced the exercises whose only file of the right name declares another package, with that
 *     file: not graded, and the feedback says so
 */
public record Submission(String student, Path source, Path root, Map<Exercise, Path> files, Map<Exercise, Path> links,
    Map<Exercise, Path> misplaced) {

  /**
   * How far a zip may unpack, against zip bombs ({@code limits.unpackedMb} and {@code limits.zipEntries}).
   *
   * @param bytes the most its entries may hold together
   * @param entries the most entries it may have
   */
  public record ZipLimits(long bytes, int entries) {}

  /** Endings of archives a student may hand in instead of a zip; only zips are unpacked. */
  private static final List<String> OTHER_ARCHIVES = List.of(".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar", ".gz",
      ".7z", ".rar", ".bz2", ".xz", ".jar");

  /** How deep below the submission's root its exercise files are looked for. */
  private static final int MAX_DEPTH = 64;

  /** Copies the maps. */
  public Submission {
    files = Map.copyOf(files);
    links = Map.copyOf(links);
    misplaced = Map.copyOf(misplaced);
  }

  /**
   * Opens a submission folder or zip; a zip is unpacked into {@code work}.
   *
   * @throws UnreadableSubmissionException if the zip is unsafe or corrupt (the message says which entry
   *     and why), or the path is neither a folder nor a zip
   * @throws IOException if the path does not exist or cannot be read
   */
  public static Submission open(Path path, Path work, ZipLimits limits) throws IOException {
    if (!Files.exists(path)) {
      throw new IOException(path + " does not exist");
    }
    path = path.toAbsolutePath().normalize();
    String name = studentOf(path);
    // A folder reached through a link is searched where it really is (a walk does not enter a link).
    Path root = path.toRealPath();
    if (Files.isRegularFile(path)) {
      if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
        if (isArchive(path)) {
          throw new UnreadableSubmissionException("submission.otherArchive", "file", path.getFileName());
        }
        throw new UnreadableSubmissionException("submission.neither", "file", path.getFileName());
      }
      root = Files.createDirectories(work.resolve("unpacked"));
      unzip(path, root, limits);
    }
    Map<Exercise, Path> files = new EnumMap<>(Exercise.class);
    Map<Exercise, Path> links = new EnumMap<>(Exercise.class);
    Map<Exercise, Path> misplaced = new EnumMap<>(Exercise.class);
    List<Path> sources = javaFiles(root);
    for (Exercise exercise : Exercise.values()) {
      Optional<Path> file = find(root, sources, exercise);
      if (file.isPresent()) {
        (Files.isSymbolicLink(file.get()) ? links : files).put(exercise, file.get());
      } else {
        named(sources, exercise).stream().findFirst().ifPresent(wrong -> misplaced.put(exercise, wrong));
      }
    }
    return new Submission(name, path, root, files, links, misplaced);
  }

  /**
   * Whose submission {@code path} is: the folder's name, or the archive's without its ending
   * ({@code .} is the current folder's name).
   */
  public static String studentOf(Path path) {
    Path named = path.toAbsolutePath().normalize().getFileName();
    String name = named == null ? path.toString() : named.toString();
    int ending = Files.isDirectory(path) ? 0 : archiveEnding(name).map(String::length).orElse(0);
    return ending < name.length() ? name.substring(0, name.length() - ending) : name;
  }

  /** Whether {@code path}'s name is that of a zip or of another archive a submission may come as. */
  public static boolean isArchive(Path path) {
    return archiveEnding(path.getFileName().toString()).isPresent();
  }

  /** The archive ending of {@code name} ({@code .zip}, {@code .tar.gz}, ...), if it has one. */
  public static Optional<String> archiveEnding(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".zip")) {
      return Optional.of(".zip");
    }
    return OTHER_ARCHIVES.stream().filter(lower::endsWith).findFirst();
  }

  /**
   * The exercise's file under {@code root}: the one at {@code src/main/java/<package path>/<File>.java}
   * nearest the root (so a kit, an {@code exercises} module or a folder holding either all work, however
   * deep); else, for files dropped anywhere (side by side, as Gradescope's drag and drop leaves them),
   * the file named {@code <File>.java} nearest the root whose {@code package} line is the exercise's. A
   * symbolic link is found too, so that it can be refused by name; it is never followed.
   */
  private static Optional<Path> find(Path root, List<Path> sources, Exercise exercise) throws IOException {
    String suffix = "/src/main/java/" + exercise.sourceFile();
    Optional<Path> laidOut = sources.stream().filter(p -> ("/" + slashes(root.relativize(p))).endsWith(suffix))
        .findFirst();
    if (laidOut.isPresent()) {
      return laidOut;
    }
    String pkg = exercise.sourceFile().substring(0, exercise.sourceFile().lastIndexOf('/')).replace('/', '.');
    for (Path file : named(sources, exercise)) {
      if (Files.isSymbolicLink(file) || pkg.equals(packageOf(file))) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /** The {@code .java} files under {@code root} (and links named so), nearest the root first. */
  private static List<Path> javaFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))
          .filter(p -> p.getFileName().toString().endsWith(".java"))
          .sorted(Comparator.comparingInt(Path::getNameCount).thenComparing(p -> slashes(p)))
          .toList();
    }
  }

  /** The files named like the exercise's, nearest the root first. */
  private static List<Path> named(List<Path> sources, Exercise exercise) {
    String name = exercise.sourceFile().substring(exercise.sourceFile().lastIndexOf('/') + 1);
    return sources.stream().filter(p -> p.getFileName().toString().equals(name)).toList();
  }

  private static String slashes(Path path) {
    return path.toString().replace('\\', '/');
  }

  /** The package a Java file declares, or "" for none (comments before it are skipped). */
  public static String packageOf(Path file) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    Matcher declaration = PACKAGE.matcher(text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " "));
    return declaration.lookingAt() ? declaration.group(1).replaceAll("\\s+", "") : "";
  }

  /** A package declaration at the start of a file (after comments are blanked out). */
  private static final Pattern PACKAGE = Pattern.compile("\\s*package\\s+([\\w.\\s]+?)\\s*;");

  /** SHA-256 over the exercise files, in exercise order: changes when any of them changes. */
  public String digest() throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Exercise exercise : Exercise.values()) {
        sha.update(exercise.name().getBytes(StandardCharsets.UTF_8));
        Path file = files.get(exercise);
        if (file != null) {
          sha.update(Files.readAllBytes(file));
        }
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /**
   * Unpacks {@code zip} into {@code target}, refusing paths that leave it and oversized contents; a
   * refusal names the zip by its file name, so that it reads the same on every grading machine.
   */
  static void unzip(Path zip, Path target, ZipLimits limits) throws IOException {
    Path name = zip.getFileName();
    byte[] signature = new byte[4];
    try (InputStream in = Files.newInputStream(zip)) {
      if (in.readNBytes(signature, 0, 4) < 4 || signature[0] != 'P' || signature[1] != 'K') {
        throw new UnreadableSubmissionException("submission.noSignature", "file", name);
      }
    }
    long total = 0;
    int entries = 0;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      byte[] buffer = new byte[1 << 16];
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        if (++entries > limits.entries()) {
          throw new UnreadableSubmissionException("submission.tooManyEntries", "file", name, "entries",
              limits.entries());
        }
        // Zips written on Windows may separate folders with a backslash.
        String entryName = entry.getName().replace('\\', '/');
        Path out = target.resolve(entryName).normalize();
        if (!out.startsWith(target) || entryName.contains("..")) {
          throw new UnreadableSubmissionException("submission.outside", "file", name, "entry", entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        try (OutputStream file = Files.newOutputStream(out)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > limits.bytes()) {
              throw new UnreadableSubmissionException("submission.tooBig", "file", name, "mb", limits.bytes() >> 20);
            }
            file.write(buffer, 0, n);
          }
        }
      }
      if (entries == 0) {
        throw new UnreadableSubmissionException("submission.empty", "file", name);
      }
    } catch (ZipException e) {
      throw new UnreadableSubmissionException(e, "submission.invalidZip", "file", name, "error", e.getMessage());
    }
  }
}
