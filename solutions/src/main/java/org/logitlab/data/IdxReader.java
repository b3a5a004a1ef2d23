package org.logitlab.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST: a big-endian header (magic number, then one 32-bit size per
 * dimension) followed by unsigned bytes. Files may be raw or gzip-compressed; gzip is recognised by
 * its magic bytes {@code 1f 8b}, not by the file name. Sizes come from the header, so any number of
 * images is accepted. Every problem is reported as an {@link IdxFormatException} naming the file.
 */
public final class IdxReader {

  private static final int BUFFER = 1 << 16;

  /** What a file is expected to hold: its magic number, what it is and the names of its dimensions. */
  private enum Kind {
    IMAGES(0x0803, "an IDX image file", List.of("images", "rows", "columns")),
    LABELS(0x0801, "an IDX label file", List.of("labels"));

    final int magic;
    final String description;
    final List<String> dimensions;

    Kind(int magic, String description, List<String> dimensions) {
      this.magic = magic;
      this.description = description;
      this.dimensions = dimensions;
    }

    int headerBytes() {
      return 4 + 4 * dimensions.size();
    }

    Kind other() {
      return this == IMAGES ? LABELS : IMAGES;
    }

    String contents(int[] sizes) {
      return this == IMAGES
          ? format("%,d images of %d×%d", sizes[0], sizes[1], sizes[2])
          : format("%,d labels", sizes[0]);
    }
  }

  /** A parsed file: the sizes from its header and its data bytes. */
  private record Idx(int[] sizes, byte[] data) {}

  private IdxReader() {}

  /**
   * Reads an IDX image file (magic 2051: count, rows, cols, then one unsigned byte per pixel).
   *
   * @param file the file, raw or gzip-compressed
   * @return the images: their count, height, width and raw pixel bytes
   * @throws IdxFormatException if the file is not an IDX image file, or is cut short
   * @throws IOException if the file cannot be read
   */
  public static IdxImages readImages(Path file) throws IOException {
    Idx idx = read(file, Kind.IMAGES);
    return new IdxImages(idx.sizes[0], idx.sizes[1], idx.sizes[2], idx.data);
  }

  /**
   * Reads an IDX label file (magic 2049: count, then one unsigned byte per label).
   *
   * @param classes the number of classes; every label must lie in {@code [0, classes)}
   * @param file the file, raw or gzip-compressed
   * @return the labels, one per sample
   * @throws IdxFormatException if the file is not an IDX label file, is cut short or holds a label out of range
   * @throws IOException if the file cannot be read
   */
  public static int[] readLabels(Path file, int classes) throws IOException {
    if (classes < 1) {
      throw new IllegalArgumentException("classes must be at least 1, got " + classes);
    }
    byte[] data = read(file, Kind.LABELS).data;
    int[] labels = new int[data.length];
    for (int i = 0; i < data.length; i++) {
      labels[i] = data[i] & 0xFF;
      if (labels[i] >= classes) {
        throw new IdxFormatException(file, format("label at index %,d is %d, outside [0, %d) for %d classes; "
            + "is this the label file of a different data set?", i, labels[i], classes, classes));
      }
    }
    return labels;
  }

  /**
   * Reads a pair of image and label files into a {@link Dataset} with pixels scaled to [0, 1].
   *
   * @param name the data set's name, e.g. {@code mnist-train}
   * @param imageFile the IDX image file
   * @param labelFile the IDX label file
   * @param classNames the name of each class; their number bounds the labels
   * @return the data set, one row of {@code rows · cols} features per image
   * @throws IdxFormatException also when the two files hold different numbers of samples
   * @throws IOException if a file cannot be read
   */
  public static Dataset readDataset(String name, Path imageFile, Path labelFile, List<String> classNames)
      throws IOException {
    IdxImages images = readImages(imageFile);
    int[] labels = readLabels(labelFile, classNames.size());
    if (labels.length != images.count()) {
      throw new IdxFormatException(labelFile, format("has %,d labels but %s has %,d images; the image and "
          + "label files must belong to the same set", labels.length, imageFile, images.count()));
    }
    return new Dataset(name, images.toFeatures(), labels, classNames);
  }

  private static Idx read(Path file, Kind kind) throws IOException {
    try (InputStream in = open(file)) {
      int[] sizes = readHeader(file, in, kind);
      int dataBytes = dataBytes(file, kind, sizes);
      long fileBytes = kind.headerBytes() + (long) dataBytes;
      byte[] data = in.readNBytes(dataBytes);
      if (data.length < dataBytes) {
        throw new IdxFormatException(file, format("truncated: expected %,d bytes for %s (%d-byte header "
            + "included), the file ends after %,d bytes; download or copy it again", fileBytes,
            kind.contents(sizes), kind.headerBytes(), kind.headerBytes() + data.length));
      }
      long trailing = in.transferTo(OutputStream.nullOutputStream());
      if (trailing > 0) {
        throw new IdxFormatException(file, format("%,d unexpected bytes after the %,d bytes the header "
            + "announces (%s); the header and the data disagree", trailing, fileBytes, kind.contents(sizes)));
      }
      return new Idx(sizes, data);
    } catch (ZipException | EOFException e) {
      // Only the gzip layer throws these: a damaged or cut-off compressed stream.
      throw new IdxFormatException(file, "corrupt gzip stream (" + e.getMessage() + "); the file is "
          + "damaged or incomplete, download or copy it again", e);
    }
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in;
    try {
      in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "no such IDX file; check the path");
    }
    in.mark(2);
    boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
    in.reset();
    if (!gzip) {
      return in;
    }
    try {
      return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }

  private static int[] readHeader(Path file, InputStream in, Kind kind) throws IOException {
    int magic = ByteBuffer.wrap(readHeaderBytes(file, in, kind, 0, 4)).getInt();
    if (magic != kind.magic) {
      String hint = magic == kind.other().magic
          ? "is this " + kind.other().description + " passed as " + kind.dimensions.get(0) + "?"
          : "this is not " + kind.description + "; check the path";
      throw new IdxFormatException(file, format("wrong magic number: expected %d (0x%08x, %s), found %d "
          + "(0x%08x); %s", kind.magic, kind.magic, kind.description, magic, magic, hint));
    }
    ByteBuffer buffer = ByteBuffer.wrap(readHeaderBytes(file, in, kind, 4, kind.headerBytes() - 4));
    int[] sizes = new int[kind.dimensions.size()];
    for (int d = 0; d < sizes.length; d++) {
      sizes[d] = buffer.getInt();
      if (sizes[d] <= 0) {
        throw new IdxFormatException(file, "the header gives " + sizes[d] + " " + kind.dimensions.get(d)
            + "; every dimension must be positive");
      }
    }
    return sizes;
  }

  /** The next {@code length} header bytes, of which {@code before} have been read already. */
  private static byte[] readHeaderBytes(Path file, InputStream in, Kind kind, int before, int length)
      throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new IdxFormatException(file, "the file ends after " + (before + bytes.length) + " bytes, inside "
          + "the " + kind.headerBytes() + "-byte IDX header; it is truncated or not an IDX file");
    }
    return bytes;
  }

  /** The number of data bytes the header announces, checked to fit in one array. */
  private static int dataBytes(Path file, Kind kind, int[] sizes) throws IdxFormatException {
    long bytes = 1;
    for (int size : sizes) {
      bytes *= size; // at most 2^31 · 2^31 after the check below, so no long overflow
      if (bytes > Integer.MAX_VALUE - 8) {
        throw new IdxFormatException(file, "the header announces " + kind.contents(sizes)
            + ", more bytes than one array can hold; is the header corrupt?");
      }
    }
    return (int) bytes;
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
