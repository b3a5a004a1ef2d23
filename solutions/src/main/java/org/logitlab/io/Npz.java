package org.logitlab.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz} files: a zip archive of {@code .npy} arrays, one entry {@code NAME.npy} per
 * array, as {@code numpy.savez} and {@code numpy.savez_compressed} write them and {@code numpy.load}
 * reads them (https://numpy.org/devdocs/reference/generated/numpy.lib.format.html).
 */
public final class Npz {

  private static final String SUFFIX = ".npy";

  private Npz() {}

  /**
   * Reads every array of an {@code .npz} file.
   *
   * @param file the file to read
   * @return the arrays by name ({@code W1} for the entry {@code W1.npy}), in the file's order
   * @throws NoSuchFileException if there is no such file
   * @throws NpyFormatException if the file is not an {@code .npz} of arrays that logit-lab reads
   * @throws IOException if the file cannot be read
   */
  public static Map<String, NpyArray> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString());
    }
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (!entry.getName().endsWith(SUFFIX)) {
          throw new NpyFormatException(file + ": holds '" + entry.getName() + "', which is not an .npy array; "
              + "an .npz file holds only NAME.npy entries, as numpy.savez writes them");
        }
        String name = entry.getName().substring(0, entry.getName().length() - SUFFIX.length());
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
          // ZipFile does not check: a damaged entry could otherwise inflate to other numbers.
          throw new ZipException("the checksum of " + entry.getName() + " does not match its data");
        }
        arrays.put(name, Npy.read(file + ", " + name, bytes));
      }
    } catch (ZipException e) {
      throw new NpyFormatException(file + ": not a readable .npz (zip) file (" + e.getMessage() + "); it may be cut "
          + "short or not an .npz at all: save it again", e);
    }
    return arrays;
  }

  /**
   * Writes arrays as an {@code .npz} file that {@code numpy.load} reads. The file appears whole or not
   * at all: it is written beside the target under another name and then moved into place.
   *
   * @param file where to write; replaced if it exists
   * @param arrays the arrays by name, each a valid file name
   * @throws IOException if the file cannot be written (an existing file is then left as it was)
   */
  public static void write(Path file, Map<String, NpyArray> arrays) throws IOException {
    Path target = file.toAbsolutePath();
    Path draft = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
    try {
      try (OutputStream out = Files.newOutputStream(draft); ZipOutputStream zip = new ZipOutputStream(out)) {
        for (Map.Entry<String, NpyArray> array : arrays.entrySet()) {
          zip.putNextEntry(new ZipEntry(array.getKey() + SUFFIX));
          zip.write(Npy.write(array.getValue()));
          zip.closeEntry();
        }
      }
      try {
        Files.move(draft, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(draft, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(draft);
    }
  }
}
