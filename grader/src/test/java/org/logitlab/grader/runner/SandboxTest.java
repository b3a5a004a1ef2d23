package org.logitlab.grader.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs a small program, compiled here, through {@link Sandbox#wrap} exactly as the grader runs a
 * grading JVM (this JDK's java, -cp student classes + the grader's class path, the scratch folder as
 * working directory, an empty environment) and looks at what it could do. Every folder name has a
 * space in it. The bubblewrap and unshare tests are skipped, with the reason, where the machine
 * cannot provide them; where it can, they run.
 */
class SandboxTest {

  private static final String PROBER = """
      import java.io.*;
      import java.net.*;
      import java.nio.file.*;
      import java.util.*;
      import java.util.stream.*;

      /** Tries each argument (op=value) and prints: argument TAB OK:detail or FAIL:exception. */
      public class Prober {
        public static void main(String[] args) throws Exception {
          for (String arg : args) {
            int eq = arg.indexOf('=');
            String op = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq < 0 ? "" : arg.substring(eq + 1);
            String result;
            try {
              result = "OK:" + run(op, value);
            } catch (Throwable e) {
              result = "FAIL:" + e;
            }
            System.out.println(arg + "\\t" + result.replace('\\n', ' '));
            System.out.flush();
          }
        }

        static String run(String op, String value) throws Exception {
          switch (op) {
            case "version": return System.getProperty("java.version");
            case "connect":
              try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(value)), 2000);
                return "connected";
              }
            case "read": return new String(Files.readAllBytes(Path.of(value))).strip();
            case "list":
              try (Stream<Path> s = Files.list(Path.of(value))) {
                return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.joining("/"));
              }
            case "write":
              Files.writeString(Path.of(value), "written inside");
              return "written";
            case "openw":
              new FileOutputStream(value, true).close();
              return "opened for writing";
            case "big": {
              int bar = value.indexOf('|');
              byte[] block = new byte[1 << 16];
              long bytes = Long.parseLong(value.substring(0, bar));
              try (OutputStream out = new FileOutputStream(value.substring(bar + 1))) {
                for (long n = 0; n < bytes; n += block.length) {
                  out.write(block);
                }
              }
              return "wrote " + bytes;
            }
            case "load": return Class.forName(value).getName();
            case "resource":
              try (InputStream in = Prober.class.getResourceAsStream(value)) {
                return in.readAllBytes().length + " bytes";
              }
            case "status":
              return Files.readAllLines(Path.of("/proc/self/status")).stream()
                  .filter(l -> l.startsWith(value + ":")).findFirst().orElse("?").substring(value.length() + 1).strip();
            case "procs":
              try (Stream<Path> s = Files.list(Path.of("/proc"))) {
                return Long.toString(s.filter(p -> p.getFileName().toString().matches("[0-9]+")).count());
              }
            case "sleep":
              System.out.println("ready");
              System.out.flush();
              Thread.sleep(Long.parseLong(value));
              return "slept";
            case "exit":
              System.exit(Integer.parseInt(value));
            default: throw new IllegalArgumentException(op);
          }
        }
      }
      """;

  @TempDir
  static Path shared;
  private static Path classes;

  @TempDir
  Path dir;

  /** What the program reported: each argument's result, and how it ended. */
  private record Report(int exitCode, Map<String, String> results, String output) {
    String get(String arg) {
      assertThat(results).as("no result for %s in:%n%s", arg, output).containsKey(arg);
      return results.get(arg);
    }
  }

  @BeforeAll
  static void compile() throws IOException {
    Path source = Files.createDirectories(shared.resolve("prober source")).resolve("Prober.java");
    Files.writeString(source, PROBER);
    classes = Files.createDirectories(shared.resolve("student classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, "-d", classes.toString(), source.toString())).isZero();
  }

  // ---- detection and settings --------------------------------------------------------------------

  @Test
  void detectionPicksBubblewrapWhereItWorks() {
    assumeTrue(Sandbox.available(Sandbox.Level.BWRAP),
        () -> "bubblewrap is not available here: " + Sandbox.notes(Sandbox.Level.BWRAP));
    Sandbox sandbox = Sandbox.detect("auto");
    assertThat(sandbox.level()).isEqualTo(Sandbox.Level.BWRAP);
    assertThat(sandbox.description()).startsWith("bubblewrap: no network");
    assertThat(Sandbox.detect("")).isSameAs(sandbox);
    assertThat(Sandbox.detect(null)).isSameAs(sandbox);
  }

  @Test
  void detectionFallsBackInOrder() {
    Sandbox.Level expected = Sandbox.available(Sandbox.Level.BWRAP) ? Sandbox.Level.BWRAP
        : Sandbox.available(Sandbox.Level.UNSHARE) ? Sandbox.Level.UNSHARE : Sandbox.Level.NONE;
    assertThat(Sandbox.detect("auto").level()).isEqualTo(expected);
    assertThat(Sandbox.available(Sandbox.Level.NONE)).isTrue();
  }

  @Test
  void aSettingForcesALevelOrIsRejected() {
    assertThat(Sandbox.detect("none").level()).isEqualTo(Sandbox.Level.NONE);
    assertThat(Sandbox.detect(" NONE ").level()).isEqualTo(Sandbox.Level.NONE);
    assertThat(Sandbox.detect("none").description())
        .isEqualTo("none: the machine offers no OS isolation; the bytecode check is the only barrier");
    assertThatThrownBy(() -> Sandbox.detect("docker")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("auto, bwrap, unshare or none");
    for (Sandbox.Level level : Sandbox.Level.values()) {
      if (Sandbox.available(level)) {
        assertThat(Sandbox.detect(level.name().toLowerCase()).level()).isEqualTo(level);
      } else {
        assertThatThrownBy(() -> Sandbox.of(level)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("not available");
      }
    }
  }

  @Test
  void noneLeavesTheCommandAlone() throws IOException {
    Path work = Files.createDirectories(dir.resolve("scratch"));
    List<String> command = List.of("/usr/bin/java", "-cp", "a b", "Main");
    assertThat(Sandbox.of(Sandbox.Level.NONE).wrap(command, work, List.of())).isEqualTo(command);
  }

  @Test
  void theClassPathComesFromTheCommandAndTheManifests() throws IOException {
    Path work = Files.createDirectories(dir.resolve("scratch dir"));
    Path lib = Files.createDirectories(dir.resolve("lib dir"));
    Path dep = Files.writeString(lib.resolve("dep.jar"), "not really a jar");
    Path app = lib.resolve("app.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "dep.jar missing.jar");
    new JarOutputStream(Files.newOutputStream(app), manifest).close(); // only the manifest
    List<String> command = List.of("/java", "-Xmx1m", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp",
        app + File.pathSeparator + "relative" + File.pathSeparator + lib + File.separator + "*", "Main", "-cp", "x");
    // Relative to the scratch folder, where the JVM runs; nothing after the main class.
    assertThat(Sandbox.classPath(command, work)).containsExactly(app, dep, lib.resolve("missing.jar"),
        work.resolve("relative"), lib);
    assertThat(Sandbox.classPath(List.of("/java", "-Dx=y", "-jar", app.toString(), "-cp", "x"), work))
        .containsExactly(app, dep, lib.resolve("missing.jar"));
  }

  // ---- what a wrapped JVM can do -----------------------------------------------------------------

  /**
   * With the work folder in /tmp (the single-submission grader) and elsewhere (the batch grader keeps
   * it in the output folder, beside the other students' results).
   */
  @ParameterizedTest(name = "work folder in /tmp: {0}")
  @ValueSource(booleans = {true, false})
  void bubblewrapIsolatesTheJvm(boolean inTmp) throws Exception {
    Sandbox sandbox = require(Sandbox.Level.BWRAP);
    Path base = dir;
    if (!inTmp) {
      Path target = Path.of("target").toAbsolutePath();
      assumeTrue(!target.startsWith("/tmp") && Files.isDirectory(target), "no build folder outside /tmp");
      base = Files.createTempDirectory(target, "sandbox test ");
    }
    try {
      bubblewrapIsolatesTheJvm(sandbox, base);
    } finally {
      if (!inTmp) {
        try (Stream<Path> files = Files.walk(base)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private void bubblewrapIsolatesTheJvm(Sandbox sandbox, Path dir) throws Exception {
    Path work = Files.createDirectories(dir.resolve("grading work").resolve("run").resolve("Exercise 1"));
    Path secret = Files.createDirectories(dir.resolve("grading work").resolve("other student"))
        .resolve("secret.txt");
    Files.writeString(secret, "the other student's answer");
    Path beside = work.resolveSibling("escaped.txt");
    Path mnist = Files.createDirectories(dir.resolve("mnist data"));
    Files.writeString(mnist.resolve("train.txt"), "pixels");
    Path inner = Files.createDirectories(work.resolve("read only inside"));
    Path home = Path.of(System.getProperty("user.home"));
    Path privateTmp = Path.of("/tmp", "logitlab-sandbox-" + System.nanoTime() + ".txt");
    Path hostFile = null; // a file of the grader's user, if $HOME has one
    if (Files.isDirectory(home) && Files.isReadable(home)) {
      try (Stream<Path> files = Files.list(home)) {
        hostFile = files.filter(Files::isRegularFile).filter(Files::isReadable).filter(p -> !onClassPath(p))
            .findFirst().orElse(null);
      }
    }
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      List<String> ops = new ArrayList<>(List.of("version", "connect=" + server.getLocalPort(),
          "read=" + secret, "list=" + secret.getParent(), "list=" + home, "write=" + beside,
          "write=" + work.resolve("result.txt"), "write=" + mnist.resolve("new.txt"),
          "write=" + inner.resolve("new.txt"), "write=" + privateTmp, "read=" + privateTmp,
          "read=" + mnist.resolve("train.txt"), "resource=Prober.class", "load=org.junit.jupiter.api.Test",
          "read=/etc/hostname", "status=CapEff", "openw=/proc/sys/vm/drop_caches", "procs"));
      if (hostFile != null) {
        ops.add("read=" + hostFile);
      }
      Report report = run(sandbox, work, List.of(classes, mnist, inner), ops);
      assertThat(report.exitCode()).as(report.output()).isZero();

      SoftAssertions softly = new SoftAssertions();
      softly.assertThat(report.get("version")).isEqualTo("OK:" + System.getProperty("java.version"));
      softly.assertThat(report.get("connect=" + server.getLocalPort())).startsWith("FAIL:");
      softly.assertThat(accepted(server)).as("the server saw a connection").isFalse();
      softly.assertThat(report.get("read=" + secret)).startsWith("FAIL:");
      softly.assertThat(report.get("list=" + secret.getParent())).startsWith("FAIL:");
      String homeListing = report.get("list=" + home);
      if (homeListing.startsWith("OK:") && homeListing.length() > 3) {
        // Only the folders leading to class-path entries (a Maven repository under $HOME) exist.
        softly.assertThat(Set.of(homeListing.substring(3).split("/"))).isSubsetOf(classPathRootsUnder(home));
      }
      if (hostFile != null) {
        softly.assertThat(report.get("read=" + hostFile)).as("reading %s", hostFile).startsWith("FAIL:");
      }
      if (!beside.startsWith("/tmp")) {
        softly.assertThat(report.get("write=" + beside)).startsWith("FAIL:");
      } // else it lands in the private /tmp and is gone with the sandbox
      softly.assertThat(beside).doesNotExist();
      softly.assertThat(report.get("write=" + work.resolve("result.txt"))).isEqualTo("OK:written");
      softly.assertThat(work.resolve("result.txt")).hasContent("written inside");
      softly.assertThat(report.get("write=" + mnist.resolve("new.txt"))).startsWith("FAIL:");
      softly.assertThat(mnist.resolve("new.txt")).doesNotExist();
      softly.assertThat(report.get("write=" + inner.resolve("new.txt"))).startsWith("FAIL:");
      softly.assertThat(inner.resolve("new.txt")).doesNotExist();
      softly.assertThat(report.get("write=" + privateTmp)).isEqualTo("OK:written");
      softly.assertThat(report.get("read=" + privateTmp)).isEqualTo("OK:written inside");
      softly.assertThat(privateTmp).as("/tmp is private").doesNotExist();
      softly.assertThat(report.get("read=" + mnist.resolve("train.txt"))).isEqualTo("OK:pixels");
      softly.assertThat(report.get("resource=Prober.class")).startsWith("OK:");
      softly.assertThat(report.get("load=org.junit.jupiter.api.Test")).isEqualTo("OK:org.junit.jupiter.api.Test");
      softly.assertThat(report.get("read=/etc/hostname")).as("only a few /etc files").startsWith("FAIL:");
      softly.assertThat(report.get("status=CapEff")).isEqualTo("OK:0000000000000000");
      softly.assertThat(report.get("openw=/proc/sys/vm/drop_caches")).startsWith("FAIL:");
      softly.assertThat(report.get("procs")).as("its own process namespace").isIn("OK:1", "OK:2", "OK:3");
      softly.assertAll();
    } finally {
      Files.deleteIfExists(privateTmp);
    }
  }

  @Test
  void unshareOnlyCutsTheNetwork() throws Exception {
    Sandbox sandbox = require(Sandbox.Level.UNSHARE);
    Path work = Files.createDirectories(dir.resolve("grading work").resolve("Exercise 1"));
    Path secret = Files.writeString(dir.resolve("secret.txt"), "the other student's answer");
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Report report = run(sandbox, work, List.of(classes),
          List.of("version", "connect=" + server.getLocalPort(), "read=" + secret));
      assertThat(report.exitCode()).as(report.output()).isZero();
      assertThat(report.get("version")).isEqualTo("OK:" + System.getProperty("java.version"));
      assertThat(report.get("connect=" + server.getLocalPort())).startsWith("FAIL:");
      assertThat(accepted(server)).isFalse();
      // Not isolated: the file system is the grader's.
      assertThat(report.get("read=" + secret)).isEqualTo("OK:the other student's answer");
    }
  }

  /** Without OS isolation the program can do all of it: the bytecode check is the only barrier. */
  @Test
  void noneIsolatesNothing() throws Exception {
    Path work = Files.createDirectories(dir.resolve("grading work").resolve("Exercise 1"));
    Path secret = Files.writeString(dir.resolve("secret.txt"), "the other student's answer");
    Path beside = work.resolveSibling("escaped.txt");
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Report report = run(Sandbox.of(Sandbox.Level.NONE), work, List.of(classes),
          List.of("version", "connect=" + server.getLocalPort(), "read=" + secret, "write=" + beside));
      assertThat(report.exitCode()).as(report.output()).isZero();
      assertThat(report.get("connect=" + server.getLocalPort())).isEqualTo("OK:connected");
      assertThat(accepted(server)).isTrue();
      assertThat(report.get("read=" + secret)).isEqualTo("OK:the other student's answer");
      assertThat(report.get("write=" + beside)).isEqualTo("OK:written");
      assertThat(beside).exists();
    }
  }

  @ParameterizedTest
  @EnumSource(Sandbox.Level.class)
  void theExitCodeComesThrough(Sandbox.Level level) throws Exception {
    Sandbox sandbox = require(level);
    Path work = Files.createDirectories(dir.resolve("scratch"));
    assertThat(run(sandbox, work, List.of(classes), List.of("exit=3")).exitCode()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(value = Sandbox.Level.class, names = {"BWRAP", "UNSHARE"})
  void writtenFilesAreCapped(Sandbox.Level level) throws Exception {
    Sandbox sandbox = require(level).withMaxFileBytes(1 << 20);
    assumeTrue(sandbox.maxFileBytes() > 0, () -> "prlimit is not available here: " + sandbox.notes());
    Path work = Files.createDirectories(dir.resolve("scratch"));
    Path big = work.resolve("big file.bin");
    Report report = run(sandbox, work, List.of(classes), List.of("big=" + (2 << 20) + "|" + big, "version"));
    assertThat(report.get("big=" + (2 << 20) + "|" + big)).startsWith("FAIL:").contains("File too large");
    assertThat(Files.size(big)).isLessThanOrEqualTo(1 << 20);
    assertThat(report.get("version")).as("the JVM goes on").startsWith("OK:");
    assertThat(report.exitCode()).isZero();
  }

  @Test
  void theJvmDiesWithBubblewrap() throws Exception {
    Sandbox sandbox = require(Sandbox.Level.BWRAP);
    Path work = Files.createDirectories(dir.resolve("scratch"));
    Process process = start(sandbox, work, List.of(classes), List.of("sleep=60000"));
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("ready");
      List<ProcessHandle> inside = process.descendants().toList();
      assertThat(inside).isNotEmpty();
      process.destroyForcibly(); // only bubblewrap itself
      process.waitFor(10, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (inside.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(inside).noneMatch(ProcessHandle::isAlive);
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  // ---- helpers -----------------------------------------------------------------------------------

  /** The sandbox of {@code level}; the test is skipped, with the reason, where it is unavailable. */
  private static Sandbox require(Sandbox.Level level) {
    assumeTrue(Sandbox.available(level),
        () -> level + " is not available on this machine: " + Sandbox.notes(level));
    return Sandbox.of(level);
  }

  /**
   * The grading command: this JDK, a heap cap, the student's classes then the grader's class path
   * (made absolute: the JVM runs in the scratch folder).
   */
  private static List<String> command(List<String> ops) {
    String classPath = Stream.concat(Stream.of(classes), classPathEntries().stream()).map(Path::toString)
        .collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-cp", classPath,
        "Prober"));
    command.addAll(ops);
    return command;
  }

  private static Process start(Sandbox sandbox, Path work, List<Path> readable, List<String> ops)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(sandbox.wrap(command(ops), work, readable))
        .directory(work.toFile()).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("LANG", "C.UTF-8");
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }

  private static Report run(Sandbox sandbox, Path work, List<Path> readable, List<String> ops) throws Exception {
    Process process = start(sandbox, work, readable, ops);
    String output;
    try {
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
    } finally {
      process.destroyForcibly();
    }
    Map<String, String> results = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        results.put(line.substring(0, tab), line.substring(tab + 1));
      }
    }
    return new Report(process.exitValue(), results, output);
  }

  /** Whether a client reached {@code server} (the kernel queues a connection even before accept). */
  private static boolean accepted(ServerSocket server) throws IOException {
    server.setSoTimeout(300);
    try {
      server.accept().close();
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  private static List<Path> classPathEntries() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).filter(s -> !s.isEmpty())
        .map(s -> Path.of(s).toAbsolutePath().normalize()).toList();
  }

  private static boolean onClassPath(Path p) {
    return classPathEntries().stream().anyMatch(e -> e.startsWith(p));
  }

  /** The names in {@code home} that lead to something bound inside: class path, JDK, test folders. */
  private static Set<String> classPathRootsUnder(Path home) {
    List<Path> bound = new ArrayList<>(classPathEntries());
    bound.add(Path.of(System.getProperty("java.home")));
    bound.add(classes);
    return bound.stream().filter(p -> p.startsWith(home) && p.getNameCount() > home.getNameCount())
        .map(p -> p.getName(home.getNameCount()).toString()).collect(Collectors.toCollection(TreeSet::new));
  }
}
