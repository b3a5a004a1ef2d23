package org.logitlab.network;

import org.logitlab.activation.Activation;
import org.logitlab.linalg.Matrices;

/**
 * The hidden layer of {@link TwoLayerNet}: {@code Z1 = X·W1 + b1}, {@code A1 = g(Z1)} with
 * {@code g} the sigmoid or tanh.
 *
 * <p>Exercise 6 is {@link #backward} (lesson {@code lessons/06-two-layer-network.md}).
 */
public final class HiddenLayer {

  private HiddenLayer() {}

  /**
   * Fills {@code pass.z1()} and {@code pass.a1()} from the inputs {@code x}.
   *
   * @param x the batch inputs, {@code m × n}
   * @param w1 the hidden-layer weights, {@code n × h}
   * @param b1 the hidden-layer biases, length {@code h}
   * @param g the hidden activation
   * @param pass receives {@code Z1 = X·W1 + b1} and {@code A1 = g(Z1)}, {@code m × h}
   */
  public static void forward(double[][] x, double[][] w1, double[] b1, Activation g, ForwardPass pass) {
    Matrices.affineInto(x, w1, b1, pass.z1());
    g.applyInto(pass.z1(), pass.a1());
  }

  /**
   * Hidden-layer backprop: the output error flows back through {@code W2} and is gated by the
   * activation's slope, {@code dZ1 = (dZ2·W2ᵀ) ∘ g'(Z1)}; then {@code dW1 = (1/m)·Xᵀ·dZ1} and
   * {@code db1 = (1/m)·Σᵢ dZ1[i]}, the same {@code 1/m} as the output layer.
   *
   * <p>In the lecture's column convention this is {@code dZ1 = W2ᵀ·dZ2 ∘ g'(Z1)}; with one sample per
   * row the product is written {@code dZ2·W2ᵀ}.
   *
   * @param x the batch inputs, {@code m × n}
   * @param pass the forward pass of the batch ({@code A1} gives {@code g'(Z1)})
   * @param w2 the output-layer weights, {@code h × k}
   * @param g the hidden activation
   * @param grads holds {@code dZ2} from {@link OutputLayer#backward}; receives {@code dZ1},
   *     {@code dW1} and {@code db1}
   */
  public static void backward(double[][] x, ForwardPass pass, double[][] w2, Activation g, Gradients grads) {
    // BEGIN SOLUTION HIDDEN_BACKPROP
    int m = x.length;
    double[][] dZ1 = grads.dZ1();
    Matrices.multiplyTransposeBInto(grads.dZ2(), w2, dZ1);
    double[][] a1 = pass.a1();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < dZ1[i].length; j++) {
        dZ1[i][j] *= g.derivativeFromOutput(a1[i][j]);
      }
    }
    Matrices.multiplyTransposeAInto(x, dZ1, 1.0 / m, grads.dW1());
    Matrices.columnSumsInto(dZ1, 1.0 / m, grads.db1());
    // END SOLUTION
  }
}
