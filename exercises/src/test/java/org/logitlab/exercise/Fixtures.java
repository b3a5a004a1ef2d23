package org.logitlab.exercise;

import java.util.Random;
import org.logitlab.activation.Softmax;

/** Seeded inputs and small helpers shared by the public tests. */
final class Fixtures {

  private Fixtures() {}

  /** An {@code rows × cols} matrix of {@code N(0, 1)} entries from the given seed. */
  static double[][] gaussian(int rows, int cols, long seed) {
    Random random = new Random(seed);
    double[][] a = new double[rows][cols];
    for (double[] row : a) {
      for (int j = 0; j < cols; j++) {
        row[j] = random.nextGaussian();
      }
    }
    return a;
  }

  /** A copy of a matrix, row by row. */
  static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  /** Row-wise softmax computed from the given log-softmax, so that it does not use Exercise 3. */
  static double[][] softmaxRows(double[][] z) {
    double[][] p = Softmax.logRows(z);
    for (double[] row : p) {
      for (int j = 0; j < row.length; j++) {
        row[j] = Math.exp(row[j]);
      }
    }
    return p;
  }

  /** One-hot rows written out directly, so that they do not use Exercise 4. */
  static double[][] oneHot(int[] labels, int classes) {
    double[][] y = new double[labels.length][classes];
    for (int i = 0; i < labels.length; i++) {
      y[i][labels[i]] = 1;
    }
    return y;
  }

  /** Three well-separated classes of 20 points in 4 dimensions. */
  static double[][] blobs() {
    double[][] centres = gaussian(3, 4, 41);
    Random random = new Random(42);
    double[][] x = new double[60][4];
    for (int i = 0; i < 60; i++) {
      for (int j = 0; j < 4; j++) {
        x[i][j] = 4 * centres[i % 3][j] + 0.5 * random.nextGaussian();
      }
    }
    return x;
  }

  /** The labels of {@link #blobs()}. */
  static int[] blobLabels() {
    int[] y = new int[60];
    for (int i = 0; i < 60; i++) {
      y[i] = i % 3;
    }
    return y;
  }
}
