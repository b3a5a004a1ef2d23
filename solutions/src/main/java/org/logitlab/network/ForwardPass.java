package org.logitlab.network;

/**
 * The intermediate values of one forward pass through {@link TwoLayerNet}, one row per sample; kept
 * because backprop needs them.
 *
 * @param z1 hidden pre-activations {@code Z1 = X·W1 + b1}, {@code m × h}
 * @param a1 hidden activations {@code A1 = g(Z1)}, {@code m × h}
 * @param z2 output scores (logits) {@code Z2 = A1·W2 + b2}, {@code m × k}
 * @param a2 output probabilities {@code A2 = softmax(Z2)}, {@code m × k}
 */
public record ForwardPass(double[][] z1, double[][] a1, double[][] z2, double[][] a2) {

  /**
   * Buffers for a forward pass of {@code m} samples through an {@code n-h-k} network.
   *
   * @param m the number of samples in the batch
   * @param hidden the number of hidden units {@code h}
   * @param outputs the number of classes {@code k}
   * @return zeroed buffers {@code Z1}, {@code A1} ({@code m × h}), {@code Z2}, {@code A2} ({@code m × k})
   */
  public static ForwardPass allocate(int m, int hidden, int outputs) {
    return new ForwardPass(new double[m][hidden], new double[m][hidden], new double[m][outputs],
        new double[m][outputs]);
  }

  /**
   * The number of samples {@code m}.
   *
   * @return the number of rows of every buffer
   */
  public int samples() {
    return z1.length;
  }
}
