package org.logitlab.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (numpy.lib.format, https://numpy.org/devdocs/reference/generated/numpy.lib.format.html):
 * the magic {@code \x93NUMPY}, a version, a little-endian header length (2 bytes in 1.0, 4 in 2.0 and
 * 3.0), then a Python dict literal with {@code descr}, {@code fortran_order} and {@code shape},
 * space-padded and ended by a newline so that the data starts on a multiple of 64 bytes, then the data.
 * Writes version 1.0 exactly as {@code numpy.save} does; reads 1.0 to 3.0, float64 in either byte
 * order and either memory order, and {@code <U} strings of shape {@code ()}.
 */
final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  private static final int GROWTH_AXIS_MAX_DIGITS = 21;
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
  private static final Pattern UNICODE = Pattern.compile("([<>|=])U(\\d+)");

  private Npy() {}

  /** The bytes of {@code array} as {@code numpy.save} writes them (format 1.0, little-endian). */
  static byte[] write(NpyArray array) {
    int[] shape = array.shape();
    String descr;
    ByteBuffer data;
    if (array.isText()) {
      int[] codePoints = array.text().codePoints().toArray();
      int width = Math.max(1, codePoints.length);
      descr = "<U" + width;
      data = ByteBuffer.allocate(4 * width).order(ByteOrder.LITTLE_ENDIAN);
      for (int c : codePoints) {
        data.putInt(c);
      }
    } else {
      descr = "<f8";
      double[] values = array.values();
      data = ByteBuffer.allocate(Math.multiplyExact(8, values.length)).order(ByteOrder.LITTLE_ENDIAN);
      data.asDoubleBuffer().put(values);
    }
    StringBuilder header = new StringBuilder("{'descr': '").append(descr)
        .append("', 'fortran_order': False, 'shape': ").append(NpyArray.shapeText(shape)).append(", }");
    if (shape.length > 0) {
      // Room for the first axis to grow in place, as numpy.save leaves it.
      header.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
    }
    int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
    header.append(" ".repeat(ALIGN - unpadded % ALIGN)).append('\n');
    byte[] headerBytes = header.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + headerBytes.length + data.capacity())
        .order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerBytes.length).put(headerBytes)
        .put(data.array());
    return out.array();
  }

  /**
   * Reads one array.
   *
   * @param where the file and array, for messages ("model.npz, W1")
   * @throws NpyFormatException if the bytes are not an {@code .npy} array that logit-lab reads
   */
  static NpyArray read(String where, byte[] bytes) throws NpyFormatException {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (byte b : MAGIC) {
      if (!in.hasRemaining() || in.get() != b) {
        throw new NpyFormatException(where + ": not an .npy array (it does not start with \\x93NUMPY); "
            + "write arrays with numpy.save or numpy.savez");
      }
    }
    if (in.remaining() < 2) {
      throw truncated(where);
    }
    int major = in.get();
    in.get();
    if (major < 1 || major > 3) {
      throw new NpyFormatException(where + ": .npy format version " + major + " is not one logit-lab reads "
          + "(1.0 to 3.0); save it again with numpy.save");
    }
    if (in.remaining() < (major == 1 ? 2 : 4)) {
      throw truncated(where);
    }
    long headerLength = major == 1 ? Short.toUnsignedInt(in.getShort()) : Integer.toUnsignedLong(in.getInt());
    if (headerLength > in.remaining()) {
      throw truncated(where);
    }
    byte[] headerBytes = new byte[(int) headerLength];
    in.get(headerBytes);
    String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    String descr = field(where, DESCR, header, "descr");
    boolean fortran = field(where, FORTRAN, header, "fortran_order").equals("True");
    int[] shape = shape(where, field(where, SHAPE, header, "shape"));
    long count = 1;
    for (int length : shape) {
      count *= length;
      if (count > Integer.MAX_VALUE - 8) {
        throw new NpyFormatException(where + ": shape " + NpyArray.shapeText(shape) + " is too large for one Java "
            + "array (more than 2^31 values)");
      }
    }
    Matcher unicode = UNICODE.matcher(descr);
    if (unicode.matches()) {
      if (shape.length != 0) {
        throw new NpyFormatException(where + ": an array of strings of shape " + NpyArray.shapeText(shape)
            + "; logit-lab reads one string (shape ()), as numpy.array(\"tanh\") makes");
      }
      int width = Integer.parseInt(unicode.group(2));
      ByteBuffer data = body(where, in, 4L * width).order(order(unicode.group(1)));
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < width; i++) {
        int c = data.getInt();
        if (c == 0) {
          break; // NumPy pads a string with NULs to the width of its type
        }
        if (!Character.isValidCodePoint(c)) {
          throw new NpyFormatException(where + ": the string holds " + c + ", which is not a Unicode code point");
        }
        text.appendCodePoint(c);
      }
      return NpyArray.of(text.toString());
    }
    if (!descr.equals("<f8") && !descr.equals(">f8") && !descr.equals("=f8")) {
      throw new NpyFormatException(where + ": its type is '" + descr + "'; logit-lab reads float64 arrays: "
          + "convert it with a.astype(numpy.float64) and save it again");
    }
    double[] values = new double[(int) count];
    body(where, in, 8L * count).order(order(descr.substring(0, 1))).asDoubleBuffer().get(values);
    if (fortran && shape.length > 1) {
      values = toCOrder(values, shape);
    }
    return new NpyArray(shape, values, null);
  }

  private static ByteOrder order(String symbol) {
    return symbol.equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
  }

  /** The data after the header: exactly {@code length} bytes, or a message that says how many there are. */
  private static ByteBuffer body(String where, ByteBuffer in, long length) throws NpyFormatException {
    if (in.remaining() != length) {
      throw new NpyFormatException(where + ": the header promises " + length + " bytes of data, the file has "
          + in.remaining() + (in.remaining() < length ? " (it was cut short)" : " (it has bytes after the array)")
          + "; save the array again");
    }
    return in.slice();
  }

  private static NpyFormatException truncated(String where) {
    return new NpyFormatException(where + ": the file ends inside the .npy header (it was cut short); save it again");
  }

  private static String field(String where, Pattern pattern, String header, String name) throws NpyFormatException {
    Matcher m = pattern.matcher(header);
    if (!m.find()) {
      throw new NpyFormatException(where + ": the .npy header has no '" + name + "': " + header.strip());
    }
    return m.group(1);
  }

  private static int[] shape(String where, String text) throws NpyFormatException {
    String[] parts = text.split(",");
    int n = 0;
    int[] shape = new int[parts.length];
    for (String part : parts) {
      if (part.isBlank()) {
        continue;
      }
      try {
        shape[n] = Integer.parseInt(part.strip());
      } catch (NumberFormatException e) {
        shape[n] = -1;
      }
      if (shape[n] < 0) {
        throw new NpyFormatException(where + ": shape (" + text + ") is not a list of lengths");
      }
      n++;
    }
    return java.util.Arrays.copyOf(shape, n);
  }

  /** Reorders column-major ({@code fortran_order}) values into row-major. */
  private static double[] toCOrder(double[] fortran, int[] shape) {
    double[] c = new double[fortran.length];
    int[] index = new int[shape.length];
    for (int f = 0; f < fortran.length; f++) {
      int offset = 0;
      for (int d = 0; d < shape.length; d++) {
        offset = offset * shape[d] + index[d];
      }
      c[offset] = fortran[f];
      for (int d = 0; d < shape.length && ++index[d] == shape[d]; d++) {
        index[d] = 0; // the first index varies fastest in Fortran order
      }
    }
    return c;
  }
}
