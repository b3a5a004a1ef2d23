package org.logitlab;

import java.util.Random;

/** Seeded random test inputs. */
public final class RandomArrays {

  private RandomArrays() {}

  /** An {@code rows × cols} matrix of {@code N(0, scale²)} entries from the given seed. */
  public static double[][] gaussian(int rows, int cols, double scale, long seed) {
    Random random = new Random(seed);
    double[][] a = new double[rows][cols];
    for (double[] row : a) {
      for (int j = 0; j < cols; j++) {
        row[j] = scale * random.nextGaussian();
      }
    }
    return a;
  }

  /** {@code m} labels drawn uniformly from {@code [0, k)}. */
  public static int[] labels(int m, int k, long seed) {
    Random random = new Random(seed);
    int[] y = new int[m];
    for (int i = 0; i < m; i++) {
      y[i] = random.nextInt(k);
    }
    return y;
  }

  /**
   * {@code perClass} points around each of {@code k} well-separated centres in {@code n} dimensions,
   * labelled by their centre: a problem every classifier here should solve perfectly.
   */
  public static Blobs blobs(int k, int perClass, int n, long seed) {
    Random random = new Random(seed);
    double[][] centres = gaussian(k, n, 4.0, seed + 1);
    double[][] x = new double[k * perClass][n];
    int[] y = new int[k * perClass];
    for (int i = 0; i < x.length; i++) {
      y[i] = i % k;
      for (int j = 0; j < n; j++) {
        x[i][j] = centres[y[i]][j] + 0.5 * random.nextGaussian();
      }
    }
    return new Blobs(x, y);
  }

  /** Inputs and labels of {@link #blobs}. */
  public record Blobs(double[][] x, int[] y) {}
}
