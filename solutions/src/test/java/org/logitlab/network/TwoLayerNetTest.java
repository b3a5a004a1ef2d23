package org.logitlab.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.logitlab.RandomArrays;
import org.logitlab.activation.Activation;
import org.logitlab.linalg.Matrices;
import org.logitlab.model.MiniBatches;
import org.logitlab.model.TrainingListener;
import org.logitlab.model.TrainingOptions;
import org.logitlab.softmax.OneHot;

class TwoLayerNetTest {

  private final RandomArrays.Blobs blobs = RandomArrays.blobs(3, 20, 4, 41);

  @Test
  void forwardPassHasTheLectureShapes() {
    TwoLayerNet net = new TwoLayerNet(4, 5, 3, Activation.SIGMOID, 1);
    ForwardPass pass = net.forward(blobs.x());
    assertThat(Matrices.shape(pass.z1())).isEqualTo("(60,5)");
    assertThat(Matrices.shape(pass.a1())).isEqualTo("(60,5)");
    assertThat(Matrices.shape(pass.z2())).isEqualTo("(60,3)");
    assertThat(Matrices.shape(pass.a2())).isEqualTo("(60,3)");
    assertThat(pass.samples()).isEqualTo(60);
    for (double[] row : net.predictProba(blobs.x())) {
      assertThat(row[0] + row[1] + row[2]).isCloseTo(1.0, within(1e-12));
    }
  }

  @Test
  void learnsSeparableClassesWithEitherActivation() {
    for (Activation g : Activation.values()) {
      TwoLayerNet net = new TwoLayerNet(4, 8, 3, g, 2);
      double[] costs = net.fit(blobs.x(), blobs.y(), new TrainingOptions(40, 0.5, 10, 3));
      assertThat(costs[39]).as("%s final cost", g).isLessThan(costs[0] / 5);
      assertThat(net.score(blobs.x(), blobs.y())).as("%s accuracy", g).isEqualTo(1.0);
    }
  }

  @Test
  void aFullBatchEpochIsOneStepAgainstTheBackpropGradients() {
    TwoLayerNet trained = new TwoLayerNet(4, 5, 3, Activation.TANH, 7);
    TwoLayerNet reference = new TwoLayerNet(4, 5, 3, Activation.TANH, 7);
    double rate = 0.3;
    double[] costs = trained.fit(blobs.x(), blobs.y(), TrainingOptions.fullBatch(1, rate));

    double[][] y = OneHot.encode(blobs.y(), 3);
    assertThat(costs[0]).isCloseTo(reference.loss(blobs.x(), y), within(1e-12));
    Gradients grads = reference.backward(blobs.x(), reference.forward(blobs.x()), y);
    Matrices.descend(reference.liveW1(), rate, grads.dW1());
    Matrices.descend(reference.liveB1(), rate, grads.db1());
    Matrices.descend(reference.liveW2(), rate, grads.dW2());
    Matrices.descend(reference.liveB2(), rate, grads.db2());
    assertThat(trained.liveW1()).isEqualTo(reference.liveW1());
    assertThat(trained.liveB1()).isEqualTo(reference.liveB1());
    assertThat(trained.liveW2()).isEqualTo(reference.liveW2());
    assertThat(trained.liveB2()).isEqualTo(reference.liveB2());
  }

  @Test
  void batchSizeOneIsTheLecturePerSampleLoopInTheSeededOrder() {
    double[][] x = Matrices.copy(blobs.x());
    TrainingOptions options = new TrainingOptions(2, 0.1, 1, 5);
    TwoLayerNet trained = new TwoLayerNet(4, 5, 3, Activation.SIGMOID, 8);
    trained.fit(x, blobs.y(), options);

    TwoLayerNet loop = new TwoLayerNet(4, 5, 3, Activation.SIGMOID, 8);
    double[][] y = OneHot.encode(blobs.y(), 3);
    MiniBatches order = new MiniBatches(x.length, options);
    for (int epoch = 0; epoch < 2; epoch++) {
      order.shuffle();
      for (int b = 0; b < order.count(); b++) {
        int i = order.sampleIndex(b, 0);
        double[][] xi = {x[i]};
        Gradients g = loop.backward(xi, loop.forward(xi), new double[][] {y[i]});
        Matrices.descend(loop.liveW1(), 0.1, g.dW1());
        Matrices.descend(loop.liveB1(), 0.1, g.db1());
        Matrices.descend(loop.liveW2(), 0.1, g.dW2());
        Matrices.descend(loop.liveB2(), 0.1, g.db2());
      }
    }
    assertThat(trained.liveW1()).isEqualTo(loop.liveW1());
    assertThat(trained.liveB2()).isEqualTo(loop.liveB2());
  }

  @Test
  void perSampleTrainingAllocatesNothingPerBatchOnceItRuns() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM does not count allocations");
    // Sparse inputs, so that each sample has its own blank inputs and rows of W1 left alone.
    double[][] x = RandomArrays.gaussian(60, 40, 1.0, 9);
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < x[i].length; k++) {
        x[i][k] = (i + k) % (2 + i % 5) == 0 ? x[i][k] : 0.0;
      }
    }
    int[] y = RandomArrays.labels(60, 3, 10);
    TwoLayerNet net = new TwoLayerNet(40, 8, 3, Activation.SIGMOID, 1);
    net.fit(x, y, new TrainingOptions(1, 0.1, 1, 1)); // warm-up
    long one = allocatedBy(threads, () -> net.fit(x, y, new TrainingOptions(1, 0.1, 1, 2)));
    long five = allocatedBy(threads, () -> net.fit(x, y, new TrainingOptions(5, 0.1, 1, 2)));
    // The first epoch meets every sample, so every buffer size; the next 4 add only 4 costs to the history.
    assertThat(five - one).as("bytes that 4 more epochs of 60 batches allocate (1 epoch: %d, 5: %d)", one, five)
        .isLessThan(60);
  }

  private static long allocatedBy(ThreadMXBean threads, Runnable work) {
    long before = threads.getCurrentThreadAllocatedBytes();
    work.run();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  @Test
  void theSameSeedsGiveTheSameNetworkAndHistory() {
    TrainingOptions options = new TrainingOptions(3, 0.5, 7, 11);
    TwoLayerNet a = new TwoLayerNet(4, 6, 3, Activation.SIGMOID, 12);
    TwoLayerNet b = new TwoLayerNet(4, 6, 3, Activation.SIGMOID, 12);
    assertThat(a.fit(blobs.x(), blobs.y(), options)).isEqualTo(b.fit(blobs.x(), blobs.y(), options));
    assertThat(a.liveW1()).isEqualTo(b.liveW1());
    TwoLayerNet c = new TwoLayerNet(4, 6, 3, Activation.SIGMOID, 12);
    c.fit(blobs.x(), blobs.y(), new TrainingOptions(3, 0.5, 7, 13));
    assertThat(c.liveW1()).isNotEqualTo(a.liveW1());
    assertThat(new TwoLayerNet(4, 6, 3, Activation.SIGMOID, 14).liveW1()).isNotEqualTo(
        new TwoLayerNet(4, 6, 3, Activation.SIGMOID, 12).liveW1());
  }

  @Test
  void listenerHearsEveryBatchAndEpoch() {
    List<String> events = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onBatch(int epoch, int samplesDone, int samples) {
        events.add("batch " + epoch + " " + samplesDone + "/" + samples);
      }

      @Override
      public void onEpoch(int epoch, double cost, long nanos) {
        assertThat(nanos).isPositive();
        events.add("epoch " + epoch);
      }
    };
    new TwoLayerNet(4, 3, 3, Activation.SIGMOID, 1).fit(blobs.x(), blobs.y(), new TrainingOptions(2, 0.1, 25, 1),
        listener);
    assertThat(events).containsExactly("batch 1 25/60", "batch 1 50/60", "batch 1 60/60", "epoch 1",
        "batch 2 25/60", "batch 2 50/60", "batch 2 60/60", "epoch 2");
  }

  @Test
  void describesItsShape() {
    TwoLayerNet net = new TwoLayerNet(4, 5, 3, Activation.TANH, 1);
    assertThat(net.inputs()).isEqualTo(4);
    assertThat(net.hidden()).isEqualTo(5);
    assertThat(net.outputs()).isEqualTo(3);
    assertThat(net.activation()).isEqualTo(Activation.TANH);
    // N(0, 1/fan_in) initial weights, zero biases.
    assertThat(net.liveB1()).containsOnly(0.0);
    assertThat(java.util.Arrays.stream(net.liveW1()[0]).anyMatch(w -> w != 0.0)).isTrue();
  }

  @Test
  void badInputIsRejectedWithWhatToFix() {
    TwoLayerNet net = new TwoLayerNet(4, 5, 3, Activation.SIGMOID, 1);
    assertThatThrownBy(() -> net.predict(new double[2][5]))
        .hasMessage("x has shape (2,5) but this model takes 4 features per row");
    int[] bad = blobs.y().clone();
    bad[17] = 3;
    assertThatThrownBy(() -> net.fit(blobs.x(), bad, TrainingOptions.fullBatch(1, 0.1)))
        .hasMessage("label at index 17 is 3, outside [0, 3)");
    assertThatThrownBy(() -> net.backward(blobs.x(), net.forward(blobs.x()), new double[60][2]))
        .hasMessage("y has shape (60,2) but (60,3) was expected");
    assertThatThrownBy(() -> new TwoLayerNet(784, 0, 10, Activation.SIGMOID, 1))
        .hasMessage("a network needs at least 1 input, 1 hidden unit and 2 outputs, got 784-0-10");
  }
}
