package org.logitlab.data;

/**
 * The images of an IDX image file, kept as the raw unsigned bytes (one byte per pixel, image after
 * image, row by row) so that 60,000 MNIST images take 47 MB rather than 376 MB.
 *
 * @param count the number of images
 * @param rows the height of every image
 * @param cols the width of every image
 * @param pixels {@code count · rows · cols} unsigned bytes
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {

  /**
   * Checks the dimensions and that {@code pixels} holds exactly {@code count · rows · cols} bytes.
   *
   * @param count the number of images, at least 0
   * @param rows the height, at least 1
   * @param cols the width, at least 1
   * @param pixels the bytes, kept (not copied)
   * @throws IllegalArgumentException if a dimension is out of range or {@code pixels} has another length
   */
  public IdxImages {
    if (count < 0 || rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException("image dimensions must be positive (count may be 0), got "
          + count + " images of " + rows + "×" + cols);
    }
    if (pixels.length != (long) count * rows * cols) {
      throw new IllegalArgumentException(count + " images of " + rows + "×" + cols + " need "
          + (long) count * rows * cols + " pixels, got " + pixels.length);
    }
  }

  /**
   * The number of pixels per image, {@code rows · cols}.
   *
   * @return {@code rows · cols}
   */
  public int pixelsPerImage() {
    return rows * cols;
  }

  /**
   * One row per image, {@code rows · cols} features each: every pixel divided by 255, so in [0, 1].
   *
   * @return a new {@code count × (rows · cols)} matrix
   */
  public double[][] toFeatures() {
    int n = pixelsPerImage();
    double[][] x = new double[count][n];
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < n; j++) {
        x[i][j] = (pixels[i * n + j] & 0xFF) / 255.0;
      }
    }
    return x;
  }

  /** A summary such as {@code "IdxImages[10000 × 28×28]"} (the pixels themselves are not printed). */
  @Override
  public String toString() {
    return "IdxImages[" + count + " × " + rows + "×" + cols + "]";
  }
}
