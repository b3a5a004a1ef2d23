package org.logitlab.network;

import org.logitlab.activation.Softmax;
import org.logitlab.linalg.Matrices;

/**
 * The output layer of {@link TwoLayerNet}: {@code Z2 = A1·W2 + b2}, {@code A2 = softmax(Z2)}, scored
 * by the mean cross-entropy against one-hot targets {@code Y}.
 *
 * <p>Exercise 5 is {@link #backward} (lesson {@code lessons/06-two-layer-network.md}).
 */
public final class OutputLayer {

  private OutputLayer() {}

  /**
   * Fills {@code pass.z2()} and {@code pass.a2()} from {@code pass.a1()}.
   *
   * @param pass holds {@code A1}; receives {@code Z2 = A1·W2 + b2} and {@code A2 = softmax(Z2)}, {@code m × k}
   * @param w2 the output-layer weights, {@code h × k}
   * @param b2 the output-layer biases, length {@code k}
   */
  public static void forward(ForwardPass pass, double[][] w2, double[] b2) {
    Matrices.affineInto(pass.a1(), w2, b2, pass.z2());
    Softmax.rowsInto(pass.z2(), pass.a2());
  }

  /**
   * Output-layer backprop. With softmax and cross-entropy together the error at the scores is
   * simply {@code dZ2 = A2 − Y}; then, over the {@code m} samples of the batch,
   * {@code dW2 = (1/m)·A1ᵀ·dZ2} and {@code db2 = (1/m)·Σᵢ dZ2[i]}.
   *
   * @param pass the forward pass of the batch
   * @param y one-hot targets, {@code m × k}
   * @param grads receives {@code dZ2}, {@code dW2} and {@code db2}
   */
  public static void backward(ForwardPass pass, double[][] y, Gradients grads) {
    // BEGIN SOLUTION OUTPUT_BACKPROP
    int m = y.length;
    Matrices.subtractInto(pass.a2(), y, grads.dZ2());
    Matrices.multiplyTransposeAInto(pass.a1(), grads.dZ2(), 1.0 / m, grads.dW2());
    Matrices.columnSumsInto(grads.dZ2(), 1.0 / m, grads.db2());
    // END SOLUTION
  }
}
