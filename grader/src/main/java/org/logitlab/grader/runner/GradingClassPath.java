package org.logitlab.grader.runner;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.nio.file.attribute.FileTime;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.logitlab.exercise.Exercise;
import org.logitlab.grader.batch.ResultStore;

/**
 * What a grading JVM runs on: the grader's class path with the seven exercise types taken out (the
 * given code, the hidden suites, the relocated reference, JUnit and AssertJ, all in jars), then the
 * student's compiled file, then the reference types of the other exercises; and, once made, a
 * class-data-sharing archive of the classes a grading JVM loads, which each JVM maps instead of
 * reading, parsing and verifying them again.
 *
 * <p>The order is what lets JDK 17 use the archive: it accepts one only for a class path that begins
 * with the jars it was made from, and refuses one made with a non-empty folder among them. The
 * student's classes still replace the reference's: the jars before them hold no exercise type.
 *
 * <p>Both live in a cache folder ({@value #CACHE_PROPERTY}, else {@code $XDG_CACHE_HOME/logit-lab/grading},
 * else {@code ~/.cache/logit-lab/grading}) named after the class path (each entry's name, size and
 * time) and the JDK, so a rebuilt grader or another JDK gets its own. They are written under a
 * temporary name and moved into place, so graders running side by side never see half a file. The
 * archive changes only how fast classes load, never what they do; {@value #CDS_PROPERTY}{@code =false}
 * runs without it.
 */
public final class GradingClassPath {

  /** The system property naming the cache folder. */
  public static final String CACHE_PROPERTY = "logitlab.grader.cache";
  /** The system property that, set to {@code false}, keeps grading JVMs from using the archive. */
  public static final String CDS_PROPERTY = "logitlab.grader.cds";
  /** The layout file: the given jars, one per line, then the jar of the exercises' reference types. */
  private static final String LAYOUT = "classpath.txt";
  private static final String ARCHIVE = "grading.jsa";
  private static final int ARCHIVE_SECONDS = 180;
  /** How long a layout nobody uses is kept. */
  private static final Duration IDLE = Duration.ofDays(1);

  private static GradingClassPath current;

  private final Path folder;
  private final List<Path> given;
  private final Path exercises;

  private GradingClassPath(Path folder, List<Path> given, Path exercises) {
    this.folder = folder;
    this.given = List.copyOf(given);
    this.exercises = exercises;
  }

  /**
   * The layout for this JVM's class path, made on first use (a second or two) and reused after; in a
   * folder under {@code java.io.tmpdir} when the cache folder cannot be written.
   */
  public static synchronized GradingClassPath current() throws IOException {
    if (current == null) {
      try {
        current = of(ExerciseJvm.graderClassPath(), cacheRoot());
      } catch (IOException e) {
        current = of(ExerciseJvm.graderClassPath(),
            Path.of(System.getProperty("java.io.tmpdir"), "logit-lab-grading-" + System.getProperty("user.name")));
      }
    }
    return current;
  }

  /** The layout of {@code classPath} (entries separated as on this system), kept under {@code cacheRoot}. */
  static GradingClassPath of(String classPath, Path cacheRoot) throws IOException {
    List<Path> entries = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(Path.of(entry).toAbsolutePath());
      }
    }
    Files.createDirectories(cacheRoot);
    Path folder = cacheRoot.resolve(key(entries));
    if (!Files.isRegularFile(folder.resolve(LAYOUT))) {
      Path draft = Files.createTempDirectory(cacheRoot, folder.getFileName() + ".");
      try {
        write(entries, draft, folder);
        publish(draft, folder);
      } finally {
        ResultStore.deleteTree(draft);
      }
    }
    Files.setLastModifiedTime(folder.resolve(LAYOUT), FileTime.from(Instant.now())); // in use: see prune
    prune(cacheRoot, folder);
    List<String> lines = Files.readAllLines(folder.resolve(LAYOUT), StandardCharsets.UTF_8);
    List<Path> given = lines.subList(0, lines.size() - 1).stream().map(Path::of).toList();
    return new GradingClassPath(folder, given, Path.of(lines.get(lines.size() - 1)));
  }

  /**
   * Deletes the layouts of other graders and JDKs that no grader has used for {@link #IDLE}: each
   * rebuilt grader makes a new one (about 60 MB with its archive). A grader marks its layout as used
   * when it starts.
   */
  private static void prune(Path cacheRoot, Path keep) throws IOException {
    Instant idleSince = Instant.now().minus(IDLE);
    try (Stream<Path> folders = Files.list(cacheRoot)) {
      for (Path folder : folders.filter(f -> !f.equals(keep) && f.getFileName().toString().matches("[0-9a-f]{24}"))
          .toList()) {
        Path layout = folder.resolve(LAYOUT);
        if (Files.isRegularFile(layout) && Files.getLastModifiedTime(layout).toInstant().isBefore(idleSince)) {
          Files.delete(layout); // first, so that no grader starts on a half-deleted layout
          ResultStore.deleteTree(folder);
        }
      }
    }
  }

  /** The grading JVM's class path: the given jars, {@code studentClasses}, the other exercises. */
  public String classPath(Path studentClasses) {
    return String.join(File.pathSeparator, givenPath(), studentClasses.toAbsolutePath().toString(),
        exercises.toString());
  }

  private String givenPath() {
    return String.join(File.pathSeparator, given.stream().map(Path::toString).toList());
  }

  /** The archive, when it has been made and {@value #CDS_PROPERTY} does not turn it off. */
  public Optional<Path> archive() {
    Path archive = folder.resolve(ARCHIVE);
    return wanted() && Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
  }

  /** Whether grading JVMs would use an archive that has not been made yet. */
  public boolean lacksArchive() {
    return wanted() && !Files.isRegularFile(folder.resolve(ARCHIVE));
  }

  private static boolean wanted() {
    return Boolean.parseBoolean(System.getProperty(CDS_PROPERTY, "true"));
  }

  /**
   * The options that make a JVM map the archive: {@code -Xshare:auto}, so that a JVM that cannot map
   * it (another address layout, a changed jar) runs without it, silently, rather than fail.
   */
  public List<String> jvmOptions() {
    return archive().map(a -> List.of("-XX:SharedArchiveFile=" + a, "-Xshare:auto", "-Xlog:cds=off",
        "-Xlog:class+path=off")).orElse(List.of());
  }

  /**
   * Makes the archive unless it exists: runs each exercise's hidden suites once on the reference, a
   * JVM per exercise, recording the classes they load, then dumps those classes. About as long as
   * grading one submission; each JVM after it starts faster.
   *
   * @param parallelism how many of the recording JVMs run at once
   * @throws IOException when a recording or the dump fails: the message says which and why (grading
   *     goes on without the archive)
   */
  public synchronized void makeArchive(int parallelism) throws IOException, InterruptedException {
    if (Files.isRegularFile(folder.resolve(ARCHIVE))) {
      return;
    }
    Path draft = Files.createTempDirectory(folder, "archive.");
    try {
      Path empty = Files.createDirectories(draft.resolve("no-student"));
      List<Exercise> exercises = List.of(Exercise.values());
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism));
      try {
        List<Future<Void>> recordings = new ArrayList<>();
        for (Exercise exercise : exercises) {
          recordings.add(pool.submit(() -> {
            record(exercise, empty, draft);
            return null;
          }));
        }
        for (Future<Void> recording : recordings) {
          recording.get();
        }
      } catch (ExecutionException e) {
        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
      } finally {
        pool.shutdownNow();
      }
      Path list = draft.resolve("classes.lst");
      Files.write(list, mergedClassList(draft, exercises), StandardCharsets.UTF_8);
      Path archive = draft.resolve(ARCHIVE);
      run(List.of(ExerciseJvm.javaExecutable(), "-Xshare:dump", "-XX:SharedClassListFile=" + list,
          "-XX:SharedArchiveFile=" + archive, "-cp", givenPath()), draft.resolve("dump.log"), 0);
      // A usage error (exit 2) after start-up proves the JVM maps the archive: -Xshare:on fails otherwise.
      run(List.of(ExerciseJvm.javaExecutable(), "-XX:SharedArchiveFile=" + archive, "-Xshare:on",
          "-cp", classPath(empty), ExerciseRunner.class.getName()), draft.resolve("check.log"), 2);
      try {
        Files.move(archive, folder.resolve(ARCHIVE), StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        // another grader made it first: theirs is as good
      }
    } finally {
      ResultStore.deleteTree(draft);
    }
  }

  /** Runs the reference of {@code exercise} with the class list recorded into {@code draft}. */
  private void record(Exercise exercise, Path noStudent, Path draft) throws IOException, InterruptedException {
    Path results = draft.resolve(exercise.name() + ".results.jsonl");
    run(List.of(ExerciseJvm.javaExecutable(), "-XX:DumpLoadedClassList=" + draft.resolve(exercise.name() + ".lst"),
        "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-Dlogitlab.grader.randomCases=2",
        "-Djava.io.tmpdir=" + draft, "-cp", classPath(noStudent), ExerciseRunner.class.getName(), exercise.name(),
        results.toString(), "60"), draft.resolve(exercise.name() + ".log"), 0);
  }

  /**
   * The classes of every recording, each once, without the ids of the recording that listed it (each
   * recording numbers its own; the dump needs none for classes of the JVM's own loaders).
   */
  private static List<String> mergedClassList(Path draft, List<Exercise> exercises) throws IOException {
    Set<String> lines = new LinkedHashSet<>();
    for (Exercise exercise : exercises) {
      for (String line : Files.readAllLines(draft.resolve(exercise.name() + ".lst"), StandardCharsets.UTF_8)) {
        if (!line.startsWith("#") && !line.isBlank()) {
          lines.add(line.replaceFirst(" id: \\d+$", ""));
        }
      }
    }
    return new ArrayList<>(lines);
  }

  /** Runs {@code command} with an empty environment; fails unless it exits with {@code expected} in time. */
  private static void run(List<String> command, Path log, int expected) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .directory(log.getParent().toFile());
    builder.environment().clear();
    builder.environment().put("LANG", "C.UTF-8");
    Process process = builder.start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write("archive\n".getBytes(StandardCharsets.UTF_8));
    }
    if (!process.waitFor(ARCHIVE_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IOException(String.join(" ", command.subList(0, 3)) + " … ran over " + ARCHIVE_SECONDS + " s");
    }
    if (process.exitValue() != expected) {
      List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
      throw new IOException(String.join(" ", command.subList(0, 3)) + " … exited with " + process.exitValue()
          + (output.isEmpty() ? "" : ": " + output.get(output.size() - 1)));
    }
  }

  // ---- the layout ------------------------------------------------------------------------------

  /** Writes the layout of {@code entries} into {@code draft}, naming its files as they will be in {@code folder}. */
  private static void write(List<Path> entries, Path draft, Path folder) throws IOException {
    List<String> layout = new ArrayList<>();
    Map<String, byte[]> exerciseTypes = new LinkedHashMap<>();
    for (Path entry : entries) {
      Map<String, byte[]> files = new LinkedHashMap<>();
      if (Files.isDirectory(entry)) {
        try (Stream<Path> walk = Files.walk(entry)) {
          for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
            files.put(entry.relativize(file).toString().replace(File.separatorChar, '/'), Files.readAllBytes(file));
          }
        }
      } else if (Files.isRegularFile(entry) && holdsExerciseType(entry)) {
        try (ZipFile zip = new ZipFile(entry.toFile())) {
          for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry z = e.nextElement();
            if (!z.isDirectory()) {
              try (InputStream in = zip.getInputStream(z)) {
                files.put(z.getName(), in.readAllBytes());
              }
            }
          }
        }
      } else {
        if (Files.isRegularFile(entry)) {
          layout.add(entry.toString()); // a jar without exercise types is used where it is
        }
        continue;
      }
      Map<String, byte[]> kept = new LinkedHashMap<>();
      files.forEach((name, bytes) -> {
        if (isExerciseType(name)) {
          exerciseTypes.putIfAbsent(name, bytes); // the first on the class path wins, as when loading
        } else {
          kept.put(name, bytes);
        }
      });
      String name = "given-" + (layout.size() + 1) + ".jar";
      writeJar(draft.resolve(name), kept);
      layout.add(folder.resolve(name).toString());
    }
    writeJar(draft.resolve("exercises.jar"), exerciseTypes);
    layout.add(folder.resolve("exercises.jar").toString());
    Files.write(draft.resolve(LAYOUT), layout, StandardCharsets.UTF_8);
  }

  /** Whether {@code name}, a path in a jar or class folder, is a class of an exercise's source file. */
  static boolean isExerciseType(String name) {
    if (!name.endsWith(".class")) {
      return false;
    }
    String stem = name.substring(0, name.length() - ".class".length());
    for (Exercise exercise : Exercise.values()) {
      String type = exercise.sourceFile().substring(0, exercise.sourceFile().length() - ".java".length());
      if (stem.equals(type) || stem.startsWith(type + "$")) {
        return true;
      }
    }
    return false;
  }

  private static boolean holdsExerciseType(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().anyMatch(e -> isExerciseType(e.getName()));
    }
  }

  /** A jar of {@code files}, stored without compression: the grading JVMs read it many times. */
  private static void writeJar(Path jar, Map<String, byte[]> files) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
      String manifest = "META-INF/MANIFEST.MF";
      List<String> names = new ArrayList<>(files.keySet());
      if (names.remove(manifest)) {
        names.add(0, manifest); // first, where jar readers look for it
      }
      for (String name : names) {
        byte[] bytes = files.get(name);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        entry.setCrc(crc.getValue());
        entry.setTime(0);
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
      }
    }
  }

  /** A name for the class path and the JDK: what changes when any entry or the JDK does. */
  private static String key(List<Path> entries) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder text = new StringBuilder();
    text.append(System.getProperty("java.home")).append('\n').append(System.getProperty("java.vm.version")).append('\n');
    for (Path entry : entries) {
      text.append(entry).append('\n');
      if (Files.isDirectory(entry)) {
        try (Stream<Path> walk = Files.walk(entry)) {
          for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
            text.append(' ').append(entry.relativize(file)).append(' ').append(Files.size(file)).append(' ')
                .append(Files.getLastModifiedTime(file)).append('\n');
          }
        }
      } else if (Files.isRegularFile(entry)) {
        text.append(' ').append(Files.size(entry)).append(' ').append(Files.getLastModifiedTime(entry)).append('\n');
      }
    }
    return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 24);
  }

  /** The cache folder: {@value #CACHE_PROPERTY}, else the user's cache. */
  static Path cacheRoot() {
    String property = System.getProperty(CACHE_PROPERTY, "");
    if (!property.isBlank()) {
      return Path.of(property).toAbsolutePath();
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("logit-lab").resolve("grading").toAbsolutePath();
  }

  private static void publish(Path draft, Path folder) throws IOException {
    try {
      Files.move(draft, folder, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      // another grader published the same layout first
    } catch (FileSystemException e) {
      if (!Files.isRegularFile(folder.resolve(LAYOUT))) {
        throw e;
      }
    }
  }
}
