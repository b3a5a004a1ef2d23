package org.logitlab.bench;

import org.logitlab.activation.Activation;
import org.logitlab.activation.Softmax;
import org.logitlab.model.MiniBatches;
import org.logitlab.model.TrainingOptions;
import org.logitlab.network.TwoLayerNet;
import org.logitlab.softmax.OneHot;

/**
 * The benchmark's baseline: the same network and the same arithmetic as {@link TwoLayerNet#fit},
 * written the plain way — textbook triple loops (i-j-k), new arrays for every batch, no skipping of
 * zero inputs. Its weights after training equal the reference's to the last bit, which is what makes
 * it a fair baseline and a check of the fast path.
 */
final class NaiveTwoLayerNet {

  final double[][] w1;
  final double[] b1;
  final double[][] w2;
  final double[] b2;
  private final Activation g;

  /** A copy of {@code net}'s current weights. */
  NaiveTwoLayerNet(TwoLayerNet net) {
    w1 = copy(net.liveW1());
    b1 = net.liveB1().clone();
    w2 = copy(net.liveW2());
    b2 = net.liveB2().clone();
    g = net.activation();
  }

  /** Trains as {@link TwoLayerNet#fit} does: same batches in the same order, same steps. */
  void fit(double[][] x, int[] labels, TrainingOptions options) {
    double[][] y = OneHot.encode(labels, b2.length);
    MiniBatches batches = new MiniBatches(x.length, options);
    double rate = options.learningRate();
    for (int epoch = 0; epoch < options.epochs(); epoch++) {
      batches.shuffle();
      for (int b = 0; b < batches.count(); b++) {
        int m = batches.size(b);
        double[][] xb = new double[m][];
        double[][] yb = new double[m][];
        for (int i = 0; i < m; i++) {
          xb[i] = x[batches.sampleIndex(b, i)];
          yb[i] = y[batches.sampleIndex(b, i)];
        }
        step(xb, yb, rate);
      }
    }
  }

  private void step(double[][] x, double[][] y, double rate) {
    int m = x.length;
    int n = w1.length;
    int h = b1.length;
    int k = b2.length;
    double[][] a1 = new double[m][h];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < h; j++) {
        double z = b1[j];
        for (int l = 0; l < n; l++) {
          z += x[i][l] * w1[l][j];
        }
        a1[i][j] = g.apply(z);
      }
    }
    double[][] dz2 = new double[m][k];
    for (int i = 0; i < m; i++) {
      double[] z2 = new double[k];
      for (int j = 0; j < k; j++) {
        z2[j] = b2[j];
        for (int l = 0; l < h; l++) {
          z2[j] += a1[i][l] * w2[l][j];
        }
      }
      double[] a2 = Softmax.apply(z2);
      for (int j = 0; j < k; j++) {
        dz2[i][j] = a2[j] - y[i][j];
      }
    }
    double[][] dz1 = new double[m][h];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < h; j++) {
        double s = 0;
        for (int l = 0; l < k; l++) {
          s += dz2[i][l] * w2[j][l];
        }
        dz1[i][j] = s * g.derivativeFromOutput(a1[i][j]);
      }
    }
    double[][] dw2 = outerMean(a1, dz2);
    double[][] dw1 = outerMean(x, dz1);
    double[] db2 = columnMean(dz2);
    double[] db1 = columnMean(dz1);
    descend(w1, dw1, rate);
    descend(w2, dw2, rate);
    for (int j = 0; j < h; j++) {
      b1[j] -= rate * db1[j];
    }
    for (int j = 0; j < k; j++) {
      b2[j] -= rate * db2[j];
    }
  }

  /** (1/m)·Aᵀ·B, one entry at a time, summed over the samples in order. */
  private static double[][] outerMean(double[][] a, double[][] b) {
    int m = a.length;
    double[][] out = new double[a[0].length][b[0].length];
    for (int r = 0; r < out.length; r++) {
      for (int c = 0; c < out[r].length; c++) {
        double s = 0;
        for (int i = 0; i < m; i++) {
          s += a[i][r] * b[i][c];
        }
        out[r][c] = s * (1.0 / m);
      }
    }
    return out;
  }

  private static double[] columnMean(double[][] a) {
    double[] out = new double[a[0].length];
    for (double[] row : a) {
      for (int j = 0; j < out.length; j++) {
        out[j] += row[j];
      }
    }
    for (int j = 0; j < out.length; j++) {
      out[j] *= 1.0 / a.length;
    }
    return out;
  }

  private static void descend(double[][] p, double[][] grad, double rate) {
    for (int r = 0; r < p.length; r++) {
      for (int c = 0; c < p[r].length; c++) {
        p[r][c] -= rate * grad[r][c];
      }
    }
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
