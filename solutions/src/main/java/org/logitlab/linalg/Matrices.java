package org.logitlab.linalg;

import java.util.Arrays;

/**
 * Shape-checked matrix helpers on plain {@code double[][]} (row = sample), named after the lecture
 * formulas they compute.
 *
 * <p>Every product comes in two forms: one that returns a new matrix, for code that reads like the
 * math ({@code Z = multiply(X, W)}), and an {@code ...Into} form that writes into a buffer the caller
 * owns, for training loops that should not allocate per mini-batch. A shape mismatch is an
 * {@link IllegalArgumentException} worded like NumPy's: {@code shapes (64,784) and (10,100) not
 * aligned: 784 (dim 1) != 10 (dim 0)}.
 *
 * <p>The loops are in i-k-j order, so the innermost loop walks two rows contiguously; the JIT
 * vectorises it. The products skip zero inputs, and where the rows share most of their non-zero
 * columns (dense inputs) they compute three output rows at a time. The large kernels split their
 * output rows across {@link Parallelism#threads()} threads. None of this changes a bit of any result:
 * each output element is the textbook sum, in the textbook order, computed by one thread.
 */
public final class Matrices {

  private Matrices() {}

  /**
   * A new {@code rows × cols} matrix of zeros.
   *
   * @param rows the number of rows, at least 0
   * @param cols the number of columns, at least 0
   * @return a new matrix of {@code rows} rows of {@code cols} zeros
   * @throws IllegalArgumentException if a dimension is negative
   */
  public static double[][] zeros(int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative dimensions are not allowed: (" + rows + "," + cols + ")");
    }
    return new double[rows][cols];
  }

  /**
   * A deep copy of {@code a}.
   *
   * @param a the matrix to copy (it may be ragged)
   * @return a new matrix with new rows holding the same values
   */
  public static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /**
   * The shape of {@code a} as NumPy prints it, e.g. {@code (64,784)}.
   *
   * @param a a matrix
   * @return {@code "(rows,cols)"}, the columns counted in row 0
   */
  public static String shape(double[][] a) {
    return "(" + a.length + "," + cols(a) + ")";
  }

  /**
   * The number of columns of {@code a}: the length of its rows (0 for a matrix with no rows).
   *
   * @param a a matrix
   * @return the length of row 0, or 0 if there is no row
   */
  public static int cols(double[][] a) {
    return a.length == 0 ? 0 : a[0].length;
  }

  /**
   * Checks that every row of {@code a} has the same length. Tall matrices are checked by the threads
   * that compute on their rows, so that a thread does not pull rows another thread is about to
   * write.
   *
   * @param name what {@code a} is, for the message
   * @param a the matrix to check
   * @return {@code a}
   * @throws IllegalArgumentException naming the first row whose length is not row 0's
   */
  public static double[][] requireRectangular(String name, double[][] a) {
    if (a.length < 2) {
      return a;
    }
    try {
      Parallelism.forRows(RAGGED_ROWS, a.length, 8, a, null, null, 0.0, null);
    } catch (RaggedRow e) {
      throw new IllegalArgumentException(name + " is ragged: row 0 has " + cols(a) + " columns but row "
          + e.row + " has " + a[e.row].length, e);
    }
    return a;
  }

  /** Finds the first row in {@code [from, to)} whose length is not row 0's. */
  private static final Parallelism.RowKernel RAGGED_ROWS = (a, b, v, s, out, from, to) -> {
    int n = a[0].length;
    for (int i = from; i < to; i++) {
      if (a[i].length != n) {
        throw new RaggedRow(i);
      }
    }
  };

  /** The first ragged row, found by {@link #RAGGED_ROWS}; {@code requireRectangular} words the error. */
  private static final class RaggedRow extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int row;

    RaggedRow(int row) {
      super("row " + row, null, false, false);
      this.row = row;
    }
  }

  /**
   * Checks that {@code a} is a rectangular {@code rows × cols} matrix.
   *
   * @param name what {@code a} is, for the message
   * @param a the matrix to check
   * @param rows the number of rows it must have
   * @param cols the number of columns it must have
   * @return {@code a}
   * @throws IllegalArgumentException if {@code a} is ragged or of another shape, giving both shapes
   */
  public static double[][] requireShape(String name, double[][] a, int rows, int cols) {
    requireRectangular(name, a);
    if (a.length != rows || cols(a) != cols) {
      throw new IllegalArgumentException(name + " has shape " + shape(a) + " but (" + rows + "," + cols
          + ") was expected");
    }
    return a;
  }

  /**
   * Checks that every entry of {@code a} is finite, naming the first that is not.
   *
   * <p>A search that stops at the first bad entry has a branch per entry and is not vectorised, so
   * the search runs only when the branch-free {@link #allFinite} has found that there is one.
   *
   * @param name what {@code a} is, for the message
   * @param a the matrix to check
   * @return {@code a}
   * @throws IllegalArgumentException naming the first entry that is NaN or infinite
   */
  public static double[][] requireFinite(String name, double[][] a) {
    if (!allFinite(a)) {
      for (int i = 0; i < a.length; i++) {
        for (int j = 0; j < a[i].length; j++) {
          if (!Double.isFinite(a[i][j])) {
            throw new IllegalArgumentException(name + "[" + i + "][" + j + "] is " + a[i][j]
                + "; inputs must be finite numbers");
          }
        }
      }
    }
    return a;
  }

  /**
   * Whether every entry of {@code a} is finite. {@code v * 0.0} is ±0 for a finite {@code v} and NaN
   * for NaN and ±∞, and a NaN stays NaN in a sum; each column keeps its own sum, so the inner loop is
   * element-wise and the JIT vectorises it (a single running sum would be an ordered reduction, which
   * it cannot spread over vector lanes). The rows go last to first: callers read {@code a} from its
   * first row next, and those rows are then the ones still in the cache.
   *
   * @param a a matrix (it may be ragged)
   * @return true if no entry is NaN or infinite
   */
  public static boolean allFinite(double[][] a) {
    int cols = 0;
    for (double[] row : a) {
      cols = Math.max(cols, row.length);
    }
    double[] sums = new double[cols];
    for (int i = a.length - 1; i >= 0; i--) {
      double[] row = a[i];
      for (int j = 0; j < row.length; j++) {
        sums[j] += row[j] * 0.0;
      }
    }
    double total = 0.0;
    for (double sum : sums) {
      total += sum;
    }
    return total == 0.0;
  }

  /** Per-thread scratch of the products, so that they allocate nothing per call once warm. */
  private static final class Scratch {
    /** Room for the indices of the non-zero entries of a row. */
    int[] nonZeros = new int[0];
    /** Where {@link #prefetch} leaves what it read, so that the JIT keeps its loads; never read. */
    long prefetched;
    /** Columns of a left matrix as rows, for {@code Aᵀ·B}; longer rows than needed are fine. */
    private double[][] transposed = new double[0][0];
    /** The terms of a block of three output rows: {@code terms[t]} is a row of the right matrix... */
    private int[] terms = new int[0];
    /** ...and {@code coefficients[3t + r]} its factor in output row {@code r}. */
    private double[] coefficients = new double[0];
    /** {@code |x0[k]| + |x1[k]| + |x2[k]|} for the rows of a block. */
    private double[] marks = new double[0];
    /** How many of the coefficients of each of the three rows are not zero. */
    private int nonZeros0;
    private int nonZeros1;
    private int nonZeros2;
    /** {@code identity[k] = k}. */
    private int[] identity = new int[0];
    /** The smallest magnitude, or NaN, of each column of the blocks probed since {@link #start}. */
    private double[] smallest = new double[0];
    /** How many columns of {@link #smallest} the current product uses. */
    private int width;

    /** The indices {@code 0, 1, …, n − 1} (and maybe more after them). */
    int[] firstIndices(int n) {
      if (identity.length < n) {
        identity = new int[n];
        for (int k = 0; k < n; k++) {
          identity[k] = k;
        }
      }
      return identity;
    }

    /** Makes room for rows of {@code length} terms and {@code width} outputs, and starts a new probe. */
    void start(int length, int width) {
      if (terms.length < length + 2) {
        terms = new int[length + 2];
        coefficients = new double[3 * (length + 2)];
        marks = new double[length];
      }
      if (nonZeros.length < length) {
        nonZeros = new int[length];
      }
      if (smallest.length < width) {
        smallest = new double[width];
      }
      this.width = width;
      Arrays.fill(smallest, 0, width, Double.POSITIVE_INFINITY);
    }

    /**
     * Columns {@code [from, to)} of {@code a} as the rows {@code 0 … to − from − 1} of the returned
     * matrix (their first {@code a.length} entries), copied in tiles of 64 columns so that the rows
     * written stay in the cache.
     */
    double[][] transpose(double[][] a, int from, int to) {
      int m = a.length;
      if (transposed.length < to - from || (transposed.length > 0 && transposed[0].length < m)) {
        transposed = new double[Math.max(to - from, transposed.length)][Math.max(m, cols(transposed))];
      }
      double[][] t = transposed;
      for (int k0 = from; k0 < to; k0 += 64) {
        int k1 = Math.min(to, k0 + 64);
        for (int i = 0; i < m; i++) {
          double[] row = a[i];
          for (int k = k0; k < k1; k++) {
            t[k - from][i] = row[k];
          }
        }
      }
      return t;
    }

    /**
     * Lists the columns {@code k < length} where any of the rows {@code x0, x1, x2} is not ±0 (NaN is
     * not), with their three entries, then pads the list with zero terms to a multiple of three;
     * returns its length. In three loops, so that only the first reads every column, vectorised, and
     * the others, which have no branch, do their work once per column listed.
     */
    int gather(double[] x0, double[] x1, double[] x2, int length) {
      double[] m = marks;
      for (int k = 0; k < length; k++) {
        m[k] = Math.abs(x0[k]) + Math.abs(x1[k]) + Math.abs(x2[k]); // 0 exactly where all three are ±0
      }
      int n = 0;
      for (int k = 0; k < length; k++) {
        terms[n] = k;
        n += m[k] != 0.0 ? 1 : 0;
      }
      int count0 = 0;
      int count1 = 0;
      int count2 = 0;
      for (int t = 0; t < n; t++) {
        int k = terms[t];
        double v0 = x0[k];
        double v1 = x1[k];
        double v2 = x2[k];
        count0 += nonZero(v0);
        count1 += nonZero(v1);
        count2 += nonZero(v2);
        coefficients[3 * t] = v0;
        coefficients[3 * t + 1] = v1;
        coefficients[3 * t + 2] = v2;
      }
      nonZeros0 = count0;
      nonZeros1 = count1;
      nonZeros2 = count2;
      for (; n % 3 != 0; n++) {
        terms[n] = terms[n - 1];
        coefficients[3 * n] = 0.0;
        coefficients[3 * n + 1] = 0.0;
        coefficients[3 * n + 2] = 0.0;
      }
      return n;
    }

    /**
     * Whether adding the {@code n} gathered terms to all three rows, zero coefficients included, costs
     * less than adding each row's non-zero terms one row at a time. A row with no non-zero term is
     * left to the row-by-row path, where it costs nothing, so that a block's ±0 results are rare.
     */
    boolean blockingPays(int n) {
      return Math.min(nonZeros0, Math.min(nonZeros1, nonZeros2)) > 0
          && 3 * n <= BLOCKING_GAIN * (nonZeros0 + nonZeros1 + nonZeros2);
    }

    /**
     * Multiplies the three rows by {@code s} and keeps, per column, the smallest magnitude in them,
     * or NaN: branch-free, so the JIT vectorises it ({@code Math.min} returns NaN if either argument
     * is). {@code x·1 = x}, so {@code s = 1} changes nothing.
     */
    void scaleAndProbe(double[] c0, double[] c1, double[] c2, double s) {
      double[] m = smallest;
      for (int j = 0; j < width; j++) {
        double y0 = c0[j] * s;
        double y1 = c1[j] * s;
        double y2 = c2[j] * s;
        c0[j] = y0;
        c1[j] = y1;
        c2[j] = y2;
        m[j] = Math.min(m[j], Math.min(Math.abs(y0), Math.min(Math.abs(y1), Math.abs(y2))));
      }
    }

    /** Whether a row given to {@link #scaleAndProbe} since {@link #start} holds a ±0 or a NaN. */
    boolean probeFoundZeroOrNaN() {
      for (int j = 0; j < width; j++) {
        if (zeroOrNaN(smallest[j])) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * How many times faster a term is added to three rows at once than to one row at a time, about:
   * the break-even for {@link Scratch#blockingPays}. Measured by training on this project's machine:
   * 2.5 to 3 was best on both MNIST and Fashion-MNIST, 2 slower on both.
   */
  private static final double BLOCKING_GAIN = 2.5;

  /** 1 if {@code x} is not ±0 (NaN included), else 0; without a branch. */
  private static int nonZero(double x) {
    return (int) (-magnitude(x) >>> 63);
  }

  /** The bits of {@code |x|}: 0 exactly for ±0. */
  private static long magnitude(double x) {
    return Double.doubleToRawLongBits(x) & Long.MAX_VALUE;
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * {@code A·B}, a new {@code m × p} matrix for {@code A: m × n} and {@code B: n × p}.
   *
   * @param a the left factor {@code A}, {@code m × n}
   * @param b the right factor {@code B}, {@code n × p}
   * @return {@code A·B}, a new {@code m × p} matrix
   * @throws IllegalArgumentException if a factor is ragged or the inner dimensions differ
   */
  public static double[][] multiply(double[][] a, double[][] b) {
    double[][] out = new double[a.length][cols(b)];
    multiplyInto(a, b, out);
    return out;
  }

  /**
   * {@code out = A·B}. {@code out} must be {@code m × p} and must not be {@code A} or {@code B}.
   *
   * @param a the left factor {@code A}, {@code m × n}
   * @param b the right factor {@code B}, {@code n × p}
   * @param out receives {@code A·B}, {@code m × p}
   * @throws IllegalArgumentException if the shapes do not fit, or {@code out} is {@code A} or {@code B}
   */
  public static void multiplyInto(double[][] a, double[][] b, double[][] out) {
    checkAligned(a, b, cols(a), b.length, "1", "0");
    checkOut(out, a.length, cols(b), a, b);
    Parallelism.forRows(AFFINE_ROWS, a.length, (long) cols(a) * cols(b), a, b, null, 0.0, out);
  }

  /**
   * {@code out = X·W + b}: an affine layer, the bias row {@code b} added to every row.
   *
   * @param x inputs, {@code m × n}
   * @param w weights, {@code n × p}
   * @param b bias, length {@code p}
   * @param out {@code m × p}
   */
  public static void affineInto(double[][] x, double[][] w, double[] b, double[][] out) {
    checkAligned(x, w, cols(x), w.length, "1", "0");
    requireLength("bias", b, cols(w));
    checkOut(out, x.length, cols(w), x, w);
    Parallelism.forRows(AFFINE_ROWS, x.length, (long) cols(x) * cols(w), x, w, b, 0.0, out);
  }

  /** Rows of {@code out = A·B + v}, or of {@code A·B} when {@code v} is null. */
  private static final Parallelism.RowKernel AFFINE_ROWS =
      (a, b, v, s, out, from, to) -> rowsInBlocks(a, 0, cols(a), b, v, 1.0, out, from, to);

  /**
   * Rows {@code [from, to)} of {@code out = s·(X·B + v)} ({@code v} null: no bias), where row
   * {@code q} of {@code X} is the first {@code length} entries of {@code xRows[q − offset]}: three rows
   * at a time by {@link #accumulateThree} where that pays, the others one at a time by
   * {@link #exactRow}, every output bit for bit what {@code exactRow} gives. The block results that
   * could differ, ±0 and NaN, are found by a vectorised pass over each block
   * ({@link Scratch#scaleAndProbe}) and, only if the call has one, a search row by row, and are
   * computed again by {@code exactRow}.
   */
  private static void rowsInBlocks(double[][] xRows, int offset, int length, double[][] b, double[] v, double s,
      double[][] out, int from, int to) {
    Scratch scratch = SCRATCH.get();
    scratch.start(length, cols(b));
    int r = from;
    for (; r + 3 <= to && length >= 3; r += 3) { // rows of one or two terms: a block cannot pay
      threeRows(xRows, offset, length, b, v, s, out, r, scratch);
    }
    if (to - r == 2 && r > from) { // a block overlapping the one before: a row computed again gets the same bits
      threeRows(xRows, offset, length, b, v, s, out, to - 3, scratch);
      r = to;
    }
    for (; r < to; r++) {
      exactRow(xRows[r - offset], length, b, v, s, out[r], scratch);
    }
    if (scratch.probeFoundZeroOrNaN()) {
      for (int q = from; q < to; q++) {
        if (zeroOrNaN(out[q])) {
          exactRow(xRows[q - offset], length, b, v, s, out[q], scratch);
        }
      }
    }
  }

  /** Rows {@code r, r + 1, r + 2} for {@link #rowsInBlocks}: as a block if that pays, else one by one. */
  private static void threeRows(double[][] xRows, int offset, int length, double[][] b, double[] v, double s,
      double[][] out, int r, Scratch scratch) {
    int n = scratch.gather(xRows[r - offset], xRows[r + 1 - offset], xRows[r + 2 - offset], length);
    if (scratch.blockingPays(n)) {
      for (int q = r; q < r + 3; q++) {
        startRow(out[q], v);
      }
      accumulateThree(scratch, n, b, out[r], out[r + 1], out[r + 2]);
      scratch.scaleAndProbe(out[r], out[r + 1], out[r + 2], s);
    } else {
      for (int q = r; q < r + 3; q++) {
        exactRow(xRows[q - offset], length, b, v, s, out[q], scratch);
      }
    }
  }

  /** Sets {@code outRow} to {@code v}, or to zeros when {@code v} is null. */
  private static void startRow(double[] outRow, double[] v) {
    if (v == null) {
      Arrays.fill(outRow, 0.0);
    } else {
      System.arraycopy(v, 0, outRow, 0, v.length);
    }
  }

  /**
   * {@code outRow = s·(v + xRow·B)} ({@code v} null: zeros) over the first {@code length} entries of
   * {@code xRow}, skipping its zeros ({@link #accumulateRow}); times {@code s} unless it is 1.
   */
  private static void exactRow(double[] xRow, int length, double[][] b, double[] v, double s, double[] outRow,
      Scratch scratch) {
    startRow(outRow, v);
    accumulateRow(xRow, length, b, outRow, scratch);
    scale(outRow, s);
  }

  /** {@code row *= s}, unless {@code s} is 1 ({@code x·1 = x}: batches of one sample need no scaling). */
  private static void scale(double[] row, double s) {
    if (s != 1.0) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= s;
      }
    }
  }

  /**
   * {@code X·W + b} as a new matrix; see {@link #affineInto}.
   *
   * @param x inputs {@code X}, {@code m × n}
   * @param w weights {@code W}, {@code n × p}
   * @param b the bias row, length {@code p}
   * @return {@code X·W + b}, a new {@code m × p} matrix
   */
  public static double[][] affine(double[][] x, double[][] w, double[] b) {
    double[][] out = new double[x.length][cols(w)];
    affineInto(x, w, b, out);
    return out;
  }

  /**
   * outRow += aRow·B over the first {@code length} entries of {@code aRow}: the row-by-row path of the
   * products. Every output gets exactly the sum of
   * the textbook loop: {@code outRow[j]}, plus {@code aRow[k]·B[k][j]} for {@code k} = 0, 1, 2, …,
   * except that a zero {@code aRow[k]} adds nothing and is skipped (for finite {@code B} that changes
   * no bit), which makes products with sparse inputs (most MNIST pixels are 0) several times faster.
   *
   * <p>The row is {@linkplain #prefetch prefetched}, its non-zero {@code k} are listed without a
   * branch ({@link #nonZeroIndices}), and then four of them at a time are added in one pass over
   * {@code outRow}: Java evaluates
   * {@code outRow[j] + v0·b0[j] + v1·b1[j] + v2·b2[j] + v3·b3[j]} left to right, so that is four of
   * the single steps in order, with one read and one write of {@code outRow[j]} instead of four.
   */
  private static void accumulateRow(double[] aRow, int length, double[][] b, double[] outRow, Scratch scratch) {
    int[] nonZeros = scratch.nonZeros; // room made by Scratch.start
    scratch.prefetched = prefetch(aRow, length);
    addTerms(aRow, nonZeros, nonZeroIndices(aRow, length, nonZeros), b, outRow);
  }

  /**
   * {@code outRow += Σ_t aRow[k_t]·B[k_t]} for the {@code n} indices {@code k_t} listed in
   * {@code indices}, in that order, four per pass over {@code outRow}.
   */
  private static void addTerms(double[] aRow, int[] indices, int n, double[][] b, double[] outRow) {
    int p = outRow.length;
    int t = 0;
    for (; t + 4 <= n; t += 4) {
      int k0 = indices[t];
      int k1 = indices[t + 1];
      int k2 = indices[t + 2];
      int k3 = indices[t + 3];
      double v0 = aRow[k0];
      double v1 = aRow[k1];
      double v2 = aRow[k2];
      double v3 = aRow[k3];
      double[] b0 = b[k0];
      double[] b1 = b[k1];
      double[] b2 = b[k2];
      double[] b3 = b[k3];
      for (int j = 0; j < p; j++) {
        outRow[j] = outRow[j] + v0 * b0[j] + v1 * b1[j] + v2 * b2[j] + v3 * b3[j];
      }
    }
    for (; t < n; t++) {
      double v = aRow[indices[t]];
      double[] bRow = b[indices[t]];
      for (int j = 0; j < p; j++) {
        outRow[j] += v * bRow[j];
      }
    }
  }

  /**
   * {@code c_r += Σ_t coefficients[3t + r]·B[terms[t]]} for the three rows {@code c_0, c_1, c_2}, the
   * terms {@code t} in order, three terms per pass over the rows ({@code n} is a positive multiple of
   * three): each pass reads three rows of {@code B} once for three output rows, and each output row
   * once per three terms. (Three by three is the largest such loop the JIT still unrolls and
   * vectorises; it vectorises it only in this form, each row read and written through one array.)
   * Every output gets the sum of {@link #accumulateRow} plus the zero coefficients' terms,
   * {@code ±0·B[k][j]}; that changes nothing unless the result is ±0 (a running {@code −0} turned
   * {@code +0}) or NaN (a zero times a non-finite entry), which the caller finds and redoes row by
   * row.
   */
  private static void accumulateThree(Scratch scratch, int n, double[][] b, double[] c0, double[] c1,
      double[] c2) {
    int[] terms = scratch.terms;
    double[] f = scratch.coefficients;
    int p = c0.length;
    for (int t = 0; t < n; t += 3) {
      double[] b0 = b[terms[t]];
      double[] b1 = b[terms[t + 1]];
      double[] b2 = b[terms[t + 2]];
      int q = 3 * t;
      double f00 = f[q];
      double f10 = f[q + 1];
      double f20 = f[q + 2];
      double f01 = f[q + 3];
      double f11 = f[q + 4];
      double f21 = f[q + 5];
      double f02 = f[q + 6];
      double f12 = f[q + 7];
      double f22 = f[q + 8];
      for (int j = 0; j < p; j++) {
        double x0 = b0[j];
        double x1 = b1[j];
        double x2 = b2[j];
        c0[j] = c0[j] + f00 * x0 + f01 * x1 + f02 * x2;
        c1[j] = c1[j] + f10 * x0 + f11 * x1 + f12 * x2;
        c2[j] = c2[j] + f20 * x0 + f21 * x1 + f22 * x2;
      }
    }
  }

  /** Whether {@code row} holds a ±0 or a NaN: an output of {@link #accumulateThree} to compute again. */
  private static boolean zeroOrNaN(double[] row) {
    for (double x : row) {
      if (zeroOrNaN(x)) {
        return true;
      }
    }
    return false;
  }

  private static boolean zeroOrNaN(double x) {
    return x == 0.0 || x != x;
  }

  /**
   * Reads one entry per 64-byte cache line of {@code row}, so that all its lines are on their way
   * from memory at once (Java has no prefetch instruction), instead of a few at a time as the scan
   * reaches them. Returns the bits it read, for the caller to keep.
   */
  private static long prefetch(double[] row, int length) {
    long bits = 0;
    for (int k = 0; k < length; k += 8) {
      bits |= Double.doubleToRawLongBits(row[k]);
    }
    return bits;
  }

  /**
   * Writes the indices of the non-zero entries among the first {@code length} of {@code row} to
   * {@code out}, in increasing order, and
   * returns how many there are. Branch-free: every index is written, and the count moves past it only
   * if the entry is not ±0 (NaN counts as non-zero, as in the textbook loop), so the unpredictable
   * zero/non-zero pattern of an image costs no mispredicted branches.
   */
  private static int nonZeroIndices(double[] row, int length, int[] out) {
    int n = 0;
    for (int k = 0; k < length; k++) {
      out[n] = k;
      n += nonZero(row[k]);
    }
    return n;
  }

  /**
   * {@code out = scale · Aᵀ·B} for {@code A: m × n}, {@code B: m × p}, {@code out: n × p}: the weight
   * gradient {@code dW = (1/m)·Xᵀ·dZ}. {@code Xᵀ} is copied into a buffer each thread keeps.
   *
   * @param a {@code A}, {@code m × n} (for the gradient, the inputs {@code X})
   * @param b {@code B}, {@code m × p} (for the gradient, {@code dZ})
   * @param scale the factor {@code s} applied to every entry (for the gradient, {@code 1/m})
   * @param out receives {@code s·Aᵀ·B}, {@code n × p}
   * @throws IllegalArgumentException if the shapes do not fit, or {@code out} is {@code A} or {@code B}
   */
  public static void multiplyTransposeAInto(double[][] a, double[][] b, double scale, double[][] out) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("shapes " + shape(a) + "ᵀ and " + shape(b) + " not aligned: "
          + a.length + " (dim 0) != " + b.length + " (dim 0)");
    }
    requireRectangular("left matrix", a);
    requireRectangular("right matrix", b);
    checkOut(out, cols(a), cols(b), a, b);
    Parallelism.forRows(TRANSPOSE_A_ROWS, cols(a), (long) a.length * cols(b), a, b, null, scale, out);
  }

  /**
   * Rows {@code [from, to)} of {@code out = s · Aᵀ·B}: {@link #rowsInBlocks} on those columns of
   * {@code A} copied as rows. Each output is the textbook sum over the rows {@code i} of A and B in
   * order, {@code 0 + A[0][k]·B[0] + A[1][k]·B[1] + …}, skipping the zero {@code A[i][k]} (most inputs
   * of an MNIST batch are 0 in most samples), then times {@code s}. Three adjacent rows {@code k}
   * (neighbouring pixels, mostly blank or inked in the same samples) make a block.
   */
  private static final Parallelism.RowKernel TRANSPOSE_A_ROWS = (a, b, v, s, out, from, to) -> {
    if (a.length >= 3) {
      rowsInBlocks(SCRATCH.get().transpose(a, from, to), from, a.length, b, null, s, out, from, to);
    } else {
      for (int k = from; k < to; k++) {
        fewSamplesRow(a, b, k, s, out[k]);
      }
    }
  };

  /**
   * Row {@code k} of {@code s · Aᵀ·B} for an {@code A} of one or two rows (batches of one or two
   * samples), where blocks cannot pay: the same sum, without copying the columns of {@code A}.
   */
  private static void fewSamplesRow(double[][] a, double[][] b, int k, double s, double[] outRow) {
    Arrays.fill(outRow, 0.0);
    for (int i = 0; i < a.length; i++) {
      double value = a[i][k];
      if (value != 0.0) { // true for NaN
        double[] bRow = b[i];
        for (int j = 0; j < outRow.length; j++) {
          outRow[j] += value * bRow[j];
        }
      }
    }
    scale(outRow, s);
  }

  /**
   * {@code Aᵀ·B} as a new matrix; see {@link #multiplyTransposeAInto}.
   *
   * @param a {@code A}, {@code m × n}
   * @param b {@code B}, {@code m × p}
   * @return {@code Aᵀ·B}, a new {@code n × p} matrix
   */
  public static double[][] multiplyTransposeA(double[][] a, double[][] b) {
    double[][] out = new double[cols(a)][cols(b)];
    multiplyTransposeAInto(a, b, 1.0, out);
    return out;
  }

  /**
   * {@code out = A·Bᵀ} for {@code A: m × n}, {@code B: p × n}, {@code out: m × p}: the backward step
   * {@code dZ2·W2ᵀ} without building {@code W2ᵀ}.
   *
   * @param a {@code A}, {@code m × n} (for the backward step, {@code dZ2})
   * @param b {@code B}, {@code p × n} (for the backward step, {@code W2})
   * @param out receives {@code A·Bᵀ}, {@code m × p}
   * @throws IllegalArgumentException if the shapes do not fit, or {@code out} is {@code A} or {@code B}
   */
  public static void multiplyTransposeBInto(double[][] a, double[][] b, double[][] out) {
    checkAligned(a, b, cols(a), cols(b), "1", "1");
    checkOut(out, a.length, b.length, a, b);
    Parallelism.forRows(TRANSPOSE_B_ROWS, a.length, (long) cols(a) * b.length, a, b, null, 0.0, out);
  }

  /**
   * Rows {@code i} of {@code out = A·Bᵀ}, each entry the textbook dot product
   * {@code 0 + A[i][0]·B[j][0] + A[i][1]·B[j][1] + …}, zeros included: for four rows or more,
   * {@code Bᵀ} is copied once per call, and then every term {@code k} is added to a whole output row
   * ({@link #addTerms}), which the JIT vectorises, where dot products are a chain of dependent
   * additions.
   */
  private static final Parallelism.RowKernel TRANSPOSE_B_ROWS = (a, b, v, s, out, from, to) -> {
    if (to - from < 4) { // copying Bᵀ would cost a quarter of the product or more
      for (int i = from; i < to; i++) {
        for (int j = 0; j < b.length; j++) {
          out[i][j] = dot(a[i], b[j]);
        }
      }
      return;
    }
    Scratch scratch = SCRATCH.get();
    int n = cols(a);
    double[][] bt = scratch.transpose(b, 0, n);
    int[] every = scratch.firstIndices(n);
    for (int i = from; i < to; i++) {
      Arrays.fill(out[i], 0.0);
      addTerms(a[i], every, n, bt, out[i]);
    }
  };

  /**
   * {@code A·Bᵀ} as a new matrix; see {@link #multiplyTransposeBInto}.
   *
   * @param a {@code A}, {@code m × n}
   * @param b {@code B}, {@code p × n}
   * @return {@code A·Bᵀ}, a new {@code m × p} matrix
   */
  public static double[][] multiplyTransposeB(double[][] a, double[][] b) {
    double[][] out = new double[a.length][b.length];
    multiplyTransposeBInto(a, b, out);
    return out;
  }

  /**
   * {@code X·w}: one value per row of {@code X}.
   *
   * @param x {@code X}, {@code m × n}
   * @param w the vector {@code w}, length {@code n}
   * @return {@code X·w}, length {@code m}
   * @throws IllegalArgumentException if {@code X} is ragged or its rows are not {@code w}'s length
   */
  public static double[] multiply(double[][] x, double[] w) {
    requireRectangular("matrix", x);
    if (cols(x) != w.length) {
      throw new IllegalArgumentException("shapes " + shape(x) + " and (" + w.length + ",) not aligned: "
          + cols(x) + " (dim 1) != " + w.length + " (dim 0)");
    }
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = dot(x[i], w);
    }
    return out;
  }

  /**
   * {@code scale · Xᵀ·v}: one value per column of {@code X}, e.g. {@code (1/m)·Xᵀ(ŷ − y)}.
   *
   * @param x {@code X}, {@code m × n}
   * @param v the vector {@code v}, length {@code m}
   * @param scale the factor applied to every entry
   * @return {@code scale·Xᵀ·v}, length {@code n}
   * @throws IllegalArgumentException if {@code X} is ragged or its number of rows is not {@code v}'s length
   */
  public static double[] multiplyTransposeA(double[][] x, double[] v, double scale) {
    requireRectangular("matrix", x);
    if (x.length != v.length) {
      throw new IllegalArgumentException("shapes " + shape(x) + "ᵀ and (" + v.length + ",) not aligned: "
          + x.length + " (dim 0) != " + v.length + " (dim 0)");
    }
    double[] out = new double[cols(x)];
    for (int i = 0; i < x.length; i++) {
      double[] row = x[i];
      double vi = v[i];
      for (int j = 0; j < out.length; j++) {
        out[j] += row[j] * vi;
      }
    }
    for (int j = 0; j < out.length; j++) {
      out[j] *= scale;
    }
    return out;
  }

  /**
   * The dot product {@code a·b} of two vectors of the same length.
   *
   * @param a a vector
   * @param b a vector of the same length
   * @return {@code Σ a[i]·b[i]}, summed in index order
   * @throws IllegalArgumentException if the lengths differ
   */
  public static double dot(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("shapes (" + a.length + ",) and (" + b.length + ",) not aligned");
    }
    double sum = 0.0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /**
   * The transpose {@code Aᵀ}, a new matrix.
   *
   * @param a {@code A}, {@code m × n}
   * @return {@code Aᵀ}, a new {@code n × m} matrix
   */
  public static double[][] transpose(double[][] a) {
    requireRectangular("matrix", a);
    double[][] t = new double[cols(a)][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  /**
   * {@code out = A − B}, element-wise; {@code out} may be {@code A} or {@code B}.
   *
   * @param a {@code A}
   * @param b {@code B}, of {@code A}'s shape
   * @param out receives {@code A − B}, of {@code A}'s shape
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void subtractInto(double[][] a, double[][] b, double[][] out) {
    requireSameShape(a, b);
    requireShape("output", out, a.length, cols(a));
    for (int i = 0; i < a.length; i++) {
      double[] aRow = a[i];
      double[] bRow = b[i];
      double[] outRow = out[i];
      for (int j = 0; j < aRow.length; j++) {
        outRow[j] = aRow[j] - bRow[j];
      }
    }
  }

  /**
   * {@code A − B}, element-wise, as a new matrix.
   *
   * @param a {@code A}
   * @param b {@code B}, of {@code A}'s shape
   * @return {@code A − B}, a new matrix
   * @throws IllegalArgumentException if the shapes differ
   */
  public static double[][] subtract(double[][] a, double[][] b) {
    double[][] out = new double[a.length][cols(a)];
    subtractInto(a, b, out);
    return out;
  }

  /**
   * {@code out[j] = scale · Σᵢ A[i][j]}: the bias gradient {@code db = (1/m)·Σ dZ}.
   *
   * @param a {@code A}, {@code m × n}
   * @param scale the factor applied to every sum (for the gradient, {@code 1/m})
   * @param out receives the {@code n} scaled column sums
   * @throws IllegalArgumentException if {@code A} is ragged or {@code out} is not {@code n} long
   */
  public static void columnSumsInto(double[][] a, double scale, double[] out) {
    requireRectangular("matrix", a);
    requireLength("output", out, cols(a));
    Arrays.fill(out, 0.0);
    for (double[] row : a) {
      for (int j = 0; j < out.length; j++) {
        out[j] += row[j];
      }
    }
    for (int j = 0; j < out.length; j++) {
      out[j] *= scale;
    }
  }

  /**
   * The column sums of {@code A}, times {@code scale}, as a new vector.
   *
   * @param a {@code A}, {@code m × n}
   * @param scale the factor applied to every sum
   * @return the {@code n} scaled column sums, a new vector
   */
  public static double[] columnSums(double[][] a, double scale) {
    double[] out = new double[cols(a)];
    columnSumsInto(a, scale, out);
    return out;
  }

  /**
   * {@code A *= s}, in place.
   *
   * @param a the matrix to scale, changed in place
   * @param s the factor
   */
  public static void scaleInPlace(double[][] a, double s) {
    for (double[] row : a) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= s;
      }
    }
  }

  /**
   * The gradient-descent step {@code param −= rate · grad}, in place.
   *
   * @param param the parameters {@code θ}, changed in place
   * @param rate the learning rate {@code α}
   * @param grad the gradient {@code ∂J/∂θ}, of {@code param}'s shape
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void descend(double[][] param, double rate, double[][] grad) {
    requireSameShape(param, grad);
    Parallelism.forRows(DESCEND_ROWS, param.length, cols(param), grad, null, null, rate, param);
  }

  /**
   * Rows of {@code out −= s · A}; the shapes are checked already. A row of {@code A} that is all +0
   * changes nothing ({@code x − s·(+0) = x} for every {@code x}, −0 included, when {@code s ≥ 0}) and
   * is skipped: a batch leaves the rows of {@code W1} of its blank pixels unchanged.
   */
  private static final Parallelism.RowKernel DESCEND_ROWS = (a, b, v, s, out, from, to) -> {
    for (int i = from; i < to; i++) {
      if (!(s >= 0.0 && allPositiveZero(a[i]))) {
        step(out[i], s, a[i]);
      }
    }
  };

  /** Whether every entry of {@code row} is +0 (not −0, not NaN). */
  private static boolean allPositiveZero(double[] row) {
    if (row.length == 0 || Double.doubleToRawLongBits(row[0]) != 0L) {
      return row.length == 0; // most rows of a gradient are non-zero from their first entry on
    }
    long bits = 0L;
    for (double value : row) {
      bits |= Double.doubleToRawLongBits(value);
    }
    return bits == 0L;
  }

  /**
   * The gradient-descent step {@code param −= rate · grad}, in place.
   *
   * @param param the parameters {@code θ}, changed in place
   * @param rate the learning rate {@code α}
   * @param grad the gradient {@code ∂J/∂θ}, of {@code param}'s length
   * @throws IllegalArgumentException if the lengths differ
   */
  public static void descend(double[] param, double rate, double[] grad) {
    requireLength("gradient", grad, param.length);
    step(param, rate, grad);
  }

  private static void step(double[] param, double rate, double[] grad) {
    for (int j = 0; j < param.length; j++) {
      param[j] -= rate * grad[j];
    }
  }

  /**
   * For each row, the index of its largest entry (the first one on ties): the predicted class.
   *
   * @param a scores or probabilities, one row per sample
   * @return for each row, the index of its largest entry
   */
  public static int[] argmaxRows(double[][] a) {
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      double[] row = a[i];
      int best = 0;
      for (int j = 1; j < row.length; j++) {
        if (row[j] > row[best]) {
          best = j;
        }
      }
      out[i] = best;
    }
    return out;
  }

  private static void requireSameShape(double[][] a, double[][] b) {
    requireRectangular("left matrix", a);
    requireRectangular("right matrix", b);
    if (a.length != b.length || cols(a) != cols(b)) {
      throw new IllegalArgumentException("operands could not be broadcast together with shapes "
          + shape(a) + " " + shape(b));
    }
  }

  private static void requireLength(String name, double[] v, int length) {
    if (v.length != length) {
      throw new IllegalArgumentException(name + " has length " + v.length + " but " + length
          + " was expected");
    }
  }

  private static void checkAligned(double[][] a, double[][] b, int inner, int otherInner,
      String dimA, String dimB) {
    requireRectangular("left matrix", a);
    requireRectangular("right matrix", b);
    if (inner != otherInner) {
      throw new IllegalArgumentException("shapes " + shape(a) + " and " + shape(b) + " not aligned: "
          + inner + " (dim " + dimA + ") != " + otherInner + " (dim " + dimB + ")");
    }
  }

  private static void checkOut(double[][] out, int rows, int cols, double[][] a, double[][] b) {
    requireShape("output", out, rows, cols);
    if (out == a || out == b) {
      throw new IllegalArgumentException("the output matrix must not be one of the operands");
    }
  }
}
