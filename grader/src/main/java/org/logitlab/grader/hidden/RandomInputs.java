package org.logitlab.grader.hidden;

import java.util.Random;

/**
 * The random inputs of the hidden suites. Every randomized check draws from
 * {@code new Random(GradingParameters.seed() + salt)} with a salt of its own, so that the public
 * tests' values earn nothing and a run can be replayed from its seed.
 */
final class RandomInputs {

  private RandomInputs() {}

  /** The generator of one check: the run's seed plus the check's salt. */
  static Random random(long salt) {
    return new Random(GradingParameters.seed() + salt);
  }

  /** How many random cases a check draws. */
  static int cases() {
    return GradingParameters.randomCases();
  }

  /** {@code "#3 of seed 12345"}: where a random case comes from, so that it can be replayed. */
  static String caseOf(int index) {
    return Checks.text("random.case", "index", index, "seed", GradingParameters.seed());
  }

  /** {@code "random 7×5 batch #3 of seed 12345"}. */
  static String batch(int index, int rows, int cols) {
    return Checks.text("random.batch", "rows", rows, "cols", cols, "case", caseOf(index));
  }

  /** A uniform integer in {@code [low, high]}. */
  static int between(Random random, int low, int high) {
    return low + random.nextInt(high - low + 1);
  }

  /** A uniform double in {@code [low, high)}. */
  static double uniform(Random random, double low, double high) {
    return low + (high - low) * random.nextDouble();
  }

  /** An {@code rows × cols} matrix of {@code N(0, sd²)} entries. */
  static double[][] gaussian(Random random, int rows, int cols, double sd) {
    double[][] a = new double[rows][cols];
    for (double[] row : a) {
      for (int j = 0; j < cols; j++) {
        row[j] = sd * random.nextGaussian();
      }
    }
    return a;
  }

  /** A vector of {@code N(0, sd²)} entries. */
  static double[] gaussian(Random random, int n, double sd) {
    double[] v = new double[n];
    for (int j = 0; j < n; j++) {
      v[j] = sd * random.nextGaussian();
    }
    return v;
  }

  /** {@code m} labels uniform in {@code [0, classes)}. */
  static int[] labels(Random random, int m, int classes) {
    int[] labels = new int[m];
    for (int i = 0; i < m; i++) {
      labels[i] = random.nextInt(classes);
    }
    return labels;
  }

  /** A deep copy, so that what a student's method does to its arguments cannot reach the oracle. */
  /**
   * A {@code rows × cols} matrix of multiples of {@code 1/4} in {@code [−2, 2]}: products and short
   * sums of such numbers (and their halvings) are exact in double precision.
   */
  static double[][] dyadic(Random random, int rows, int cols) {
    double[][] a = new double[rows][cols];
    for (double[] row : a) {
      for (int j = 0; j < cols; j++) {
        row[j] = between(random, -8, 8) / 4.0;
      }
    }
    return a;
  }

  static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /** A matrix of the given shape filled with {@code value} (e.g. NaN, to see stale buffer values). */
  static double[][] filled(int rows, int cols, double value) {
    double[][] a = new double[rows][cols];
    for (double[] row : a) {
      java.util.Arrays.fill(row, value);
    }
    return a;
  }
}
