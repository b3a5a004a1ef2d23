package org.logitlab.activation;

import java.util.Arrays;
import java.util.Locale;

/**
 * The hidden-layer activation {@code g} of the two-layer network, with its derivative {@code g'}.
 *
 * <p>Backprop needs {@code g'(Z1)}. Both activations here can compute it from the layer's output
 * {@code A1 = g(Z1)} alone, which is cheaper than evaluating {@code g} again:
 * {@code σ'(z) = a·(1 − a)} and {@code tanh'(z) = 1 − a²}.
 */
public enum Activation {

  /** The logistic sigmoid, output in {@code (0, 1)}. */
  SIGMOID {
    @Override
    public double apply(double z) {
      return Sigmoid.apply(z);
    }

    @Override
    public double derivativeFromOutput(double a) {
      return a * (1.0 - a);
    }
  },

  /** The hyperbolic tangent, output in {@code (−1, 1)}, centred on zero. */
  TANH {
    @Override
    public double apply(double z) {
      return Math.tanh(z);
    }

    @Override
    public double derivativeFromOutput(double a) {
      return 1.0 - a * a;
    }
  };

  /** {@code g(z)}. */
  public abstract double apply(double z);

  /** {@code g'(z)}, given {@code a = g(z)}. */
  public abstract double derivativeFromOutput(double a);

  /** {@code g'(z)}. */
  public double derivative(double z) {
    return derivativeFromOutput(apply(z));
  }

  /** {@code out = g(Z)}, element-wise; {@code out} has the shape of {@code Z} and may be {@code Z}. */
  public void applyInto(double[][] z, double[][] out) {
    for (int i = 0; i < z.length; i++) {
      double[] zRow = z[i];
      double[] outRow = out[i];
      for (int j = 0; j < zRow.length; j++) {
        outRow[j] = apply(zRow[j]);
      }
    }
  }

  /**
   * The activation with this name, ignoring case ({@code "sigmoid"}, {@code "tanh"}).
   *
   * @throws IllegalArgumentException naming the accepted names
   */
  public static Activation parse(String name) {
    for (Activation a : values()) {
      if (a.name().equalsIgnoreCase(name.trim())) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown activation '" + name + "'; use one of "
        + Arrays.stream(values()).map(a -> a.name().toLowerCase(Locale.ROOT)).toList());
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
