package org.logitlab.io;

import java.util.Arrays;

/**
 * One NumPy array as an {@code .npy} file holds it: {@code float64} numbers of any shape, in C order,
 * or a string (a 0-d {@code <U} array, as {@code numpy.array("tanh")} makes). Immutable: the factories
 * and the accessors copy.
 */
public final class NpyArray {

  private final int[] shape;
  /** The numbers in C (row-major) order; null for a string. */
  private final double[] values;
  private final String text;

  NpyArray(int[] shape, double[] values, String text) {
    this.shape = shape;
    this.values = values;
    this.text = text;
  }

  /**
   * A 1-d array.
   *
   * @param vector the values, copied
   * @return the array, of shape {@code (n,)}
   */
  public static NpyArray of(double[] vector) {
    return new NpyArray(new int[] {vector.length}, vector.clone(), null);
  }

  /**
   * A 2-d array.
   *
   * @param matrix the rows, all of one length, copied
   * @return the array, of shape {@code (rows, columns)}
   * @throws IllegalArgumentException if the rows differ in length, or there are none
   */
  public static NpyArray of(double[][] matrix) {
    if (matrix.length == 0) {
      throw new IllegalArgumentException("a matrix needs at least one row to have a shape");
    }
    int columns = matrix[0].length;
    double[] values = new double[Math.multiplyExact(matrix.length, columns)];
    for (int i = 0; i < matrix.length; i++) {
      if (matrix[i].length != columns) {
        throw new IllegalArgumentException("row " + i + " has " + matrix[i].length + " values, row 0 has " + columns
            + ": an .npy array is rectangular");
      }
      System.arraycopy(matrix[i], 0, values, i * columns, columns);
    }
    return new NpyArray(new int[] {matrix.length, columns}, values, null);
  }

  /**
   * A 0-d array holding one number.
   *
   * @param value the number
   * @return the array, of shape {@code ()}
   */
  public static NpyArray scalar(double value) {
    return new NpyArray(new int[0], new double[] {value}, null);
  }

  /**
   * A 0-d array holding a string, as NumPy stores {@code numpy.array("tanh")}.
   *
   * @param text the string
   * @return the array, of shape {@code ()} and type {@code <U}
   */
  public static NpyArray of(String text) {
    return new NpyArray(new int[0], null, text);
  }

  /** @return the shape, one length per dimension ({@code ()} for a scalar or a string) */
  public int[] shape() {
    return shape.clone();
  }

  /** @return whether the array holds a string rather than numbers */
  public boolean isText() {
    return text != null;
  }

  /**
   * @return the numbers of a 1-d array
   * @throws IllegalStateException if the array is not 1-d numbers
   */
  public double[] vector() {
    require(1);
    return values.clone();
  }

  /**
   * @return the rows of a 2-d array
   * @throws IllegalStateException if the array is not 2-d numbers
   */
  public double[][] matrix() {
    require(2);
    double[][] rows = new double[shape[0]][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Arrays.copyOfRange(values, i * shape[1], (i + 1) * shape[1]);
    }
    return rows;
  }

  /**
   * @return the number of a 0-d array
   * @throws IllegalStateException if the array is not one number of shape {@code ()}
   */
  public double scalar() {
    require(0);
    return values[0];
  }

  /**
   * @return the string of a string array
   * @throws IllegalStateException if the array holds numbers
   */
  public String text() {
    if (text == null) {
      throw new IllegalStateException("expected a string, found " + describe());
    }
    return text;
  }

  /** @return the numbers in C order, not copied: for the codec only */
  double[] values() {
    return values;
  }

  /** @return "float64 array of shape (784, 100)" or "string 'tanh'": for messages */
  public String describe() {
    return text != null ? "a string '" + text + "'" : "a float64 array of shape " + shapeText(shape);
  }

  static String shapeText(int[] shape) {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      out.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return out.append(shape.length == 1 ? ",)" : ")").toString();
  }

  private void require(int dimensions) {
    if (text != null || shape.length != dimensions) {
      throw new IllegalStateException("expected a " + dimensions + "-d float64 array, found " + describe());
    }
  }

  /** Equal when the shapes, the strings or the numbers' bits are equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof NpyArray that && Arrays.equals(shape, that.shape) && Arrays.equals(values, that.values)
        && java.util.Objects.equals(text, that.text);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values) + java.util.Objects.hashCode(text);
  }

  @Override
  public String toString() {
    return describe();
  }
}
