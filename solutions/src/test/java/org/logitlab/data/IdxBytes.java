package org.logitlab.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX file contents for tests. */
public final class IdxBytes {

  public static final int IMAGES_MAGIC = 2051;
  public static final int LABELS_MAGIC = 2049;

  private IdxBytes() {}

  /** A header (magic, then the sizes) followed by {@code data}. */
  public static byte[] idx(int magic, int[] sizes, byte[] data) {
    ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * sizes.length + data.length).putInt(magic);
    for (int size : sizes) {
      buffer.putInt(size);
    }
    return buffer.put(data).array();
  }

  /** An image file of {@code count} images of {@code rows × cols}, pixel {@code k} = {@code k mod 256}. */
  public static byte[] images(int count, int rows, int cols) {
    byte[] pixels = new byte[count * rows * cols];
    for (int k = 0; k < pixels.length; k++) {
      pixels[k] = (byte) k;
    }
    return idx(IMAGES_MAGIC, new int[] {count, rows, cols}, pixels);
  }

  /** A label file holding {@code labels}. */
  public static byte[] labels(int... labels) {
    byte[] data = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      data[i] = (byte) labels[i];
    }
    return idx(LABELS_MAGIC, new int[] {labels.length}, data);
  }

  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
