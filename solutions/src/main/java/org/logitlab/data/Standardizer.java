package org.logitlab.data;

/**
 * Rescales each feature to mean 0 and standard deviation 1, with the mean and the (population)
 * standard deviation measured on the training data and applied unchanged to any other data, so that
 * no information leaks from test data into training.
 *
 * <p>A constant feature has standard deviation 0 (or a few rounding errors, below
 * {@code 1e-12 · max(1, |mean|)}); it is only centred, not divided, so it becomes 0 on the training data
 * instead of NaN or noise, and other data keeps its offset from the training constant.
 */
public final class Standardizer {

  private static final double CONSTANT_TOLERANCE = 1e-12;

  private final double[] mean;
  private final double[] std;
  private final double[] scale;

  private Standardizer(double[] mean, double[] std) {
    this.mean = mean;
    this.std = std;
    this.scale = new double[std.length];
    for (int j = 0; j < std.length; j++) {
      boolean constant = std[j] <= CONSTANT_TOLERANCE * Math.max(1, Math.abs(mean[j]));
      scale[j] = constant ? 1 : std[j];
    }
  }

  /**
   * Measures the mean and standard deviation of every column of {@code x} (at least one row).
   *
   * @param x the training features, {@code m × n}
   * @return the standardizer of those columns
   * @throws IllegalArgumentException if {@code x} has no row or is ragged
   */
  public static Standardizer fit(double[][] x) {
    if (x.length == 0) {
      throw new IllegalArgumentException("cannot fit a standardizer to 0 rows; give it the training data");
    }
    int n = x[0].length;
    double[] mean = new double[n];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != n) {
        throw new IllegalArgumentException("row " + i + " of the training data has " + x[i].length
            + " features but row 0 has " + n);
      }
      for (int j = 0; j < n; j++) {
        mean[j] += x[i][j];
      }
    }
    for (int j = 0; j < n; j++) {
      mean[j] /= x.length;
    }
    double[] std = new double[n];
    for (double[] row : x) {
      for (int j = 0; j < n; j++) {
        double d = row[j] - mean[j];
        std[j] += d * d;
      }
    }
    for (int j = 0; j < n; j++) {
      std[j] = Math.sqrt(std[j] / x.length);
    }
    return new Standardizer(mean, std);
  }

  /**
   * The training mean of each feature (a copy).
   *
   * @return the {@code n} means
   */
  public double[] mean() {
    return mean.clone();
  }

  /**
   * The training (population) standard deviation of each feature, as measured (a copy).
   *
   * @return the {@code n} standard deviations
   */
  public double[] std() {
    return std.clone();
  }

  /**
   * Returns new rows {@code (x - mean) / std}, per feature; {@code x} is not changed.
   *
   * @param x features, {@code m × n}, with the training data's {@code n}
   * @return the standardized features, a new {@code m × n} matrix
   */
  public double[][] transform(double[][] x) {
    double[][] z = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != mean.length) {
        throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features but the training "
            + "data had " + mean.length + "; standardize data with the same columns as the training data");
      }
      z[i] = new double[mean.length];
      for (int j = 0; j < mean.length; j++) {
        z[i][j] = (x[i][j] - mean[j]) / scale[j];
      }
    }
    return z;
  }

  /**
   * The same data set (name, labels, classes) with {@link #transform(double[][]) standardized} features.
   *
   * @param data a data set with the training data's {@code n} features
   * @return a new data set with standardized features; its label array is that of {@code data}, not a copy
   */
  public Dataset transform(Dataset data) {
    return new Dataset(data.name(), transform(data.x()), data.y(), data.classNames());
  }
}
