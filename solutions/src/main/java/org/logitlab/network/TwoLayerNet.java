package org.logitlab.network;

import java.util.Arrays;
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

  /** The forward pass of the batch {@code x}, in new buffers. */
  public ForwardPass forward(double[][] x) {
    Inputs.requireFeatures(x, inputs());
    ForwardPass pass = ForwardPass.allocate(x.length, hidden(), outputs());
    forward(x, pass);
    return pass;
  }

  /** The forward pass of the batch {@code x}, into {@code pass} (sized for {@code x.length} samples). */
  public void forward(double[][] x, ForwardPass pass) {
    HiddenLayer.forward(x, w1, b1, activation, pass);
    OutputLayer.forward(pass, w2, b2);
  }

  /**
   * Backprop for the batch {@code (x, y)} after {@code forward(x)}: output layer, then hidden layer.
   *
   * @param y one-hot targets, {@code m × k}
   * @return the gradients of the mean cross-entropy with respect to every parameter
   */
  public Gradients backward(double[][] x, ForwardPass pass, double[][] y) {
    Matrices.requireShape("y", y, x.length, outputs());
    Gradients grads = Gradients.allocate(x.length, inputs(), hidden(), outputs());
    OutputLayer.backward(pass, y, grads);
    HiddenLayer.backward(x, pass, w2, activation, grads);
    return grads;
  }

  /** The mean cross-entropy of the network on inputs {@code x} and one-hot targets {@code y}. */
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
   * batches ({@code rowsOf} gathers each batch's rows without copying); the {@code Workspaces} (below)
   * for the forward-pass and gradient buffers, which also restrict a small batch to the inputs it
   * uses (blank MNIST pixels leave their rows of {@code W1} unchanged); {@link HiddenLayer#forward},
   * {@link OutputLayer#forward}, {@link OutputLayer#backward}, {@link HiddenLayer#backward};
   * {@link Matrices#descend} for the steps; {@link CrossEntropy#fromProbabilities} for each batch's
   * cost; and the listener's {@code onBatch} after every step and {@code onEpoch} after every epoch.
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
    Workspaces workspaces = new Workspaces(batches);
    double rate = options.learningRate();
    double[] costs = new double[options.epochs()];
    for (int epoch = 1; epoch <= options.epochs(); epoch++) {
      long start = System.nanoTime();
      batches.shuffle();
      double costSum = 0.0;
      for (int b = 0; b < batches.count(); b++) {
        double[][] xb = xRows.get(b);
        double[][] yb = yRows.get(b);
        // ws.x: xb on the inputs its samples use; ws.w1: the rows of W1 they multiply
        Workspace ws = workspaces.onActiveInputs(xb);
        HiddenLayer.forward(ws.x, ws.w1, b1, activation, ws.pass);
        OutputLayer.forward(ws.pass, w2, b2);
        costSum += CrossEntropy.fromProbabilities(ws.pass.a2(), yb) * xb.length;
        OutputLayer.backward(ws.pass, yb, ws.grads);
        HiddenLayer.backward(ws.x, ws.pass, w2, activation, ws.grads);
        Matrices.descend(ws.w1, rate, ws.grads.dW1());
        Matrices.descend(b1, rate, ws.grads.db1());
        Matrices.descend(w2, rate, ws.grads.dW2());
        Matrices.descend(b2, rate, ws.grads.db2());
        listener.onBatch(epoch, b * batches.size(0) + xb.length, x.length);
      }
      costs[epoch - 1] = costSum / x.length;
      listener.onEpoch(epoch, costs[epoch - 1], System.nanoTime() - start);
    }
    return costs;
    // END SOLUTION
  }

  /**
   * The buffers of the training steps, which run each small batch on its active inputs only.
   *
   * <p>Most MNIST pixels are blank: a digit lights about 150 of its 784. An input that is 0 in every
   * sample of a batch adds nothing to {@code X·W1} and gets an all-zero row in
   * {@code dW1 = (1/m)·Xᵀ·dZ1}, so its row of {@code W1} does not change in that step. The step may as
   * well leave it out and run the layers on the batch's active inputs: the columns of the batch that
   * are non-zero in some sample, in increasing order, with their rows of {@code W1} (the very rows of
   * {@code W1}, not copies, so that the step updates {@code W1} itself). Every sum adds the same
   * non-zero terms in the same order, so the weights come out the same to the bit; but the step reads
   * and writes {@code a × h} weights and gradients instead of {@code n × h}.
   *
   * <p>The layers check exact shapes, so the buffers depend on {@code a}. To need few of them,
   * {@code a} is padded up to a multiple of {@link #BLOCK} with phantom inputs: 0 in every sample,
   * each with a zero row of {@code W1} of its own, whose gradient is 0, so that it stays 0. The
   * buffers of a size are made the first time it occurs and reused after, so training allocates only
   * while it meets new sizes, of which there are at most {@code n / BLOCK}.
   *
   * <p>Batches of more than {@link #MAX_SAMPLES} samples run on all inputs, as do those whose padded
   * {@code a} reaches {@code n}.
   */
  private final class Workspaces {
    /** Active inputs are padded up to a multiple of this. */
    static final int BLOCK = 16;
    /**
     * Larger batches run on all inputs: their samples together use many more of them (16 digits about
     * 410 of 784, 32 about 455), so finding and copying the active ones gains little or nothing, and
     * the buffers for each size would cost more memory.
     */
    static final int MAX_SAMPLES = 8;

    private final int fullSize;
    /** For the full batch size and the last batch's, if smaller: the step on all inputs. */
    private final Workspace[] whole = new Workspace[2];
    /** For the same two batch sizes and each number of blocks: the step on that many active inputs. */
    private final Workspace[][] restricted = new Workspace[2][inputs() / BLOCK + 1];
    private final double[][] phantoms = new double[BLOCK][hidden()];
    /** The active inputs of the current batch, in increasing order. */
    private final int[] active = new int[inputs()];

    Workspaces(MiniBatches batches) {
      fullSize = batches.size(0);
      whole[0] = onAllInputs(fullSize);
      int lastSize = batches.size(batches.count() - 1);
      if (lastSize != fullSize) {
        whole[1] = onAllInputs(lastSize);
      }
    }

    /**
     * The step for the batch {@code xb}: {@code ws.x} is {@code xb} on its active inputs, padded, and
     * {@code ws.w1} their rows of {@code W1}; or {@code xb}'s rows and {@code W1}, for a batch that
     * runs on all inputs. Valid until the next call.
     */
    Workspace onActiveInputs(double[][] xb) {
      int s = xb.length == fullSize ? 0 : 1;
      int a = xb.length <= MAX_SAMPLES ? activeInputs(xb) : inputs(); // a large batch: all inputs
      int blocks = Math.max(1, (a + BLOCK - 1) / BLOCK);
      if (blocks * BLOCK >= inputs()) {
        System.arraycopy(xb, 0, whole[s].x, 0, xb.length);
        return whole[s];
      }
      if (restricted[s][blocks] == null) {
        restricted[s][blocks] = onSomeInputs(whole[s], blocks * BLOCK);
      }
      Workspace ws = restricted[s][blocks];
      for (int j = 0; j < ws.w1.length; j++) {
        ws.w1[j] = j < a ? w1[active[j]] : phantoms[j - a];
      }
      for (int i = 0; i < xb.length; i++) {
        double[] row = xb[i];
        double[] out = ws.x[i];
        for (int j = 0; j < a; j++) {
          out[j] = row[active[j]];
        }
        Arrays.fill(out, a, out.length, 0.0);
      }
      return ws;
    }

    /** Fills {@code active} with the inputs non-zero in some sample of {@code xb}; returns how many. */
    private int activeInputs(double[][] xb) {
      double[] first = xb[0];
      int a = 0;
      for (int k = 0; k < first.length; k++) {
        if (first[k] != 0.0 || usedAfterFirst(xb, k)) {
          active[a++] = k;
        }
      }
      return a;
    }

    /** Whether a sample of {@code xb} other than the first has a non-zero input {@code k}. */
    private static boolean usedAfterFirst(double[][] xb, int k) {
      for (int i = 1; i < xb.length; i++) {
        if (xb[i][k] != 0.0) {
          return true;
        }
      }
      return false;
    }

    /** Buffers for steps on all inputs with batches of {@code m} samples. */
    private Workspace onAllInputs(int m) {
      return new Workspace(new double[m][], w1, ForwardPass.allocate(m, hidden(), outputs()),
          Gradients.allocate(m, inputs(), hidden(), outputs()));
    }

    /** Buffers for steps on {@code size} inputs; the rest, and dW1's first rows, are {@code whole}'s. */
    private Workspace onSomeInputs(Workspace whole, int size) {
      Gradients g = whole.grads;
      return new Workspace(new double[whole.x.length][size], new double[size][], whole.pass,
          new Gradients(g.dZ1(), Arrays.copyOf(g.dW1(), size), g.db1(), g.dZ2(), g.dW2(), g.db2()));
    }
  }

  /**
   * The buffers of one training step: its batch {@code x}, the weights {@code w1} that {@code x}
   * multiplies, the forward pass and the gradients.
   */
  private static final class Workspace {
    final double[][] x;
    final double[][] w1;
    final ForwardPass pass;
    final Gradients grads;

    Workspace(double[][] x, double[][] w1, ForwardPass pass, Gradients grads) {
      this.x = x;
      this.w1 = w1;
      this.pass = pass;
      this.grads = grads;
    }
  }

  /** The class probabilities {@code A2}, one row per row of {@code x}. */
  public double[][] predictProba(double[][] x) {
    return forward(x).a2();
  }

  /** The most probable class of each row of {@code x}. */
  @Override
  public int[] predict(double[][] x) {
    return Matrices.argmaxRows(forward(x).z2());
  }

  /** The number of inputs {@code n}. */
  public int inputs() {
    return w1.length;
  }

  /** The number of hidden units {@code h}. */
  public int hidden() {
    return b1.length;
  }

  /** The number of outputs (classes) {@code k}. */
  public int outputs() {
    return b2.length;
  }

  /** The hidden activation {@code g}. */
  public Activation activation() {
    return activation;
  }

  /** The hidden-layer weights {@code W1}, {@code n × h}: the live array, for inspection and gradient checks. */
  public double[][] w1() {
    return w1;
  }

  /** The hidden-layer biases {@code b1}: the live array. */
  public double[] b1() {
    return b1;
  }

  /** The output-layer weights {@code W2}, {@code h × k}: the live array. */
  public double[][] w2() {
    return w2;
  }

  /** The output-layer biases {@code b2}: the live array. */
  public double[] b2() {
    return b2;
  }
}
