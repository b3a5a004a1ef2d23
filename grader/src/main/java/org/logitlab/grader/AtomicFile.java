package org.logitlab.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file whole or not at all: into a temporary file in the same folder, then moved over the
 * target with {@code ATOMIC_MOVE}, so a reader never sees half a report and a crash leaves the old one.
 */
public final class AtomicFile {

  /** Fills the temporary file that will become the target. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path temporary) throws IOException;
  }

  private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

  private AtomicFile() {}

  /** Writes {@code text} as UTF-8 to {@code target}. */
  public static void write(Path target, String text) throws IOException {
    write(target, temporary -> Files.writeString(temporary, text, StandardCharsets.UTF_8));
  }

  /**
   * Creates the target's folder if needed, lets {@code content} fill a temporary file beside the
   * target and moves it into place. The file is readable by all ({@code rw-r--r--}) on POSIX systems,
   * not private like a fresh temporary file.
   */
  public static void write(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    Files.createDirectories(folder);
    Path temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp");
    try {
      content.writeTo(temporary);
      PosixFileAttributeView posix = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
      if (posix != null) {
        posix.setPermissions(READABLE);
      }
      Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
