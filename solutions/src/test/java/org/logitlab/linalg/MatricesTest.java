package org.logitlab.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.logitlab.RandomArrays;

class MatricesTest {

  private static final double[][] A = {{1, 2, 3}, {4, 5, 6}};
  private static final double[][] B = {{7, 8}, {9, 10}, {11, 12}};

  /** The textbook triple loop, written independently of the code under test. */
  private static double[][] naiveProduct(double[][] a, double[][] b) {
    double[][] c = new double[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b[0].length; j++) {
        for (int k = 0; k < b.length; k++) {
          c[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return c;
  }

  @Test
  void multiplyComputesTheMatrixProduct() {
    assertThat(Matrices.multiply(A, B)).isEqualTo(new double[][] {{58, 64}, {139, 154}});
  }

  @Test
  void productsAgreeWithTheTextbookLoopOnRandomMatrices() {
    double[][] x = RandomArrays.gaussian(17, 23, 1, 1);
    double[][] w = RandomArrays.gaussian(23, 11, 1, 2);
    double[][] expected = naiveProduct(x, w);
    assertClose(Matrices.multiply(x, w), expected);
    assertClose(Matrices.multiplyTransposeA(Matrices.transpose(x), w), expected);
    assertClose(Matrices.multiplyTransposeB(x, Matrices.transpose(w)), expected);
  }

  @Test
  void skippingZeroInputsChangesNoBitOfTheProduct() {
    double[][] x = RandomArrays.gaussian(9, 30, 1, 5);
    for (double[] row : x) {
      for (int k = 0; k < row.length; k += 2) {
        row[k] = 0.0; // a sparse input, like the blank pixels of an MNIST digit
      }
    }
    x[0][1] = -0.0;
    double[][] w = RandomArrays.gaussian(30, 7, 1, 6);
    assertThat(Matrices.multiply(x, w)).isEqualTo(naiveProduct(x, w));
    double[][] dz = RandomArrays.gaussian(9, 7, 1, 7);
    double[][] dw = new double[30][7];
    Matrices.multiplyTransposeAInto(x, dz, 1.0, dw);
    assertThat(dw).isEqualTo(naiveProduct(Matrices.transpose(x), dz));
  }

  /**
   * Today's definition of every output, bit for bit: the bias, then {@code x[i][k]·w[k][j]} added for
   * {@code k} in increasing order, skipping the zero {@code x[i][k]}.
   */
  private static double[][] textbookAffineSkippingZeros(double[][] x, double[][] w, double[] bias) {
    double[][] z = new double[x.length][bias.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < bias.length; j++) {
        double sum = bias[j];
        for (int k = 0; k < w.length; k++) {
          if (x[i][k] != 0.0) {
            sum += x[i][k] * w[k][j];
          }
        }
        z[i][j] = sum;
      }
    }
    return z;
  }

  /**
   * Rows with no zeros, only zeros, runs of zeros and scattered zeros; every input length from 1 to 40
   * (non-zero inputs are added four at a time, then one by one); narrow and wide outputs.
   */
  @Test
  void affineIsBitIdenticalToTheTextbookLoopForAnySparsityAndShape() {
    Random random = new Random(11);
    for (int n = 1; n <= 40; n++) {
      for (int p : new int[] {1, 3, 10, 100}) {
        double[][] x = RandomArrays.gaussian(6, n, 1, n);
        for (int k = 0; k < n; k++) {
          x[1][k] = random.nextBoolean() ? 0.0 : -0.0; // all zeros
          if ((k / 3) % 2 == 0) {
            x[2][k] = 0.0; // runs of zeros, like the background around a pen stroke
          }
          if (random.nextInt(4) != 0) {
            x[3][k] = 0.0; // scattered zeros
          }
        }
        double[][] w = RandomArrays.gaussian(n, p, 1, 100 + n);
        double[] bias = RandomArrays.gaussian(1, p, 1, 200 + n)[0];
        bias[0] = -0.0; // stays -0.0 only if every zero input is really skipped
        assertThat(Matrices.affine(x, w, bias)).as("n=%d p=%d", n, p)
            .isEqualTo(textbookAffineSkippingZeros(x, w, bias));
      }
    }
  }

  /**
   * Today's definition of {@code s · Aᵀ·B}, bit for bit: for each output, {@code 0.0}, plus
   * {@code A[i][k]·B[i][j]} for {@code i} in increasing order, skipping the zero {@code A[i][k]}, then
   * times {@code s} unless {@code s} is 1.
   */
  private static double[][] textbookTransposeProductSkippingZeros(double[][] a, double[][] b, double s) {
    double[][] out = new double[a[0].length][b[0].length];
    for (int k = 0; k < out.length; k++) {
      for (int j = 0; j < out[k].length; j++) {
        double sum = 0.0;
        for (int i = 0; i < a.length; i++) {
          if (a[i][k] != 0.0) {
            sum += a[i][k] * b[i][j];
          }
        }
        out[k][j] = s == 1.0 ? sum : sum * s;
      }
    }
    return out;
  }

  /**
   * Every batch size from 1 to 40 (non-zero samples are added four at a time, then one by one),
   * columns with no zeros, only zeros, runs and scatters of them, negative zeros and a NaN; into a
   * reused output that holds the previous product, so that nothing is left over from it.
   */
  @Test
  void weightGradientProductIsBitIdenticalToTheTextbookLoopForAnySparsityAndBatchSize() {
    Random random = new Random(12);
    double[][] out = new double[6][];
    for (int m = 1; m <= 40; m++) {
      double[][] a = RandomArrays.gaussian(m, 6, 1, m);
      for (int i = 0; i < m; i++) {
        a[i][1] = random.nextBoolean() ? 0.0 : -0.0; // an input blank in every sample
        if ((i / 3) % 2 == 0) {
          a[i][2] = 0.0;
        }
        if (random.nextInt(4) != 0) {
          a[i][3] = -0.0;
        }
      }
      a[m - 1][4] = Double.NaN;
      double[][] b = RandomArrays.gaussian(m, 10, 1, 300 + m);
      b[0][0] = -0.0;
      for (double s : new double[] {1.0, 1.0 / m}) {
        double[][] previous = out;
        out = new double[6][10];
        for (int k = 0; k < out.length; k++) {
          java.util.Arrays.fill(out[k], m % 2 == 0 ? Double.NaN : 7.0); // what a reused buffer may hold
        }
        Matrices.multiplyTransposeAInto(a, b, s, out);
        assertThat(out).as("m=%d s=%s", m, s).isEqualTo(textbookTransposeProductSkippingZeros(a, b, s));
        assertThat(out[4]).as("the NaN input is not skipped").containsOnly(Double.NaN);
        assertThat(previous).isNotSameAs(out);
      }
    }
  }

  /** {@code x − s·(+0)} is {@code x} for every {@code x}, −0 included; so skipping a zero row changes no bit. */
  @Test
  void descendIsBitIdenticalToTheTextbookStepWhateverTheZerosOfTheGradient() {
    double[][] grad = {{0.0, 0.0, 0.0}, {-0.0, 0.0, 0.0}, {0.0, 0.0, Double.NaN}, {0.0, 0.0, 2.0}, {1.0, 0.0, 0.0}};
    for (double rate : new double[] {0.5, 0.0, -0.5}) {
      double[][] param = {{-0.0, 0.0, 1.0}, {-0.0, 0.0, 1.0}, {-0.0, 3.0, 1.0}, {-0.0, 0.0, 1.0}, {-0.0, -0.0, 1.0}};
      double[][] expected = Matrices.copy(param);
      for (int i = 0; i < param.length; i++) {
        for (int j = 0; j < param[i].length; j++) {
          expected[i][j] -= rate * grad[i][j];
        }
      }
      Matrices.descend(param, rate, grad);
      assertThat(param).as("rate %s", rate).isEqualTo(expected);
    }
  }

  @Test
  void zeroInputsAreSkippedEvenWhenTheirWeightsAreNotFinite() {
    double[][] x = {{0.0, 2.0, -0.0, 0.5, 0.0, Double.NaN}, {Double.POSITIVE_INFINITY, 0, 0, 0, 0, 0}};
    double[][] w = {
        {Double.POSITIVE_INFINITY, 1}, {1, 2}, {Double.NaN, 3}, {4, 5}, {Double.NEGATIVE_INFINITY, 6}, {1, 1}};
    double[] bias = {-0.0, 1};
    double[][] z = Matrices.affine(x, w, bias);
    assertThat(z).isEqualTo(textbookAffineSkippingZeros(x, w, bias));
    assertThat(z[0][0]).isNaN(); // the NaN input is not skipped
    assertThat(z[1][1]).isEqualTo(Double.POSITIVE_INFINITY);
    double[][] finiteTail = {{0.0, 2.0, -0.0, 0.5, 0.0, 1.0}};
    assertThat(Matrices.affine(finiteTail, w, bias)[0]).containsExactly(5.0, 8.5);
  }

  /** {@code A·Bᵀ} by dot products, {@code 0 + a[i][0]·b[j][0] + …}, zeros included. */
  private static double[][] textbookDotProducts(double[][] a, double[][] b) {
    double[][] out = new double[a.length][b.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b.length; j++) {
        double sum = 0.0;
        for (int k = 0; k < a[i].length; k++) {
          sum += a[i][k] * b[j][k];
        }
        out[i][j] = sum;
      }
    }
    return out;
  }

  /**
   * Inputs for the blocked products: dense rows (most of a Fashion-MNIST image is ink), rows with
   * scattered zeros and −0s, and now and then a row that is all zeros, so that blocks of three rows
   * are taken, refused, and mixed with rows done one at a time.
   */
  private static double[][] mixedInputs(int rows, int cols, Random random) {
    double[][] x = RandomArrays.gaussian(rows, cols, 1, random.nextLong());
    for (double[] row : x) {
      int kind = random.nextInt(6);
      for (int k = 0; k < cols; k++) {
        if (kind == 0 || (kind >= 3 && random.nextInt(kind) == 0)) {
          row[k] = random.nextBoolean() ? 0.0 : -0.0;
        }
      }
    }
    return x;
  }

  /**
   * Every shape around the block of three rows: batch sizes 1 to 5, 31, 32, 33, inputs and outputs
   * that are not multiples of three or of a vector, 1×1; on one and two threads (which split the rows
   * elsewhere); into outputs that hold garbage. Bit for bit the textbook loop skipping zeros, and for
   * {@code A·Bᵀ} the dot products, which do not skip them.
   */
  @Test
  void blockedProductsAreBitIdenticalToTheTextbookLoopForEveryShapeOnOneAndTwoThreads() {
    Random random = new Random(31);
    try {
      for (int threads = 1; threads <= 2; threads++) {
        Parallelism.setThreads(threads);
        for (int m : new int[] {1, 2, 3, 4, 5, 31, 32, 33}) {
          for (int n : new int[] {1, 2, 3, 4, 7, 100}) {
            for (int p : new int[] {1, 3, 10, 33}) {
              String shape = String.format("%d threads, m=%d n=%d p=%d", threads, m, n, p);
              double[][] x = mixedInputs(m, n, random);
              double[][] w = RandomArrays.gaussian(n, p, 1, random.nextLong());
              double[] bias = RandomArrays.gaussian(1, p, 1, random.nextLong())[0];
              double[][] z = new double[m][p];
              for (double[] row : z) {
                Arrays.fill(row, Double.NaN);
              }
              Matrices.affineInto(x, w, bias, z);
              assertThat(z).as(shape).isEqualTo(textbookAffineSkippingZeros(x, w, bias));
              assertThat(Matrices.multiply(x, w)).as(shape).isEqualTo(textbookAffineSkippingZeros(x, w, new double[p]));
              double[][] dz = RandomArrays.gaussian(m, p, 1, random.nextLong());
              double[][] dw = new double[n][p];
              for (double[] row : dw) {
                Arrays.fill(row, 7.0);
              }
              Matrices.multiplyTransposeAInto(x, dz, 1.0 / m, dw);
              assertThat(dw).as(shape).isEqualTo(textbookTransposeProductSkippingZeros(x, dz, 1.0 / m));
              double[][] wt = Matrices.transpose(w);
              wt[0][n - 1] = Double.POSITIVE_INFINITY; // times a zero input: NaN, as in the dot product
              assertThat(Matrices.multiplyTransposeB(x, wt)).as(shape).isEqualTo(textbookDotProducts(x, wt));
            }
          }
        }
      }
    } finally {
      Parallelism.setThreads(1);
    }
  }

  /**
   * Where a block of three rows adds the zero inputs of one row (another row of the block needs that
   * term) the sum can differ from the textbook one only in a −0 turned +0 or in a NaN from
   * {@code 0·∞}; those outputs are computed again row by row. Dense rows, so that the blocks are taken.
   */
  @Test
  void blocksGiveTheTextbookSignedZerosAndNonFiniteResults() {
    int m = 6;
    int n = 9;
    double[][] x = new double[m][n];
    for (double[] row : x) {
      Arrays.fill(row, 0.5);
    }
    x[0][4] = 0.0; // row 0 skips input 4, which rows 1 and 2 need
    x[3][4] = -0.0;
    double[][] w = RandomArrays.gaussian(n, 3, 1, 41);
    for (int k = 0; k < n; k++) {
      w[k][0] = k == 4 ? 0.0 : -0.0; // column 0: every term −0, except the skipped one, +0
    }
    w[4][1] = Double.POSITIVE_INFINITY; // column 1: ∞ where row 0 is 0
    double[] bias = {-0.0, 1.0, 2.0};
    double[][] z = Matrices.affine(x, w, bias);
    assertThat(z).isEqualTo(textbookAffineSkippingZeros(x, w, bias));
    assertThat(Double.doubleToRawLongBits(z[0][0])).as("−0 kept").isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(z[0][1]).as("0·∞ not added").isFinite();
    assertThat(z[1][1]).isEqualTo(Double.POSITIVE_INFINITY);

    double[][] dz = RandomArrays.gaussian(m, 3, 1, 42); // Xᵀ·dZ: the rows of x are the terms
    for (int i = 0; i < m; i++) {
      dz[i][0] = -0.0;
    }
    dz[0][1] = Double.NaN;
    double[][] dw = new double[n][3];
    Matrices.multiplyTransposeAInto(x, dz, 1.0, dw);
    assertThat(dw).isEqualTo(textbookTransposeProductSkippingZeros(x, dz, 1.0));
    assertThat(dw[4][1]).as("the NaN of sample 0 not added where sample 0 is 0").isNotNaN();
  }

  @Test
  void productsOfAMnistSizedBatchMatchTheTextbookLoopBitForBit() {
    double[][] x = RandomArrays.gaussian(32, 784, 1, 21);
    Random random = new Random(22);
    for (double[] row : x) {
      for (int k = 0; k < row.length; k++) {
        if (random.nextInt(5) != 0) {
          row[k] = 0.0; // about 150 of 784 pixels are ink
        }
      }
    }
    double[][] w1 = RandomArrays.gaussian(784, 100, 0.05, 23);
    double[][] w2 = RandomArrays.gaussian(784, 10, 0.05, 24);
    double[] b1 = new double[100];
    double[] b2 = RandomArrays.gaussian(1, 10, 1, 25)[0];
    assertThat(Matrices.affine(x, w1, b1)).isEqualTo(textbookAffineSkippingZeros(x, w1, b1));
    assertThat(Matrices.affine(x, w2, b2)).isEqualTo(textbookAffineSkippingZeros(x, w2, b2));
    assertThat(Matrices.multiply(x, w2)).isEqualTo(textbookAffineSkippingZeros(x, w2, new double[10]));
  }

  @Test
  void affineAddsTheBiasToEveryRow() {
    double[][] z = Matrices.affine(A, B, new double[] {0.5, -1});
    assertThat(z).isEqualTo(new double[][] {{58.5, 63}, {139.5, 153}});
  }

  @Test
  void scaledTransposeProductIsTheWeightGradientForm() {
    double[][] out = new double[3][2];
    double[][] dz = {{1, 0}, {0, 1}};
    Matrices.multiplyTransposeAInto(A, dz, 0.5, out);
    assertThat(out).isEqualTo(new double[][] {{0.5, 2}, {1, 2.5}, {1.5, 3}});
  }

  @Test
  void misalignedShapesAreReportedLikeNumPy() {
    double[][] x = new double[64][784];
    double[][] w = new double[10][100];
    assertThatThrownBy(() -> Matrices.multiply(x, w))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shapes (64,784) and (10,100) not aligned: 784 (dim 1) != 10 (dim 0)");
    assertThatThrownBy(() -> Matrices.multiplyTransposeB(x, w))
        .hasMessageContaining("784 (dim 1) != 100 (dim 1)");
    assertThatThrownBy(() -> Matrices.multiplyTransposeAInto(x, w, 1, new double[784][100]))
        .hasMessageContaining("64 (dim 0) != 10 (dim 0)");
    assertThatThrownBy(() -> Matrices.multiply(x, new double[5]))
        .hasMessageContaining("shapes (64,784) and (5,) not aligned");
    assertThatThrownBy(() -> Matrices.multiplyTransposeA(x, new double[5], 1))
        .hasMessageContaining("64 (dim 0) != 5 (dim 0)");
  }

  @Test
  void wrongOutputShapesAndAliasesAreRejected() {
    assertThatThrownBy(() -> Matrices.multiplyInto(A, B, new double[2][3]))
        .hasMessage("output has shape (2,3) but (2,2) was expected");
    double[][] square = {{1, 2}, {3, 4}};
    assertThatThrownBy(() -> Matrices.multiplyInto(square, square, square))
        .hasMessageContaining("must not be one of the operands");
    assertThatThrownBy(() -> Matrices.affineInto(A, B, new double[3], new double[2][2]))
        .hasMessage("bias has length 3 but 2 was expected");
  }

  @Test
  void raggedAndNonFiniteMatricesAreNamed() {
    double[][] ragged = {{1, 2}, {3}};
    assertThatThrownBy(() -> Matrices.multiply(ragged, B))
        .hasMessage("left matrix is ragged: row 0 has 2 columns but row 1 has 1");
    assertThatThrownBy(() -> Matrices.requireFinite("x", new double[][] {{1, Double.NaN}}))
        .hasMessage("x[0][1] is NaN; inputs must be finite numbers");
    assertThatThrownBy(() -> Matrices.zeros(-1, 2)).hasMessageContaining("negative dimensions");
  }

  @Test
  void requireFiniteNamesTheFirstNonFiniteEntryInRowOrder() {
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      for (int[] at : new int[][] {{0, 0}, {0, 9}, {3, 4}, {6, 9}}) {
        double[][] x = RandomArrays.gaussian(7, 10, 1, 3);
        x[at[0]][at[1]] = bad;
        x[6][9] = at[0] == 6 ? bad : Double.NaN; // a later bad entry is not the one named
        assertThatThrownBy(() -> Matrices.requireFinite("x", x))
            .hasMessage("x[" + at[0] + "][" + at[1] + "] is " + bad + "; inputs must be finite numbers");
      }
    }
    double[][] ragged = {{1, 2, 3}, {4}, {5, 6, Double.NEGATIVE_INFINITY, 7}};
    assertThatThrownBy(() -> Matrices.requireFinite("x", ragged))
        .hasMessage("x[2][2] is -Infinity; inputs must be finite numbers");
  }

  @Test
  void requireFiniteAcceptsEveryFiniteValue() {
    double[][] x = {{-0.0, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE}, {}, {1e-310, 0.0}};
    assertThat(Matrices.requireFinite("x", x)).isSameAs(x);
    double[][] none = new double[0][];
    assertThat(Matrices.requireFinite("x", none)).isSameAs(none);
  }

  @Test
  void elementWiseHelpers() {
    assertThat(Matrices.subtract(A, A)).isEqualTo(new double[2][3]);
    assertThat(Matrices.columnSums(A, 0.5)).containsExactly(2.5, 3.5, 4.5);
    assertThat(Matrices.transpose(A)).isEqualTo(new double[][] {{1, 4}, {2, 5}, {3, 6}});
    assertThat(Matrices.dot(new double[] {1, 2}, new double[] {3, 4})).isEqualTo(11.0);
    assertThatThrownBy(() -> Matrices.dot(new double[1], new double[2])).hasMessageContaining("not aligned");
    assertThatThrownBy(() -> Matrices.subtract(A, B))
        .hasMessage("operands could not be broadcast together with shapes (2,3) (3,2)");
    double[][] copy = Matrices.copy(A);
    Matrices.scaleInPlace(copy, 2);
    assertThat(copy[1]).containsExactly(8, 10, 12);
    assertThat(A[1]).containsExactly(4, 5, 6);
    assertThat(Matrices.shape(new double[0][])).isEqualTo("(0,0)");
  }

  @Test
  void descendTakesAStepAgainstTheGradient() {
    double[][] p = {{1, 1}};
    Matrices.descend(p, 0.1, new double[][] {{2, -3}});
    assertThat(p[0][0]).isCloseTo(0.8, within(1e-15));
    assertThat(p[0][1]).isCloseTo(1.3, within(1e-15));
    assertThatThrownBy(() -> Matrices.descend(new double[2], 1, new double[3]))
        .hasMessage("gradient has length 3 but 2 was expected");
  }

  @Test
  void argmaxTakesTheFirstOfEqualMaxima() {
    assertThat(Matrices.argmaxRows(new double[][] {{0, 3, 3}, {5, 1, 2}, {-1, -2, 0}}))
        .containsExactly(1, 0, 2);
  }

  @Test
  void matrixVectorProducts() {
    assertThat(Matrices.multiply(A, new double[] {1, 0, -1})).containsExactly(-2, -2);
    assertThat(Matrices.multiplyTransposeA(A, new double[] {1, 1}, 0.5)).containsExactly(2.5, 3.5, 4.5);
    assertThat(Matrices.requireShape("w", B, 3, 2)).isSameAs(B);
  }

  private static void assertClose(double[][] actual, double[][] expected) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        assertThat(actual[i][j]).as("[%d][%d]", i, j).isCloseTo(expected[i][j], within(1e-12));
      }
    }
  }
}
