package org.logitlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.logitlab.activation.Activation;
import org.logitlab.model.TrainingOptions;
import org.logitlab.network.TwoLayerNet;

/**
 * The fast path (the reference's fit) and the plain path (textbook loops) train to the same bits.
 *
 * <p>The kernels of the fast path skip zero inputs, add four samples at a time, take three rows at a
 * time where the inputs are dense, and leave the rows of {@code W1} of blank inputs alone; the data
 * here have samples with no non-zero input, a few, and nearly all, and batch sizes either side of
 * three, four and eight.
 */
class NaiveBaselineTest {

  private static final int INPUTS = 80;
  /** Inputs from here on are 0 in every sample. */
  private static final int USED_INPUTS = 70;
  /**
   * Non-zero inputs per sample: none, one, on and just either side of multiples of 16 (the kernels
   * add four non-zero inputs at a time), and nearly all of them.
   */
  private static final int[] NON_ZEROS = {0, 1, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65, USED_INPUTS};

  @ParameterizedTest(name = "batch size {0}")
  @ValueSource(ints = {1, 2, 7, 8, 9, 0})
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
    assertTrainsLikeThePlainPath(x, y, new TrainingOptions(2, 0.5, batchSize, 11), 12);
  }

  /**
   * Batch size 1 puts each count of {@link #NON_ZEROS} in a batch of its own; larger batches take
   * unions of them, and a smaller last batch (45 samples: batch 2, 8, 11) has buffers of its own.
   * Three epochs reuse each buffer for batches of different inputs.
   */
  @ParameterizedTest(name = "batch size {0}")
  @ValueSource(ints = {1, 2, 5, 8, 11, 0})
  void sparseInputsAroundThePaddingBlocksTrainLikeThePlainPath(int batchSize) {
    Random random = new Random(17);
    List<Integer> columns = new ArrayList<>();
    for (int k = 0; k < USED_INPUTS; k++) {
      columns.add(k);
    }
    double[][] x = new double[3 * NON_ZEROS.length][INPUTS];
    int[] y = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = random.nextInt(4);
      for (int k = 0; k < INPUTS; k++) {
        x[i][k] = random.nextInt(5) == 0 ? -0.0 : 0.0; // -0.0 is 0 too: it adds nothing either
      }
      Collections.shuffle(columns, random);
      for (int k : columns.subList(0, NON_ZEROS[i % NON_ZEROS.length])) {
        x[i][k] = (random.nextBoolean() ? 1 : -1) * (0.1 + random.nextDouble());
      }
    }
    assertTrainsLikeThePlainPath(x, y, new TrainingOptions(3, 0.5, batchSize, 5), 9);
  }

  /**
   * Dense like Fashion-MNIST: a quarter to a half of each sample's inputs not 0, in one run (an
   * image's ink is in one piece), so that the products take three samples, or three neighbouring
   * inputs, at a time; batch sizes either side of multiples of three.
   */
  @ParameterizedTest(name = "batch size {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 31, 32, 33})
  void denseInputsTrainLikeThePlainPath(int batchSize) {
    Random random = new Random(23);
    double[][] x = new double[70][INPUTS];
    int[] y = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = random.nextInt(4);
      int start = random.nextInt(INPUTS / 2);
      int end = start + INPUTS / 4 + random.nextInt(INPUTS / 4);
      for (int k = start; k < end; k++) {
        x[i][k] = random.nextDouble();
      }
    }
    assertTrainsLikeThePlainPath(x, y, new TrainingOptions(2, 0.5, batchSize, 7), 12);
  }

  /**
   * Trains both paths with each activation, and checks every parameter, and that the inputs 0 in
   * every sample kept their weights.
   */
  private static void assertTrainsLikeThePlainPath(double[][] x, int[] y, TrainingOptions options,
      int hidden) {
    int n = x[0].length;
    for (Activation g : Activation.values()) {
      TwoLayerNet fast = new TwoLayerNet(n, hidden, 4, g, 5);
      NaiveTwoLayerNet plain = new NaiveTwoLayerNet(fast);
      NaiveTwoLayerNet start = new NaiveTwoLayerNet(fast);
      fast.fit(x, y, options);
      plain.fit(x, y, options);
      String run = g + ", batch size " + options.batchSize();
      assertThat(plain.w1).as("W1, %s", run).isDeepEqualTo(fast.liveW1());
      assertThat(plain.b1).as("b1, %s", run).containsExactly(fast.liveB1());
      assertThat(plain.w2).as("W2, %s", run).isDeepEqualTo(fast.liveW2());
      assertThat(plain.b2).as("b2, %s", run).containsExactly(fast.liveB2());
      for (int k = 0; k < n; k++) {
        if (unused(x, k)) {
          assertThat(fast.liveW1()[k]).as("W1 row %d, of an input 0 in every sample, %s", k, run)
              .containsExactly(start.w1[k]);
        } else {
          assertThat(fast.liveW1()[k]).as("W1 row %d, of a used input, %s", k, run).isNotEqualTo(start.w1[k]);
        }
      }
    }
  }

  private static boolean unused(double[][] x, int k) {
    for (double[] row : x) {
      if (row[k] != 0.0) {
        return false;
      }
    }
    return true;
  }
}
