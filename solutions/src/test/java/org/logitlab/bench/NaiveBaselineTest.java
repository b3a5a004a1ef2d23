package org.logitlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.logitlab.activation.Activation;
import org.logitlab.model.TrainingOptions;
import org.logitlab.network.TwoLayerNet;

/** The fast path (the reference's fit) and the plain path (textbook loops) train to the same bits. */
class NaiveBaselineTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 0})
  void fastAndPlainPathsGiveIdenticalWeights(int batchSize) {
    Random random = new Random(3);
    double[][] x = new double[40][30];
    int[] y = new int[40];
    for (int i = 0; i < x.length; i++) {
      y[i] = random.nextInt(4);
      for (int j = 0; j < 30; j++) {
        // Sparse like MNIST: most inputs exactly 0, which the fast path skips.
        x[i][j] = random.nextDouble() < 0.7 ? 0.0 : random.nextDouble();
      }
    }
    TrainingOptions options = new TrainingOptions(2, 0.5, batchSize, 11);
    for (Activation g : Activation.values()) {
      TwoLayerNet fast = new TwoLayerNet(30, 12, 4, g, 5);
      NaiveTwoLayerNet plain = new NaiveTwoLayerNet(fast);
      fast.fit(x, y, options);
      plain.fit(x, y, options);
      assertThat(plain.w1).as("W1, %s, batch %d", g, batchSize).isDeepEqualTo(fast.w1());
      assertThat(plain.b1).as("b1").containsExactly(fast.b1());
      assertThat(plain.w2).as("W2").isDeepEqualTo(fast.w2());
      assertThat(plain.b2).as("b2").containsExactly(fast.b2());
    }
  }
}
