package org.logitlab.grader.hidden;

import java.util.Random;
import org.logitlab.activation.Activation;
import org.logitlab.network.ForwardPass;
import org.logitlab.network.Gradients;
import org.logitlab.reference.linalg.Matrices;
import org.logitlab.reference.loss.CrossEntropy;

/**
 * A random batch through a small two-layer network, for the backprop suites. Everything but the
 * student's backward step is computed by the reference ({@code org.logitlab.reference}): the forward
 * pass, the one-hot targets, {@code dZ2} for the hidden layer and the loss of the gradient checks.
 * The parameter arrays are live: the loss reads them on every call, so a gradient check can nudge them.
 *
 * @param name e.g. "random batch #3 of seed 0 (5 samples, 4-6-3 network, tanh)"
 * @param x inputs, {@code m × n}, N(0, 0.5²)
 * @param w1 hidden weights, {@code n × h}, N(0, 1/n)
 * @param b1 hidden biases, N(0, 0.5²)
 * @param w2 output weights, {@code h × k}, N(0, 1/h)
 * @param b2 output biases, N(0, 0.5²)
 * @param y one-hot targets, {@code m × k}
 * @param g the hidden activation
 */
record NetworkCase(String name, double[][] x, double[][] w1, double[] b1, double[][] w2, double[] b2, double[][] y,
    Activation g) {

  /**
   * The spread of the inputs. The centered difference's truncation error grows with the third
   * derivative of the loss, of the order of |x|³ for W1; at N(0, 0.5²) the reference's worst relative
   * error over 300,000 random cases is 6.5e-8 (rounding noise), against up to 1.7e-7 at N(0, 1).
   */
  private static final double INPUT_SD = 0.5;

  /** A batch of 2 to 8 samples through an n-h-k network with n in [1, 5], h in [1, 6], k in [2, 5]. */
  static NetworkCase draw(Random random, int index, Activation g) {
    int m = RandomInputs.between(random, 2, 8);
    int n = RandomInputs.between(random, 1, 5);
    int h = RandomInputs.between(random, 1, 6);
    int k = RandomInputs.between(random, 2, 5);
    return draw(random, index, g, m, n, h, k);
  }

  /** A batch of {@code m} samples through an {@code n-h-k} network. */
  static NetworkCase draw(Random random, int index, Activation g, int m, int n, int h, int k) {
    int[] labels = RandomInputs.labels(random, m, k);
    return new NetworkCase(
        Checks.text("network.batch", "case", RandomInputs.caseOf(index), "samples", m, "inputs", n, "hidden", h,
            "outputs", k, "activation", g),
        RandomInputs.gaussian(random, m, n, INPUT_SD), RandomInputs.gaussian(random, n, h, Math.sqrt(1.0 / n)),
        RandomInputs.gaussian(random, h, 0.5), RandomInputs.gaussian(random, h, k, Math.sqrt(1.0 / h)),
        RandomInputs.gaussian(random, k, 0.5), org.logitlab.reference.softmax.OneHot.encode(labels, k), g);
  }

  /** {@code "backward on <name>"}: the student's backward step on this batch. */
  String backwardOn() {
    return Checks.text("backward.on", "batch", name);
  }

  /** {@code "backward on <name> into buffers filled with NaN beforehand"}. */
  String backwardOn(double stale) {
    return Checks.text("backward.stale", "batch", name, "stale", stale);
  }

  int samples() {
    return x.length;
  }

  int inputs() {
    return w1.length;
  }

  int hidden() {
    return b1.length;
  }

  int outputs() {
    return b2.length;
  }

  /** The reference activation of the same name. */
  org.logitlab.reference.activation.Activation referenceActivation() {
    return org.logitlab.reference.activation.Activation.valueOf(g.name());
  }

  /** The reference forward pass at the current parameters. */
  org.logitlab.reference.network.ForwardPass referenceForward() {
    var pass = org.logitlab.reference.network.ForwardPass.allocate(samples(), hidden(), outputs());
    org.logitlab.reference.network.HiddenLayer.forward(x, w1, b1, referenceActivation(), pass);
    org.logitlab.reference.network.OutputLayer.forward(pass, w2, b2);
    return pass;
  }

  /** The reference forward pass, copied into the student API's record. */
  ForwardPass forward() {
    var pass = referenceForward();
    return new ForwardPass(RandomInputs.copy(pass.z1()), RandomInputs.copy(pass.a1()), RandomInputs.copy(pass.z2()),
        RandomInputs.copy(pass.a2()));
  }

  /** The mean cross-entropy at the current parameters, by the reference, from the logits. */
  double loss() {
    var z1 = Matrices.affine(x, w1, b1);
    referenceActivation().applyInto(z1, z1);
    return CrossEntropy.fromLogits(Matrices.affine(z1, w2, b2), y);
  }

  /** Gradient buffers for the student, filled with {@code stale} (e.g. NaN, or 0). */
  Gradients buffers(double stale) {
    int m = samples();
    return new Gradients(RandomInputs.filled(m, hidden(), stale), RandomInputs.filled(inputs(), hidden(), stale),
        RandomInputs.filled(1, hidden(), stale)[0], RandomInputs.filled(m, outputs(), stale),
        RandomInputs.filled(hidden(), outputs(), stale), RandomInputs.filled(1, outputs(), stale)[0]);
  }

  /** The reference gradients of the batch: output layer, then hidden layer. */
  org.logitlab.reference.network.Gradients referenceGradients() {
    var pass = referenceForward();
    var grads = org.logitlab.reference.network.Gradients.allocate(samples(), inputs(), hidden(), outputs());
    org.logitlab.reference.network.OutputLayer.backward(pass, y, grads);
    org.logitlab.reference.network.HiddenLayer.backward(x, pass, w2, referenceActivation(), grads);
    return grads;
  }

  /**
   * The magnitudes of the gradients' sums (see {@link Compare}): the same backprop run on absolute
   * values, {@code |A2| + |Y|} in place of {@code A2 − Y} (so that a student who recomputes {@code A2}
   * and rounds it differently is not blamed where {@code A2 ≈ Y}), {@code |A1|}, {@code |W2|},
   * {@code |X|}. The slope {@code g'} is never negative, for the sigmoid ({@code a(1 − a)}) as for
   * tanh ({@code 1 − a²}).
   */
  org.logitlab.reference.network.Gradients magnitudes() {
    var pass = referenceForward();
    double[][] error = Compare.abs(pass.a2());
    for (int i = 0; i < error.length; i++) {
      for (int j = 0; j < error[i].length; j++) {
        error[i][j] += Math.abs(y[i][j]);
      }
    }
    var abs = new org.logitlab.reference.network.ForwardPass(pass.z1(), Compare.abs(pass.a1()), pass.z2(), error);
    var grads = org.logitlab.reference.network.Gradients.allocate(samples(), inputs(), hidden(), outputs());
    org.logitlab.reference.network.OutputLayer.backward(abs, new double[samples()][outputs()], grads);
    var slopes = new org.logitlab.reference.network.ForwardPass(pass.z1(), pass.a1(), pass.z2(), pass.a2());
    org.logitlab.reference.network.HiddenLayer.backward(Compare.abs(x), slopes, Compare.abs(w2),
        referenceActivation(), grads);
    return grads;
  }
}
