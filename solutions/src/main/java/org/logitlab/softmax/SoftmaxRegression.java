package org.logitlab.softmax;

import java.util.Random;
import org.logitlab.activation.Softmax;
import org.logitlab.linalg.Matrices;
import org.logitlab.loss.CrossEntropy;
import org.logitlab.model.Classifier;
import org.logitlab.model.GradientDescent;
import org.logitlab.model.Inputs;
import org.logitlab.model.MiniBatches;
import org.logitlab.model.TrainingListener;
import org.logitlab.model.TrainingOptions;

/**
 * Softmax (multinomial logistic) regression: {@code P = softmax(X·W + b)} gives one probability per
 * class, trained by mini-batch gradient descent on the mean cross-entropy against one-hot labels.
 * The cost is convex, so the weights may start at zero ({@link #zeros}) as well as at small random
 * values.
 */
public final class SoftmaxRegression implements Classifier {

  /** The standard deviation of the initial weights of {@link #SoftmaxRegression(int, int, long)}. */
  public static final double INIT_SCALE = 0.01;

  private final double[][] w;
  private final double[] b;

  /**
   * A model whose weights are drawn from {@code N(0, INIT_SCALE²)} with the given seed; biases 0.
   *
   * @param features the number of inputs {@code n}, at least 1
   * @param classes the number of classes {@code k}, at least 2
   * @param seed seeds the initial weights: the same seed gives the same model
   * @throws IllegalArgumentException if {@code features < 1} or {@code classes < 2}
   */
  public SoftmaxRegression(int features, int classes, long seed) {
    this(features, classes);
    Random random = new Random(seed);
    for (double[] row : w) {
      for (int j = 0; j < row.length; j++) {
        row[j] = INIT_SCALE * random.nextGaussian();
      }
    }
  }

  private SoftmaxRegression(int features, int classes) {
    if (features < 1 || classes < 2) {
      throw new IllegalArgumentException("softmax regression needs at least 1 feature and 2 classes, got "
          + features + " and " + classes);
    }
    this.w = new double[features][classes];
    this.b = new double[classes];
  }

  /**
   * A model with every weight and bias at 0, where the lecture starts.
   *
   * @param features the number of inputs {@code n}, at least 1
   * @param classes the number of classes {@code k}, at least 2
   * @return the model
   * @throws IllegalArgumentException if {@code features < 1} or {@code classes < 2}
   */
  public static SoftmaxRegression zeros(int features, int classes) {
    return new SoftmaxRegression(features, classes);
  }

  /**
   * A model with the given parameters, as {@link org.logitlab.io.ModelFile} reads them back.
   *
   * @param weights the weights {@code W}, {@code n × k}, copied
   * @param biases the biases {@code b}, length {@code k}, copied
   * @return the model
   * @throws IllegalArgumentException if the shapes do not fit together, or {@code k < 2}
   */
  public static SoftmaxRegression of(double[][] weights, double[] biases) {
    SoftmaxRegression model = zeros(weights.length, biases.length);
    for (int j = 0; j < weights.length; j++) {
      if (weights[j].length != biases.length) {
        throw new IllegalArgumentException("row " + j + " of W has " + weights[j].length + " values but there are "
            + biases.length + " biases: W must be n × k with one bias per class");
      }
      System.arraycopy(weights[j], 0, model.w[j], 0, biases.length);
    }
    System.arraycopy(biases, 0, model.b, 0, biases.length);
    return model;
  }

  /**
   * Trains by mini-batch gradient descent: {@code dZ = P − Y}, {@code dW = (1/m)·Xᵀ·dZ},
   * {@code db = (1/m)·Σ dZ}, then {@code W ← W − α·dW}, {@code b ← b − α·db}.
   *
   * @param x inputs, {@code m × n}
   * @param labels classes, each in {@code [0, k)}
   * @return the cost (mean cross-entropy) of each epoch
   */
  @Override
  public double[] fit(double[][] x, int[] labels, TrainingOptions options, TrainingListener listener) {
    Inputs.requireTrainingSet(x, labels, w.length, b.length);
    MiniBatches batches = new MiniBatches(x.length, options);
    MiniBatches.Rows xRows = batches.rowsOf(x);
    MiniBatches.Rows yRows = batches.rowsOf(OneHot.encode(labels, b.length));
    double[][] full = new double[batches.size(0)][b.length];
    double[][] last = new double[batches.size(batches.count() - 1)][b.length];
    double[][] dW = new double[w.length][b.length];
    double[] db = new double[b.length];
    return GradientDescent.run(batches, options, listener, (all, batch) -> {
      double[][] xb = xRows.get(batch);
      double[][] yb = yRows.get(batch);
      double[][] dZ = xb.length == full.length ? full : last; // holds Z, then P, then P − Y
      Matrices.affineInto(xb, w, b, dZ);
      Softmax.rowsInto(dZ, dZ);
      double cost = CrossEntropy.fromProbabilities(dZ, yb);
      Matrices.subtractInto(dZ, yb, dZ);
      Matrices.multiplyTransposeAInto(xb, dZ, 1.0 / xb.length, dW);
      Matrices.columnSumsInto(dZ, 1.0 / xb.length, db);
      Matrices.descend(w, options.learningRate(), dW);
      Matrices.descend(b, options.learningRate(), db);
      return cost;
    });
  }

  /**
   * The class probabilities {@code softmax(x·W + b)}.
   *
   * @param x inputs, {@code m × n}
   * @return {@code m × k}: row {@code i} holds the probability of each class for sample {@code i}
   */
  @Override
  public double[][] predictProba(double[][] x) {
    double[][] p = logits(x);
    Softmax.rowsInto(p, p);
    return p;
  }

  /**
   * The most probable class of each row.
   *
   * @param x inputs, {@code m × n}
   * @return the class of each row, in {@code [0, k)}
   */
  @Override
  public int[] predict(double[][] x) {
    return Matrices.argmaxRows(logits(x));
  }

  /**
   * The mean cross-entropy of the model on {@code (x, labels)}, computed from the logits.
   *
   * @param x inputs, {@code m × n}
   * @param labels classes, each in {@code [0, k)}
   * @return the mean cross-entropy
   */
  @Override
  public double loss(double[][] x, int[] labels) {
    Inputs.requireTrainingSet(x, labels, w.length, b.length);
    return CrossEntropy.fromLogits(logits(x), OneHot.encode(labels, b.length));
  }

  /**
   * The weights.
   *
   * @return a copy of {@code W}, {@code n × k}
   */
  public double[][] weights() {
    return Matrices.copy(w);
  }

  /**
   * The biases.
   *
   * @return a copy of {@code b}, length {@code k}
   */
  public double[] biases() {
    return b.clone();
  }

  /**
   * {@code X·W + b}, after {@link Inputs#requireFeatures}. A NaN or infinite input makes every logit
   * of its row NaN or infinite (it is added to each of them, times a weight), so the full scan of
   * {@code x} for such inputs runs only when the logits are not all finite: the same error, one pass
   * over {@code x} fewer.
   */
  private double[][] logits(double[][] x) {
    Inputs.requireShape(x, w.length);
    double[][] z = Matrices.affine(x, w, b);
    if (!Matrices.allFinite(z)) {
      Matrices.requireFinite("x", x);
    }
    return z;
  }
}
