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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.logitlab.data.MnistFile;
import org.logitlab.data.MnistFiles;
import org.logitlab.grader.GraderJar;
import org.logitlab.grader.GradingConfig;

/**
 * Gradescope's {@code autograder.zip} for its "zip file upload" autograder: {@code setup.sh},
 * {@code run_autograder}, the grader jar, the optional {@code grading.json} and, if asked, the four
 * MNIST files under {@code mnist/}. All sit at the root of the zip. The two scripts have Unix mode
 * 0755 and the other files 0644, written into the zip's central directory, which
 * {@link ZipOutputStream} cannot do by itself.
 *
 * <p>{@code setup.sh} (run once, as root, when Gradescope builds the image) installs a headless JDK 17
 * and bubblewrap, puts the grader, its configuration and MNIST (from the bundle, else downloaded and
 * checksum-verified) into {@value #HOME}, readable by all and writable by root alone, and creates the
 * unprivileged user {@value #USER}. {@code run_autograder} (run as root for every submission) copies
 * the submission into a folder of that user's, grades it as that user, and copies the user's
 * {@code results.json} into {@code /autograder/results}: the student's code never runs as root, and
 * can write neither the grader nor the results Gradescope reads.
 */
public final class GradescopeBundle {

  /** Where Gradescope unpacks the zip. */
  public static final String SOURCE = "/autograder/source/";
  /** The grader jar's name inside the zip. */
  public static final String JAR = GraderJar.NAME;
  /** The configuration's name inside the zip. */
  public static final String CONFIG = "grading.json";
  /** The folder of the MNIST files inside the zip. */
  public static final String MNIST = "mnist/";
  /** Where setup.sh installs the grader, its configuration and MNIST in the image. */
  public static final String HOME = "/opt/logit-lab";
  /** The unprivileged user that grades. */
  public static final String USER = "logitlab";

  private static final int EXECUTABLE = 0755;
  private static final int READABLE = 0644;
  private static final int REGULAR_FILE = 0100000;
  private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
  private static final int CENTRAL_DIRECTORY_HEADER = 0x02014b50;
  private static final int MADE_BY_UNIX = 3;

  private GradescopeBundle() {}

  /**
   * Writes {@code zip} with the scripts, {@code graderJar} and, if present, the grading configuration
   * {@code config} and the MNIST files {@code mnist}, atomically.
   *
   * @throws IllegalArgumentException if the jar is not a runnable jar, or the configuration is not
   *     valid ({@link GradingConfig#load}), so that a broken bundle fails here and not on Gradescope
   */
  public static void write(Path zip, Path graderJar, Optional<Path> config, Optional<MnistFiles> mnist)
      throws IOException {
    GraderJar.checkRunnable(graderJar);
    if (config.isPresent()) {
      GradingConfig.load(config.get());
    }
    Map<String, Integer> modes = new LinkedHashMap<>();
    AtomicFile.write(zip, temporary -> {
      try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temporary))) {
        add(out, modes, "setup.sh", setupScript(config.isPresent()).getBytes(StandardCharsets.UTF_8), EXECUTABLE);
        add(out, modes, "run_autograder", runScript(config.isPresent()).getBytes(StandardCharsets.UTF_8), EXECUTABLE);
        add(out, modes, JAR, graderJar, READABLE);
        if (config.isPresent()) {
          add(out, modes, CONFIG, config.get(), READABLE);
        }
        if (mnist.isPresent()) {
          MnistFiles files = mnist.get();
          List<Path> paths = List.of(files.trainImages(), files.trainLabels(), files.testImages(), files.testLabels());
          for (MnistFile file : MnistFile.values()) {
            addGzipped(out, modes, MNIST + file.fileName(), paths.get(file.ordinal()));
          }
        }
      }
      setUnixModes(temporary, modes);
    });
  }

  /**
   * {@code setup.sh}: a headless JDK 17 (the grader compiles submissions, so a JRE is not enough),
   * bubblewrap (which isolates each grading JVM where the image allows it; the grader says which
   * isolation it used), the grader's home and user, and MNIST: a build of the image that cannot have
   * MNIST fails, since every grading would otherwise be incomplete.
   */
  static String setupScript(boolean withConfig) {
    return """
        #!/usr/bin/env bash
        # Gradescope runs this once, as root, when it builds the autograder image.
        # The logit-lab grader needs a Java 17 JDK (it compiles each submission), bubblewrap to isolate
        # the student's code, and MNIST for the end-to-end part of Exercise 7. The grader, its
        # configuration and MNIST go into %1$s, readable by all and writable by root alone;
        # submissions are graded by the unprivileged user %2$s.
        set -euo pipefail
        export DEBIAN_FRONTEND=noninteractive
        apt-get update
        apt-get install -y --no-install-recommends openjdk-17-jdk-headless bubblewrap
        java -version
        install -d -m 755 %1$s %1$s/mnist
        install -m 644 %3$s%4$s%5$s %1$s/
        id -u %2$s >/dev/null 2>&1 \\
          || useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin %2$s
        # MNIST from the bundle if it carries it, else downloaded and checked against its checksums.
        # Without MNIST every submission's grading would be incomplete: fail the image build instead.
        if [ -d %3$smnist ]; then
          install -m 644 %3$smnist/* %1$s/mnist/
        fi
        java -jar %1$s/%4$s fetch-mnist --into %1$s/mnist || {
          echo "setup.sh: no MNIST for the image: let the image build download it, or make a bundle that" \\
            "carries it (java -jar logit-lab-grader.jar bundle-gradescope --out autograder.zip --mnist-dir DIR)" >&2
          exit 1
        }
        """.formatted(HOME, USER, SOURCE, JAR, withConfig ? " " + SOURCE + CONFIG : "");
  }

  /** {@code run_autograder}: grades {@code /autograder/submission} into {@code /autograder/results/results.json}. */
  static String runScript(boolean withConfig) {
    return """
        #!/usr/bin/env bash
        # Gradescope runs this for every submission, as root, in /autograder. The grader runs as the
        # unprivileged user %2$s on a copy of /autograder/submission, in a folder of its own, and
        # writes results.json there; it is copied to /autograder/results. When grading is incomplete
        # (a grader error) there is none and the exit code is 3, so Gradescope shows a failed run.
        set -euo pipefail
        mkdir -p /autograder/results
        rm -f /autograder/results/results.json
        work="$(mktemp -d)"
        cp -R /autograder/submission "$work/submission"
        mkdir "$work/results"
        chown -R %2$s:%2$s "$work"
        status=0
        (cd "$work" && runuser -u %2$s -- env HOME="$work" bash -c 'echo "Grading as $(id -un) (uid $(id -u))"; exec "$@"' \\
          grade java -jar %1$s/%3$s gradescope --submission "$work/submission" --results "$work/results" \\
          --mnist-dir %1$s/mnist%4$s) || status=$?
        if [ -f "$work/results/results.json" ]; then
          cp "$work/results/results.json" /autograder/results/results.json
        fi
        rm -rf "$work"
        exit "$status"
        """.formatted(HOME, USER, JAR, withConfig ? " --config " + HOME + "/" + CONFIG : "");
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

  /** Adds {@code file} under its gzip name: as it is if it is gzip-compressed already, else compressed. */
  private static void addGzipped(ZipOutputStream out, Map<String, Integer> modes, String name, Path file)
      throws IOException {
    if (file.getFileName().toString().endsWith(".gz")) {
      add(out, modes, name, file, READABLE);
      return;
    }
    out.putNextEntry(new ZipEntry(name));
    GZIPOutputStream gzip = new GZIPOutputStream(out);
    Files.copy(file, gzip);
    gzip.finish(); // not close: that would close the zip
    out.closeEntry();
    modes.put(name, READABLE);
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
