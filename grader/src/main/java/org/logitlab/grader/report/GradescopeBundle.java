package org.logitlab.grader.report;

import org.logitlab.grader.AtomicFile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.logitlab.grader.GraderJar;
import org.logitlab.grader.GradingConfig;

/**
 * Gradescope's {@code autograder.zip} for its "zip file upload" autograder: {@code setup.sh}, which
 * installs a headless JDK 17 with apt-get; {@code run_autograder}, which runs
 * {@code java -jar /autograder/source/logit-lab-grader.jar gradescope} (with
 * {@code --config /autograder/source/grading.json} when a configuration is bundled); the grader jar;
 * and the optional {@code grading.json}. All sit at the root of the zip. The two scripts have Unix
 * mode 0755 and the other files 0644, written into the zip's central directory, which
 * {@link ZipOutputStream} cannot do by itself.
 */
public final class GradescopeBundle {

  /** Where Gradescope unpacks the zip. */
  public static final String SOURCE = "/autograder/source/";
  /** The grader jar's name inside the zip. */
  public static final String JAR = GraderJar.NAME;
  /** The configuration's name inside the zip. */
  public static final String CONFIG = "grading.json";

  private static final int EXECUTABLE = 0755;
  private static final int READABLE = 0644;
  private static final int REGULAR_FILE = 0100000;
  private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
  private static final int CENTRAL_DIRECTORY_HEADER = 0x02014b50;
  private static final int MADE_BY_UNIX = 3;

  private GradescopeBundle() {}

  /** Writes {@code zip} with the scripts and {@code graderJar}, atomically. */
  public static void write(Path zip, Path graderJar) throws IOException {
    write(zip, graderJar, Optional.empty());
  }

  /**
   * Writes {@code zip} with the scripts, {@code graderJar} and, if present, the grading configuration
   * {@code config}, atomically.
   *
   * @throws IllegalArgumentException if the jar is not a runnable jar, or the configuration is not
   *     valid ({@link GradingConfig#load}), so that a broken bundle fails here and not on Gradescope
   */
  public static void write(Path zip, Path graderJar, Optional<Path> config) throws IOException {
    GraderJar.checkRunnable(graderJar);
    if (config.isPresent()) {
      GradingConfig.load(config.get());
    }
    Map<String, Integer> modes = new LinkedHashMap<>();
    AtomicFile.write(zip, temporary -> {
      try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temporary))) {
        add(out, modes, "setup.sh", setupScript().getBytes(StandardCharsets.UTF_8), EXECUTABLE);
        byte[] run = runScript(config.isPresent()).getBytes(StandardCharsets.UTF_8);
        add(out, modes, "run_autograder", run, EXECUTABLE);
        add(out, modes, JAR, graderJar, READABLE);
        if (config.isPresent()) {
          add(out, modes, CONFIG, config.get(), READABLE);
        }
      }
      setUnixModes(temporary, modes);
    });
  }

  /**
   * {@code setup.sh}: a headless JDK 17 (the grader compiles submissions, so a JRE is not enough) and
   * bubblewrap, which isolates each grading JVM where the image allows user namespaces (the grader
   * says which isolation it used, and falls back to less where it cannot).
   */
  static String setupScript() {
    return """
        #!/usr/bin/env bash
        # Gradescope runs this once, as root, when it builds the autograder image.
        # The logit-lab grader needs a Java 17 JDK (it compiles each submission), bubblewrap to isolate
        # the student's code, and MNIST for the end-to-end part of Exercise 7, downloaded once here and
        # checked against its checksums.
        set -euo pipefail
        export DEBIAN_FRONTEND=noninteractive
        apt-get update
        apt-get install -y --no-install-recommends openjdk-17-jdk-headless bubblewrap
        java -version
        # Without MNIST every submission's grading would be incomplete: fail the image build instead.
        java -jar /autograder/source/logit-lab-grader.jar fetch-mnist
        """;
  }

  /** {@code run_autograder}: grades {@code /autograder/submission} into {@code /autograder/results/results.json}. */
  static String runScript(boolean withConfig) {
    return """
        #!/usr/bin/env bash
        # Gradescope runs this for every submission, in /autograder. The grader reads
        # /autograder/submission and writes /autograder/results/results.json; when grading is
        # incomplete (a grader error) it writes none and exits 3, so Gradescope shows a failed run.
        set -euo pipefail
        mkdir -p /autograder/results
        exec java -jar %s%s gradescope%s
        """.formatted(SOURCE, JAR, withConfig ? " --config " + SOURCE + CONFIG : "");
  }

  private static void add(ZipOutputStream out, Map<String, Integer> modes, String name, byte[] content, int mode)
      throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write(content);
    out.closeEntry();
    modes.put(name, mode);
  }

  private static void add(ZipOutputStream out, Map<String, Integer> modes, String name, Path file, int mode)
      throws IOException {
    out.putNextEntry(new ZipEntry(name));
    Files.copy(file, (OutputStream) out);
    out.closeEntry();
    modes.put(name, mode);
  }

  /**
   * Marks every entry of the zip's central directory as made on Unix and puts its mode (a regular
   * file with the given permissions) into the high 16 bits of its external attributes, where
   * {@code unzip} and Gradescope read it.
   */
  static void setUnixModes(Path zip, Map<String, Integer> modes) throws IOException {
    try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer end = read(channel, channel.size() - 22, 22);
      if (end.getInt(0) != END_OF_CENTRAL_DIRECTORY) {
        throw new IOException(zip + ": no end of central directory where expected");
      }
      int entries = Short.toUnsignedInt(end.getShort(10));
      long size = Integer.toUnsignedLong(end.getInt(12));
      long offset = Integer.toUnsignedLong(end.getInt(16));
      ByteBuffer directory = read(channel, offset, (int) size);
      int at = 0;
      for (int i = 0; i < entries; i++) {
        if (directory.getInt(at) != CENTRAL_DIRECTORY_HEADER) {
          throw new IOException(zip + ": corrupt central directory at entry " + i);
        }
        int nameLength = Short.toUnsignedInt(directory.getShort(at + 28));
        int extraLength = Short.toUnsignedInt(directory.getShort(at + 30));
        int commentLength = Short.toUnsignedInt(directory.getShort(at + 32));
        byte[] name = new byte[nameLength];
        directory.get(at + 46, name);
        Integer mode = modes.get(new String(name, StandardCharsets.UTF_8));
        if (mode == null) {
          throw new IOException(zip + ": unexpected entry " + new String(name, StandardCharsets.UTF_8));
        }
        int specVersion = directory.get(at + 6) & 0xff; // "version needed to extract", e.g. 20 for 2.0
        directory.putShort(at + 4, (short) (MADE_BY_UNIX << 8 | specVersion));
        directory.putInt(at + 38, (REGULAR_FILE | mode) << 16);
        at += 46 + nameLength + extraLength + commentLength;
      }
      directory.rewind();
      while (directory.hasRemaining()) {
        channel.write(directory, offset + directory.position());
      }
    }
  }

  private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("unexpected end of the zip");
      }
    }
    return buffer.rewind();
  }
}
