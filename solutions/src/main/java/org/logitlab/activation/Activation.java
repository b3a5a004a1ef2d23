package org.logitlab.activation;

import java.util.Arrays;
import java.util.Locale;
import org.logitlab.linalg.Matrices;
import org.logitlab.linalg.Parallelism;

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

  /**
   * {@code g(z)}.
   *
   * @param z a pre-activation
   * @return the activation {@code g(z)}
   */
  public abstract double apply(double z);

  /**
   * {@code g'(z)}, given {@code a = g(z)}.
   *
   * @param a the activation's output {@code g(z)}
   * @return the slope {@code g'(z)}, computed from {@code a} alone (no second exponential)
   */
  public abstract double derivativeFromOutput(double a);

  /**
   * {@code g'(z)}.
   *
   * @param z a pre-activation
   * @return the slope {@code g'(z)}
   */
  public double derivative(double z) {
    return derivativeFromOutput(apply(z));
  }

  /** Rows of {@code out = g(Z)}, as a kernel that {@link Parallelism} can split. */
  private final Parallelism.RowKernel applyRows = (z, unused, v, s, out, from, to) -> {
    for (int i = from; i < to; i++) {
      double[] zRow = z[i];
      double[] outRow = out[i];
      for (int j = 0; j < zRow.length; j++) {
        outRow[j] = apply(zRow[j]);
      }
    }
  };

  /**
   * {@code out = g(Z)}, element-wise; {@code out} has the shape of {@code Z} and may be {@code Z}.
   * Large batches are split across {@link Parallelism#threads()} threads.
   *
   * @param z the pre-activations {@code Z}
   * @param out receives {@code g(Z)}, of {@code Z}'s shape
   */
  public void applyInto(double[][] z, double[][] out) {
    if (out.length != z.length) {
      throw new IllegalArgumentException("output has " + out.length + " rows but Z has " + z.length);
    }
    Parallelism.forRows(applyRows, z.length, COST_PER_VALUE * Matrices.cols(z), z, null, null, 0.0, out);
  }

  /** Roughly what one {@code g(z)} costs, in multiply-adds: an exponential is some 20 of them. */
  private static final long COST_PER_VALUE = 20;

  /**
   * The activation with this name, ignoring case ({@code "sigmoid"}, {@code "tanh"}).
   *
   * @param name {@code sigmoid} or {@code tanh}, in any case, surrounding blanks ignored
   * @throws IllegalArgumentException naming the accepted names
   * @return the activation
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
