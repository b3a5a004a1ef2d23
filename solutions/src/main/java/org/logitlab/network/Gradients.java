package org.logitlab.network;

/**
 * The gradients of the mean cross-entropy of {@link TwoLayerNet}, filled in by
 * {@link OutputLayer#backward} (the {@code 2} fields) and {@link HiddenLayer#backward} (the {@code 1}
 * fields).
 *
 * @param dZ1 {@code ∂J/∂Z1} up to the factor {@code 1/m}: {@code (dZ2·W2ᵀ) ∘ g'(Z1)}, {@code m × h}
 * @param dW1 {@code ∂J/∂W1 = (1/m)·Xᵀ·dZ1}, {@code n × h}
 * @param db1 {@code ∂J/∂b1 = (1/m)·Σᵢ dZ1[i]}, length {@code h}
 * @param dZ2 {@code ∂J/∂Z2} up to the factor {@code 1/m}: {@code A2 − Y}, {@code m × k}
 * @param dW2 {@code ∂J/∂W2 = (1/m)·A1ᵀ·dZ2}, {@code h × k}
 * @param db2 {@code ∂J/∂b2 = (1/m)·Σᵢ dZ2[i]}, length {@code k}
 */
public record Gradients(double[][] dZ1, double[][] dW1, double[] db1, double[][] dZ2, double[][] dW2,
    double[] db2) {

  /**
   * Buffers for the gradients of {@code m} samples through an {@code n-h-k} network.
   *
   * @param m the number of samples in the batch
   * @param inputs the number of inputs {@code n}
   * @param hidden the number of hidden units {@code h}
   * @param outputs the number of classes {@code k}
   * @return zeroed buffers {@code dZ2} ({@code m × k}), {@code dW2} ({@code h × k}), {@code db2}, {@code dZ1}
   *     ({@code m × h}), {@code dW1} ({@code n × h}) and {@code db1}
   */
  public static Gradients allocate(int m, int inputs, int hidden, int outputs) {
    return new Gradients(new double[m][hidden], new double[inputs][hidden], new double[hidden],
        new double[m][outputs], new double[hidden][outputs], new double[outputs]);
  }
}
