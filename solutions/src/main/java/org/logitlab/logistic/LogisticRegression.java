package org.logitlab.logistic;

import java.util.Random;
import org.logitlab.activation.Sigmoid;
import org.logitlab.linalg.Matrices;
import org.logitlab.loss.BinaryCrossEntropy;
import org.logitlab.model.Classifier;
import org.logitlab.model.GradientDescent;
import org.logitlab.model.Inputs;
import org.logitlab.model.MiniBatches;
import org.logitlab.model.TrainingListener;
import org.logitlab.model.TrainingOptions;

/**
 * Binary logistic regression: {@code ŷ = σ(X·w + b)} is the probability of class 1, trained by
 * gradient descent on the mean binary cross-entropy.
 *
 * <pre>{@code
 * LogisticRegression model = LogisticRegression.zeros(2);
 * double[] costs = model.fit(x, y, TrainingOptions.fullBatch(1000, 1.0));
 * int[] classes = model.predict(x);
 * }</pre>
 */
public final class LogisticRegression implements Classifier {

  /** The standard deviation of the initial weights of {@link #LogisticRegression(int, long)}. */
  public static final double INIT_SCALE = 0.01;

  private final double[] w;
  private double b;

  private LogisticRegression(double[] w) {
    this.w = w;
  }

  /**
   * A model whose weights are drawn from {@code N(0, INIT_SCALE²)} with the given seed; bias 0.
   *
   * @param features the number of inputs {@code n}, at least 1
   * @param seed seeds the initial weights: the same seed gives the same model
   * @throws IllegalArgumentException if {@code features < 1}
   */
  public LogisticRegression(int features, long seed) {
    this(new double[requirePositive(features)]);
    Random random = new Random(seed);
    for (int j = 0; j < w.length; j++) {
      w[j] = INIT_SCALE * random.nextGaussian();
    }
  }

  /**
   * A model with every weight and the bias at 0, where the lecture starts (BCE is convex, so this is fine).
   *
   * @param features the number of inputs {@code n}, at least 1
   * @return the model
   * @throws IllegalArgumentException if {@code features < 1}
   */
  public static LogisticRegression zeros(int features) {
    return new LogisticRegression(new double[requirePositive(features)]);
  }

  /**
   * A model with the given parameters, as {@link org.logitlab.io.ModelFile} reads them back.
   *
   * @param weights the weights {@code w}, one per feature, copied
   * @param bias the bias {@code b}
   * @return the model
   * @throws IllegalArgumentException if there are no weights
   */
  public static LogisticRegression of(double[] weights, double bias) {
    requirePositive(weights.length);
    LogisticRegression model = new LogisticRegression(weights.clone());
    model.b = bias;
    return model;
  }

  /**
   * Trains by gradient descent: for each batch, {@code ŷ = σ(X·w + b)}, then
   * {@code w ← w − α·(1/m)·Xᵀ(ŷ − y)} and {@code b ← b − α·mean(ŷ − y)}.
   *
   * @param x inputs, {@code m × n}
   * @param y labels, each 0 or 1
   * @return the cost (mean BCE) of each epoch
   */
  @Override
  public double[] fit(double[][] x, int[] y, TrainingOptions options, TrainingListener listener) {
    Inputs.requireTrainingSet(x, y, w.length, 2);
    MiniBatches batches = new MiniBatches(x.length, options);
    MiniBatches.Rows xRows = batches.rowsOf(x);
    return GradientDescent.run(batches, options, listener, (all, batch) -> {
      double[][] xb = xRows.get(batch);
      double[] yb = new double[xb.length];
      for (int i = 0; i < yb.length; i++) {
        yb[i] = y[all.sampleIndex(batch, i)];
      }
      double[] z = logits(xb);
      BinaryCrossEntropy.Gradient grad = BinaryCrossEntropy.gradient(xb, Sigmoid.apply(z), yb);
      Matrices.descend(w, options.learningRate(), grad.dw());
      b -= options.learningRate() * grad.db();
      return BinaryCrossEntropy.lossFromLogits(z, yb);
    });
  }

  /**
   * The probability of each class for each row, as scikit-learn orders them: {@code 1 − ŷ} and
   * {@code ŷ = σ(x·w + b) = P(y = 1 | x)}.
   *
   * @param x inputs, {@code m × n}
   * @return {@code m × 2}: row {@code i} holds {@code P(y = 0)} and {@code P(y = 1)} of sample {@code i}
   */
  @Override
  public double[][] predictProba(double[][] x) {
    double[] p = probabilityOfOne(x);
    double[][] rows = new double[p.length][];
    for (int i = 0; i < p.length; i++) {
      rows[i] = new double[] {1 - p[i], p[i]};
    }
    return rows;
  }

  /**
   * Class 1 where {@code σ(x·w + b) ≥ 0.5} (that is, {@code x·w + b ≥ 0}), else class 0.
   *
   * @param x inputs, {@code m × n}
   * @return the class of each row, 0 or 1
   */
  @Override
  public int[] predict(double[][] x) {
    double[] p = probabilityOfOne(x);
    int[] classes = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      classes[i] = p[i] >= 0.5 ? 1 : 0;
    }
    return classes;
  }

  /**
   * The mean binary cross-entropy of the model on {@code (x, y)}, computed from the scores.
   *
   * @param x inputs, {@code m × n}
   * @param y labels, each 0 or 1
   * @return the mean BCE
   */
  @Override
  public double loss(double[][] x, int[] y) {
    Inputs.requireTrainingSet(x, y, w.length, 2);
    double[] targets = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      targets[i] = y[i];
    }
    return BinaryCrossEntropy.lossFromLogits(logits(x), targets);
  }

  /**
   * The weights.
   *
   * @return a copy of {@code w}, one weight per feature
   */
  public double[] weights() {
    return w.clone();
  }

  /**
   * The bias.
   *
   * @return {@code b}
   */
  public double bias() {
    return b;
  }

  private double[] probabilityOfOne(double[][] x) {
    Inputs.requireFeatures(x, w.length);
    return Sigmoid.apply(logits(x));
  }

  private double[] logits(double[][] x) {
    double[] z = Matrices.multiply(x, w);
    for (int i = 0; i < z.length; i++) {
      z[i] += b;
    }
    return z;
  }

  private static int requirePositive(int features) {
    if (features < 1) {
      throw new IllegalArgumentException("a model needs at least 1 feature, got " + features);
    }
    return features;
  }
}
