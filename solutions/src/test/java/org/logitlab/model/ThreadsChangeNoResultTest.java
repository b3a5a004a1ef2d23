package org.logitlab.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.logitlab.RandomArrays;
import org.logitlab.activation.Activation;
import org.logitlab.linalg.Parallelism;
import org.logitlab.network.TwoLayerNet;
import org.logitlab.softmax.SoftmaxRegression;

/** Training with two or three threads gives the same parameters, to the last bit, as with one. */
class ThreadsChangeNoResultTest {

  private static final int SAMPLES = 150;
  private static final int FEATURES = 120;
  private static final int[] LABELS = RandomArrays.labels(SAMPLES, 5, 2);
  private static final double[][] X = sparseInputs();

  /** Most inputs exactly 0, like MNIST's blank pixels, so the zero-skipping paths run too. */
  private static double[][] sparseInputs() {
    double[][] x = RandomArrays.gaussian(SAMPLES, FEATURES, 1, 1);
    for (int i = 0; i < SAMPLES; i++) {
      for (int j = 0; j < FEATURES; j++) {
        if ((i * 7 + j * 3) % 5 < 3) {
          x[i][j] = 0.0;
        }
      }
    }
    return x;
  }

  @AfterEach
  void backToOneThread() {
    Parallelism.setThreads(1);
  }

  private static <T> T trainedWith(int threads, Function<TrainingOptions, T> training, int batchSize) {
    Parallelism.setThreads(threads);
    return training.apply(new TrainingOptions(2, 0.3, batchSize, 9));
  }

  @ParameterizedTest(name = "batch size {0}")
  @ValueSource(ints = {1, 32, 0})
  void twoLayerNet(int batchSize) {
    for (Activation g : Activation.values()) {
      Function<TrainingOptions, TwoLayerNet> training = options -> {
        TwoLayerNet net = new TwoLayerNet(FEATURES, 40, 5, g, 4);
        net.fit(X, LABELS, options);
        return net;
      };
      TwoLayerNet one = trainedWith(1, training, batchSize);
      for (int threads : new int[] {2, 3}) {
        TwoLayerNet many = trainedWith(threads, training, batchSize);
        String what = g + ", batch " + batchSize + ", " + threads + " threads against 1";
        assertThat(many.liveW1()).as("W1, %s", what).isDeepEqualTo(one.liveW1());
        assertThat(many.liveB1()).as("b1, %s", what).containsExactly(one.liveB1());
        assertThat(many.liveW2()).as("W2, %s", what).isDeepEqualTo(one.liveW2());
        assertThat(many.liveB2()).as("b2, %s", what).containsExactly(one.liveB2());
        assertThat(many.predictProba(X)).as("probabilities, %s", what).isDeepEqualTo(one.predictProba(X));
      }
    }
  }

  @ParameterizedTest(name = "batch size {0}")
  @ValueSource(ints = {1, 32, 0})
  void softmaxRegression(int batchSize) {
    Function<TrainingOptions, SoftmaxRegression> training = options -> {
      SoftmaxRegression model = SoftmaxRegression.zeros(FEATURES, 5);
      model.fit(X, LABELS, options);
      return model;
    };
    SoftmaxRegression one = trainedWith(1, training, batchSize);
    SoftmaxRegression two = trainedWith(2, training, batchSize);
    assertThat(two.weights()).as("W, batch %d, 2 threads against 1", batchSize).isDeepEqualTo(one.weights());
    assertThat(two.biases()).as("b").containsExactly(one.biases());
  }
}
