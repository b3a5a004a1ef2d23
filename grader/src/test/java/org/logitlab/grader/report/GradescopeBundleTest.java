package org.logitlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.data.MnistFiles;
import org.logitlab.data.MnistLocator;

class GradescopeBundleTest {

  @TempDir
  Path dir;
  Path jar;

  @BeforeEach
  void fakeGraderJar() throws IOException {
    jar = dir.resolve("grader-under-another-name.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.logitlab.grader.cli.GraderMain");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.putNextEntry(new ZipEntry("org/logitlab/grader/cli/GraderMain.class"));
      out.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
      out.closeEntry();
    }
  }

  /** Each entry's content, read with java.util.zip. */
  private static Map<String, byte[]> entries(Path zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : java.util.Collections.list(file.entries())) {
        entries.put(entry.getName(), file.getInputStream(entry).readAllBytes());
      }
    }
    return entries;
  }

  /** Each entry's Unix permissions, read back by the JDK's zip file system from the external attributes. */
  private static Map<String, String> permissions(Path zip) throws IOException {
    Map<String, String> permissions = new LinkedHashMap<>();
    try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"));
        Stream<Path> files = Files.list(fs.getPath("/"))) {
      for (Path file : files.toList()) {
        permissions.put(file.getFileName().toString(),
            PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      }
    }
    return permissions;
  }

  @Test
  void scriptsJarAndConfigAtTheRootWithTheirModes() throws IOException {
    Path config = dir.resolve("my-grading.json");
    Files.writeString(config, "{\"exercises\": {\"FIT\": 30}}");
    Path zip = dir.resolve("out").resolve("autograder.zip");

    GradescopeBundle.write(zip, jar, Optional.of(config), Optional.empty());

    Map<String, byte[]> entries = entries(zip);
    assertThat(entries.keySet()).containsExactly("setup.sh", "run_autograder", "logit-lab-grader.jar",
        "grading.json");
    assertThat(entries.get("logit-lab-grader.jar")).isEqualTo(Files.readAllBytes(jar));
    assertThat(entries.get("grading.json")).isEqualTo(Files.readAllBytes(config));
    assertThat(permissions(zip)).containsExactlyInAnyOrderEntriesOf(Map.of("setup.sh", "rwxr-xr-x",
        "run_autograder", "rwxr-xr-x", "logit-lab-grader.jar", "rw-r--r--", "grading.json", "rw-r--r--"));
  }

  @Test
  void externalAttributesSayRegularFileMadeOnUnix() throws IOException {
    Path zip = dir.resolve("autograder.zip");
    GradescopeBundle.write(zip, jar, Optional.empty(), Optional.empty());

    // The central directory read by hand: version made by (offset 4) and external attributes (38).
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
    int end = bytes.limit() - 22;
    assertThat(bytes.getInt(end)).isEqualTo(0x06054b50);
    List<String> seen = new ArrayList<>();
    int at = bytes.getInt(end + 16);
    for (int i = 0; i < bytes.getShort(end + 10); i++) {
      assertThat(bytes.getInt(at)).isEqualTo(0x02014b50);
      int nameLength = bytes.getShort(at + 28);
      String name = new String(bytes.array(), at + 46, nameLength, StandardCharsets.UTF_8);
      seen.add(name + " " + bytes.get(at + 5) + " " + Integer.toOctalString(bytes.getInt(at + 38) >>> 16));
      at += 46 + nameLength + bytes.getShort(at + 30) + bytes.getShort(at + 32);
    }
    assertThat(seen).containsExactly("setup.sh 3 100755", "run_autograder 3 100755",
        "logit-lab-grader.jar 3 100644");
  }

  @Test
  void runAutograderGradesAsTheUnprivilegedUserWithTheConfigOnlyWhenBundled() throws IOException {
    Path without = dir.resolve("without.zip");
    GradescopeBundle.write(without, jar, Optional.empty(), Optional.empty());
    Path config = dir.resolve("grading.json");
    Files.writeString(config, "{}");
    Path with = dir.resolve("with.zip");
    GradescopeBundle.write(with, jar, Optional.of(config), Optional.empty());

    String plain = new String(entries(without).get("run_autograder"), StandardCharsets.UTF_8);
    assertThat(plain).startsWith("#!/usr/bin/env bash\n").doesNotContain("\r", "--config")
        .contains("runuser -u logitlab -- ", "grade java -jar /opt/logit-lab/logit-lab-grader.jar gradescope "
            + "--submission \"$work/submission\" --results \"$work/results\" \\\n  --mnist-dir /opt/logit-lab/mnist)",
            "cp \"$work/results/results.json\" /autograder/results/results.json", "exit \"$status\"");
    assertThat(entries(without)).doesNotContainKey("grading.json");
    assertThat(new String(entries(with).get("run_autograder"), StandardCharsets.UTF_8))
        .contains("--mnist-dir /opt/logit-lab/mnist --config /opt/logit-lab/grading.json)");
    assertThat(new String(entries(with).get("setup.sh"), StandardCharsets.UTF_8)).contains(
        "install -m 644 /autograder/source/logit-lab-grader.jar /autograder/source/grading.json /opt/logit-lab/");
  }

  @Test
  void theBundleCarriesMnistGzipCompressedWhenAsked() throws IOException {
    Path mnist = Files.createDirectories(dir.resolve("mnist"));
    Map<String, byte[]> contents = new LinkedHashMap<>();
    for (String name : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
        "t10k-labels-idx1-ubyte")) {
      contents.put(name, (name + " bytes").getBytes(StandardCharsets.UTF_8));
    }
    // Two files gzip-compressed already (carried as they are), two raw (compressed into the bundle).
    for (Map.Entry<String, byte[]> file : contents.entrySet()) {
      if (file.getKey().startsWith("train")) {
        try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(mnist.resolve(file.getKey() + ".gz")))) {
          gzip.write(file.getValue());
        }
      } else {
        Files.write(mnist.resolve(file.getKey()), file.getValue());
      }
    }
    MnistFiles files = MnistLocator.fromEnvironment().withUserDirectory(mnist).findOffline().orElseThrow();
    Path zip = dir.resolve("autograder.zip");
    GradescopeBundle.write(zip, jar, Optional.empty(), Optional.of(files));

    Map<String, byte[]> entries = entries(zip);
    for (Map.Entry<String, byte[]> file : contents.entrySet()) {
      byte[] gzipped = entries.get("mnist/" + file.getKey() + ".gz");
      assertThat(gzipped).as(file.getKey()).isNotNull();
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
        assertThat(in.readAllBytes()).as(file.getKey()).isEqualTo(file.getValue());
      }
    }
    assertThat(permissions(zip)).containsEntry("setup.sh", "rwxr-xr-x").containsEntry("logit-lab-grader.jar",
        "rw-r--r--");
    assertThat(new String(entries.get("setup.sh"), StandardCharsets.UTF_8))
        .contains("install -m 644 /autograder/source/mnist/* /opt/logit-lab/mnist/",
            "java -jar /opt/logit-lab/logit-lab-grader.jar fetch-mnist --into /opt/logit-lab/mnist");
  }

  @Test
  void aBrokenConfigOrAJarWithoutMainClassIsRefusedAndNoZipWritten() throws IOException {
    Path config = dir.resolve("grading.json");
    Files.writeString(config, "{\"exercises\": {\"SIGMOID\": -1}}");
    Path library = dir.resolve("library.jar");
    try (OutputStream out = new JarOutputStream(Files.newOutputStream(library))) {
      out.flush();
    }
    Path zip = dir.resolve("autograder.zip");

    assertThatThrownBy(() -> GradescopeBundle.write(zip, jar, Optional.of(config), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exercises.SIGMOID");
    assertThatThrownBy(() -> GradescopeBundle.write(zip, library, Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Main-Class");
    assertThatThrownBy(() -> GradescopeBundle.write(zip, dir.resolve("nothing.jar"), Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such grader jar");
    assertThat(zip).doesNotExist();
  }
}
