package org.logitlab.network;

import java.util.Random;
import org.logitlab.activation.Activation;
import org.logitlab.linalg.Matrices;
import org.logitlab.loss.CrossEntropy;
import org.logitlab.model.Classifier;
import org.logitlab.model.Inputs;
import org.logitlab.model.MiniBatches;
import org.logitlab.model.TrainingListener;
import org.logitlab.model.TrainingOptions;
import org.logitlab.softmax.OneHot;

/**
 * A two-layer neural network for classification: inputs → hidden layer ({@code g} = sigmoid or
 * tanh) → softmax outputs, trained by mini-batch SGD on the mean cross-entropy.
 *
 * <pre>
 *   Z1 = X·W1 + b1    A1 = g(Z1)         (HiddenLayer)
 *   Z2 = A1·W2 + b2   A2 = softmax(Z2)   (OutputLayer)
 * </pre>
 *
 * <p>One sample per row, so {@code W1} is {@code n × h} and {@code W2} is {@code h × k}: the
 * transpose of the lecture's column convention {@code Z = W·A}. Weights start from
 * {@code N(0, 1/fan_in)} with a seed, biases from 0.
 *
 * <p>Exercise 7 is {@link #fit(double[][], int[], TrainingOptions, TrainingListener)} (lesson
 * {@code lessons/07-mnist-end-to-end.md}).
 */
public final class TwoLayerNet implements Classifier {

  private final double[][] w1;
  private final double[] b1;
  private final double[][] w2;
  private final double[] b2;
  private final Activation activation;

  /**
   * A network with random initial weights.
   *
   * @param inputs features per sample {@code n} (784 for MNIST)
   * @param hidden hidden units {@code h}
   * @param outputs classes {@code k}, at least 2
   * @param activation the hidden activation {@code g}
   * @param seed seeds the initial weights: the same seed gives the same network
   */
  public TwoLayerNet(int inputs, int hidden, int outputs, Activation activation, long seed) {
    if (inputs < 1 || hidden < 1 || outputs < 2) {
      throw new IllegalArgumentException("a network needs at least 1 input, 1 hidden unit and 2 outputs, got "
          + inputs + "-" + hidden + "-" + outputs);
    }
    Random random = new Random(seed);
    this.w1 = gaussian(inputs, hidden, random);
    this.b1 = new double[hidden];
    this.w2 = gaussian(hidden, outputs, random);
    this.b2 = new double[outputs];
    this.activation = activation;
  }

  private static double[][] gaussian(int fanIn, int fanOut, Random random) {
    double scale = Math.sqrt(1.0 / fanIn);
    double[][] w = new double[fanIn][fanOut];
    for (double[] row : w) {
      for (int j = 0; j < fanOut; j++) {
        row[j] = scale * random.nextGaussian();
      }
    }
    return w;
  }

  /**
   * The forward pass of the batch {@code x}, in new buffers.
   *
   * @param x the batch inputs, {@code m × n}
   * @return {@code Z1}, {@code A1}, {@code Z2} and {@code A2} of the batch
   */
  public ForwardPass forward(double[][] x) {
    Inputs.requireFeatures(x, inputs());
    ForwardPass pass = ForwardPass.allocate(x.length, hidden(), outputs());
    forward(x, pass);
    return pass;
  }

  /**
   * The forward pass of the batch {@code x}, into {@code pass} (sized for {@code x.length} samples).
   *
   * @param x the batch inputs, {@code m × n}
   * @param pass receives {@code Z1}, {@code A1}, {@code Z2} and {@code A2}
   */
  public void forward(double[][] x, ForwardPass pass) {
    HiddenLayer.forward(x, w1, b1, activation, pass);
    OutputLayer.forward(pass, w2, b2);
  }

  /**
   * Backprop for the batch {@code (x, y)} after {@code forward(x)}: output layer, then hidden layer.
   *
   * @param y one-hot targets, {@code m × k}
   * @param x the batch inputs, {@code m × n}
   * @param pass the forward pass of {@code x}
   * @return the gradients of the mean cross-entropy with respect to every parameter
   */
  public Gradients backward(double[][] x, ForwardPass pass, double[][] y) {
    Matrices.requireShape("y", y, x.length, outputs());
    Gradients grads = Gradients.allocate(x.length, inputs(), hidden(), outputs());
    OutputLayer.backward(pass, y, grads);
    HiddenLayer.backward(x, pass, w2, activation, grads);
    return grads;
  }

  /**
   * The mean cross-entropy of the network on inputs {@code x} and one-hot targets {@code y}.
   *
   * @param x inputs, {@code m × n}
   * @param y one-hot targets, {@code m × k}
   * @return the mean cross-entropy, computed from the scores {@code Z2}
   */
  public double loss(double[][] x, double[][] y) {
    return CrossEntropy.fromLogits(forward(x).z2(), y);
  }

  /**
   * Trains by mini-batch stochastic gradient descent on the mean cross-entropy. Each epoch shuffles
   * the samples (seeded by {@code options.seed()}) and, for each mini-batch, runs the forward pass,
   * output-layer and hidden-layer backprop, then steps every parameter: {@code θ ← θ − α·dθ}.
   * Batch size 1 is stochastic gradient descent, one sample per step (not quite the lecture's loop: lesson 6).
   *
   * <p>The pieces: {@link OneHot#encode} for the targets; {@link MiniBatches} for the shuffled
   * batches ({@code rowsOf} gathers each batch's rows without copying); {@link ForwardPass#allocate}
   * and {@link Gradients#allocate} for buffers, made once for the full batches and once for a smaller
   * last one (a new {@code dW1} for every batch is 600 KB of garbage per step, which can make an epoch
   * several times slower: lesson 7); {@link #forward(double[][], ForwardPass)}, {@link OutputLayer#backward},
   * {@link HiddenLayer#backward}; {@link Matrices#descend} for the steps;
   * {@link CrossEntropy#fromProbabilities} for each batch's cost; and the listener's {@code onBatch}
   * after every step and {@code onEpoch} after every epoch.
   *
   * @param x inputs, {@code m × n}
   * @param labels classes, each in {@code [0, k)}
   * @param listener told after every batch and every epoch
   * @return the cost history: for each epoch, the mean over its batches of the batch's mean
   *     cross-entropy before its step, weighted by batch size
   */
  @Override
  public double[] fit(double[][] x, int[] labels, TrainingOptions options, TrainingListener listener) {
    Inputs.requireTrainingSet(x, labels, inputs(), outputs());
    // BEGIN SOLUTION FIT
    MiniBatches batches = new MiniBatches(x.length, options);
    MiniBatches.Rows xRows = batches.rowsOf(x);
    MiniBatches.Rows yRows = batches.rowsOf(OneHot.encode(labels, outputs()));
    double rate = options.learningRate();
    double[] costs = new double[options.epochs()];
    ForwardPass[] passes = new ForwardPass[2]; // buffers for the full batches [0] and a smaller last one [1]
    Gradients[] gradients = new Gradients[2];
    for (int epoch = 1; epoch <= options.epochs(); epoch++) {
      long start = System.nanoTime();
      batches.shuffle();
      double costSum = 0.0;
      for (int b = 0; b < batches.count(); b++) {
        double[][] xb = xRows.get(b);
        double[][] yb = yRows.get(b);
        int size = xb.length == batches.size(0) ? 0 : 1;
        if (passes[size] == null) {
          passes[size] = ForwardPass.allocate(xb.length, hidden(), outputs());
          gradients[size] = Gradients.allocate(xb.length, inputs(), hidden(), outputs());
        }
        ForwardPass pass = passes[size];
        Gradients grads = gradients[size];
        forward(xb, pass);
        costSum += CrossEntropy.fromProbabilities(pass.a2(), yb) * xb.length;
        OutputLayer.backward(pass, yb, grads);
        HiddenLayer.backward(xb, pass, w2, activation, grads);
        Matrices.descend(w1, rate, grads.dW1());
        Matrices.descend(b1, rate, grads.db1());
        Matrices.descend(w2, rate, grads.dW2());
        Matrices.descend(b2, rate, grads.db2());
        listener.onBatch(epoch, b * batches.size(0) + xb.length, x.length);
      }
      costs[epoch - 1] = costSum / x.length;
      listener.onEpoch(epoch, costs[epoch - 1], System.nanoTime() - start);
    }
    return costs;
    // END SOLUTION
  }

  /**
   * The class probabilities {@code A2}, one row per row of {@code x}.
   *
   * @param x inputs, {@code m × n}
   * @return {@code A2}, {@code m × k}: row {@code i} holds the probability of each class for sample {@code i}
   */
  public double[][] predictProba(double[][] x) {
    return forward(x).a2();
  }

  /**
   * The most probable class of each row of {@code x}.
   *
   * @param x inputs, {@code m × n}
   * @return the class of each row, in {@code [0, k)}
   */
  @Override
  public int[] predict(double[][] x) {
    return Matrices.argmaxRows(forward(x).z2());
  }

  /**
   * The number of inputs {@code n}.
   *
   * @return {@code n}, the rows of {@code W1}
   */
  public int inputs() {
    return w1.length;
  }

  /**
   * The number of hidden units {@code h}.
   *
   * @return {@code h}, the columns of {@code W1}
   */
  public int hidden() {
    return b1.length;
  }

  /**
   * The number of outputs (classes) {@code k}.
   *
   * @return {@code k}, the columns of {@code W2}
   */
  public int outputs() {
    return b2.length;
  }

  /**
   * The hidden activation {@code g}.
   *
   * @return sigmoid or tanh
   */
  public Activation activation() {
    return activation;
  }

  /**
   * The hidden-layer weights {@code W1}, {@code n × h}, live: for gradient checks, which nudge them in place.
   *
   * @return {@code W1} itself: writing to it changes the network
   */
  public double[][] liveW1() {
    return w1;
  }

  /**
   * The hidden-layer biases {@code b1}: the live array.
   *
   * @return {@code b1} itself: writing to it changes the network
   */
  public double[] liveB1() {
    return b1;
  }

  /**
   * The output-layer weights {@code W2}, {@code h × k}: the live array.
   *
   * @return {@code W2} itself: writing to it changes the network
   */
  public double[][] liveW2() {
    return w2;
  }

  /**
   * The output-layer biases {@code b2}: the live array.
   *
   * @return {@code b2} itself: writing to it changes the network
   */
  public double[] liveB2() {
    return b2;
  }
}
