package org.logitlab.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.logitlab.exercise.Exercise.FIT;
import static org.logitlab.exercise.TestMessages.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.logitlab.activation.Activation;
import org.logitlab.data.MnistData;
import org.logitlab.data.MnistFiles;
import org.logitlab.data.MnistLocator;
import org.logitlab.linalg.Matrices;
import org.logitlab.model.TrainingListener;
import org.logitlab.model.TrainingOptions;
import org.logitlab.network.Gradients;
import org.logitlab.network.TwoLayerNet;

/**
 * Exercise 7: {@code TwoLayerNet.fit(double[][], int[], TrainingOptions, TrainingListener)}. It trains
 * through Exercises 3 to 6, so finish those first. Run with {@code ./mvnw test -Dtest=Exercise7FitTest}.
 */
class Exercise7FitTest {

  private final double[][] x = Fixtures.blobs();
  private final int[] y = Fixtures.blobLabels();

  private static TwoLayerNet net(long seed) {
    return new TwoLayerNet(4, 8, 3, Activation.TANH, seed);
  }

  @Test
  void learnsThreeSeparableClasses() {
    TwoLayerNet net = net(1);
    double[] costs = net.fit(x, y, new TrainingOptions(30, 0.5, 10, 2));
    assertThat(costs.length).as(FIT.about(text("fit.learns", "what", text("fit.learns.costs")))).isEqualTo(30);
    assertThat(costs[29]).as(FIT.about(text("fit.learns", "what", text("fit.learns.lastCost", "fifth", costs[0] / 5))))
        .isLessThan(costs[0] / 5);
    assertThat(net.score(x, y)).as(FIT.about(text("fit.learns", "what", text("fit.learns.accuracy")))).isEqualTo(1.0);
  }

  @Test
  void aFullBatchEpochIsOneGradientStep() {
    TwoLayerNet trained = net(3);
    TwoLayerNet stepped = net(3);
    double rate = 0.3;
    double[] costs = trained.fit(x, y, TrainingOptions.fullBatch(1, rate));

    double[][] targets = Fixtures.oneHot(y, 3);
    double before = stepped.loss(x, targets);
    Gradients g = stepped.backward(x, stepped.forward(x), targets);
    Matrices.descend(stepped.liveW1(), rate, g.dW1());
    Matrices.descend(stepped.liveB1(), rate, g.db1());
    Matrices.descend(stepped.liveW2(), rate, g.dW2());
    Matrices.descend(stepped.liveB2(), rate, g.db2());
    assertThat(costs[0]).as(FIT.about(text("fit.oneStep", "what", text("fit.oneStep.cost")))).isCloseTo(before,
        org.assertj.core.api.Assertions.within(1e-12));
    assertThat(trained.liveW1()).as(FIT.about(text("fit.oneStep", "what", "W1"))).isDeepEqualTo(stepped.liveW1());
    assertThat(trained.liveB1()).as(FIT.about(text("fit.oneStep", "what", "b1"))).containsExactly(stepped.liveB1());
    assertThat(trained.liveW2()).as(FIT.about(text("fit.oneStep", "what", "W2"))).isDeepEqualTo(stepped.liveW2());
    assertThat(trained.liveB2()).as(FIT.about(text("fit.oneStep", "what", "b2"))).containsExactly(stepped.liveB2());
  }

  @Test
  void theSameSeedGivesTheSameResultAndAnotherSeedShufflesDifferently() {
    TwoLayerNet a = net(4);
    TwoLayerNet b = net(4);
    TwoLayerNet c = net(4);
    double[] costsA = a.fit(x, y, new TrainingOptions(3, 0.2, 7, 11));
    double[] costsB = b.fit(x, y, new TrainingOptions(3, 0.2, 7, 11));
    c.fit(x, y, new TrainingOptions(3, 0.2, 7, 12));
    assertThat(costsB).as(FIT.about(text("fit.sameSeed", "what", text("fit.sameSeed.costs")))).containsExactly(costsA);
    assertThat(b.liveW1()).as(FIT.about(text("fit.sameSeed", "what", "W1"))).isDeepEqualTo(a.liveW1());
    assertThat(c.liveW1()).as(FIT.about(text("fit.otherSeed"))).isNotEqualTo(a.liveW1());
  }

  @Test
  void everyEpochShufflesAgain() {
    TwoLayerNet twoEpochs = net(6);
    TwoLayerNet oneEpochTwice = net(6);
    twoEpochs.fit(x, y, new TrainingOptions(2, 0.2, 7, 13));
    oneEpochTwice.fit(x, y, new TrainingOptions(1, 0.2, 7, 13));
    oneEpochTwice.fit(x, y, new TrainingOptions(1, 0.2, 7, 13));
    // Two 1-epoch fits with one seed visit the batches in the same order twice; a 2-epoch fit must not.
    assertThat(twoEpochs.liveW1()).as(FIT.about(text("fit.everyEpoch"))).isNotEqualTo(oneEpochTwice.liveW1());
  }

  @Test
  void leavesTheTrainingDataAlone() {
    double[][] data = Fixtures.copy(x);
    int[] labels = y.clone();
    net(8).fit(data, labels, new TrainingOptions(2, 0.2, 7, 1));
    assertThat(data).as(FIT.about(text("fit.untouched.x"))).isDeepEqualTo(x);
    assertThat(labels).as(FIT.about(text("fit.untouched.labels"))).containsExactly(y);
  }

  @Test
  void tellsTheListenerAboutEveryEpoch() {
    List<Double> reported = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onEpoch(int epoch, double cost, long nanos) {
        reported.add(cost);
      }
    };
    double[] costs = net(5).fit(x, y, new TrainingOptions(4, 0.2, 16, 1), listener);
    assertThat(reported).as(FIT.about(text("fit.listener")))
        .containsExactly(costs[0], costs[1], costs[2], costs[3]);
  }

  @Test
  void reachesNinetyPercentOnMnist() throws Exception {
    Optional<MnistFiles> files = MnistLocator.fromEnvironment().findOffline();
    Assumptions.assumeTrue(files.isPresent(), text("fit.mnistMissing"));
    MnistData mnist = MnistData.read(files.get());
    TwoLayerNet net = new TwoLayerNet(784, 64, 10, Activation.TANH, 7);
    net.fit(mnist.train().x(), mnist.train().y(), new TrainingOptions(3, 0.1, 32, 7));
    assertThat(net.score(mnist.test().x(), mnist.test().y()))
        .as(FIT.about(text("fit.mnist")))
        .isGreaterThanOrEqualTo(0.90);
  }
}
