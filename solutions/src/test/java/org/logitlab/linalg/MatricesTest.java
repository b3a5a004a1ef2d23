package org.logitlab.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
