package org.logitlab.grader.hidden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.logitlab.exercise.Exercise.FIT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.logitlab.activation.Activation;
import org.logitlab.model.TrainingListener;
import org.logitlab.model.TrainingOptions;
import org.logitlab.network.TwoLayerNet;

/**
 * Exercise 7, {@code TwoLayerNet.fit(x, labels, options, listener)}: it learns separable classes; its
 * cost history has one entry per epoch, the loss before the step, weighted by batch size; a full-batch
 * epoch is exactly one gradient step on every weight and bias; the same seed repeats a run and
 * another seed (or another epoch) shuffles differently; a last, smaller batch is trained on; the
 * listener hears every batch and epoch.
 *
 * <p>The student's class is the whole file {@code TwoLayerNet.java}, so nothing of it but {@code fit}
 * (and the constructor and the weight accessors) is trusted: losses, predictions and expected steps
 * come from a reference network ({@code org.logitlab.reference}) given the student's weights. The
 * order in which a correct {@code fit} shuffles is free: with batch 1 the reference replays every
 * order, and the student's weights tell which one it took.
 */
@DisplayNameGeneration(CheckNames.class)
@ExtendWith(Diagnosed.Reporter.class)
public class FitSuite {

  /** A labelled data set. */
  private record Data(String name, double[][] x, int[] labels, int classes) {

    /** m points around k random centres N(0, 2²) in n dimensions, with N(0, 1) noise. */
    static Data blobs(Random random, String name, int m, int n, int k) {
      double[][] centres = RandomInputs.gaussian(random, k, n, 2.0);
      int[] labels = RandomInputs.labels(random, m, k);
      double[][] x = RandomInputs.gaussian(random, m, n, 1.0);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          x[i][j] += centres[labels[i]][j];
        }
      }
      return new Data(Checks.text("fit.data", "name", name, "points", m, "features", n, "classes", k), x, labels, k);
    }

    double[][] oneHot() {
      return org.logitlab.reference.softmax.OneHot.encode(labels, classes);
    }

    int samples() {
      return x.length;
    }

    int features() {
      return x[0].length;
    }
  }

  /** A student network on random data, with the activation alternating by case. */
  private record Setup(Data data, TwoLayerNet net, Activation g, String name) {

    static Setup draw(Random random, int c, int m) {
      int n = RandomInputs.between(random, 2, 5);
      int h = RandomInputs.between(random, 2, 6);
      int k = RandomInputs.between(random, 2, 4);
      Activation g = c % 2 == 0 ? Activation.TANH : Activation.SIGMOID;
      Data data = Data.blobs(random, Checks.text("fit.randomData", "case", RandomInputs.caseOf(c)), m, n, k);
      TwoLayerNet net = new TwoLayerNet(n, h, k, g, random.nextLong());
      return new Setup(data, net, g, Checks.text("fit.setup", "data", data.name(), "inputs", n, "hidden", h, "outputs",
          k, "activation", g));
    }
  }

  /** A reference network with the student network's current weights and biases (copies). */
  private static org.logitlab.reference.network.TwoLayerNet twin(TwoLayerNet net, Activation g) {
    var reference = new org.logitlab.reference.network.TwoLayerNet(net.liveW1().length, net.liveB1().length,
        net.liveB2().length, org.logitlab.reference.activation.Activation.valueOf(g.name()), 0L);
    copyInto(net.liveW1(), reference.liveW1());
    System.arraycopy(net.liveB1(), 0, reference.liveB1(), 0, reference.liveB1().length);
    copyInto(net.liveW2(), reference.liveW2());
    System.arraycopy(net.liveB2(), 0, reference.liveB2(), 0, reference.liveB2().length);
    return reference;
  }

  private static void copyInto(double[][] from, double[][] to) {
    for (int i = 0; i < to.length; i++) {
      System.arraycopy(from[i], 0, to[i], 0, to[i].length);
    }
  }

  private static org.logitlab.reference.model.TrainingOptions reference(TrainingOptions o) {
    return new org.logitlab.reference.model.TrainingOptions(o.epochs(), o.learningRate(), o.batchSize(), o.seed());
  }

  /** {@code "fit on <data>, 2 epochs, batch 8, lr 0.5, shuffle seed 42"}. */
  private static String fitOn(String data, TrainingOptions options) {
    return Checks.text("fit.on", "data", data, "options", Checks.options(options));
  }

  /**
   * How long one call of the student's fit may take here. The reference needs a few milliseconds on
   * these small data sets; a fit that has not returned after 5 s is stuck, and the test fails at once
   * with that message instead of waiting for the class timeout.
   */
  private static final Duration FIT_DEADLINE = Duration.ofSeconds(5);

  /** The student's fit on copies of the data, within {@link #FIT_DEADLINE}. */
  private static double[] fit(TwoLayerNet net, Data data, TrainingOptions options, TrainingListener listener) {
    return fit(net, data, RandomInputs.copy(data.x()), data.labels().clone(), options, listener);
  }

  /** The student's fit on {@code x} and {@code labels} (the data set's, or copies), within {@link #FIT_DEADLINE}. */
  private static double[] fit(TwoLayerNet net, Data data, double[][] x, int[] labels, TrainingOptions options,
      TrainingListener listener) {
    return assertTimeoutPreemptively(FIT_DEADLINE,
        () -> net.fit(x, labels, options, listener),
        () -> FIT.about(Checks.text("fit.tooSlow", "data", data.name(), "options", Checks.options(options), "seconds",
            FIT_DEADLINE.toSeconds())));
  }

  private static double[] fit(TwoLayerNet net, Data data, TrainingOptions options) {
    return fit(net, data, options, TrainingListener.NONE);
  }

  @Test
  void learnsSeparableClasses() {
    Random random = RandomInputs.random(701);
    for (int c = 1; c <= 3; c++) {
      // Three clusters at ±4·e₀ and 4·e₁ in 4 dimensions (5.7 or more apart), noise N(0, 0.5²).
      int[] labels = RandomInputs.labels(random, 90, 3);
      double[][] x = RandomInputs.gaussian(random, 90, 4, 0.5);
      for (int i = 0; i < 90; i++) {
        x[i][labels[i] / 2] += labels[i] == 1 ? -4 : 4;
      }
      Data data = new Data(Checks.text("fit.clusters", "classes", 3, "case", RandomInputs.caseOf(c), "points", 90,
          "features", 4), x, labels, 3);
      TwoLayerNet net = new TwoLayerNet(4, 8, 3, Activation.TANH, random.nextLong());
      TrainingOptions options = new TrainingOptions(40, 0.5, 10, random.nextLong());
      double[] costs = fit(net, data, options);
      String input = Checks.text("fit.onNetwork", "data", data.name(), "network", "4-8-3 tanh", "options",
          Checks.options(options));
      assertThat(costs).as(FIT.about(Checks.text("fit.historyPerEpoch", "input", input))).hasSize(40);
      assertThat(costs[39]).as(FIT.about(Checks.text("fit.lastCost", "input", input, "fifth", costs[0] / 5)))
          .isLessThan(costs[0] / 5);
      assertThat(twin(net, Activation.TANH).score(data.x(), data.labels()))
          .as(FIT.about(Checks.text("fit.accuracy", "input", input))).isEqualTo(1.0);
    }
  }

  @Test
  void theCostHistoryIsTheLossBeforeEachStep() {
    Random random = RandomInputs.random(702);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      Setup setup = Setup.draw(random, c, RandomInputs.between(random, 8, 30));
      var expected = twin(setup.net(), setup.g());
      // A batch at least as large as the data set is one batch: full-batch gradient descent.
      TrainingOptions options = new TrainingOptions(3, RandomInputs.uniform(random, 0.1, 1.0),
          setup.data().samples() + random.nextInt(5), random.nextLong());
      double[] costs = fit(setup.net(), setup.data(), options);
      double[] expectedCosts = expected.fit(setup.data().x(), setup.data().labels(), reference(options));
      String input = fitOn(setup.name(), options);
      assertThat(costs).as(FIT.about(Checks.text("fit.history", "input", input))).hasSize(3);
      for (int e = 0; e < 3; e++) {
        // The mean cross-entropy from probabilities or from logits agrees within ~1e-15 relative.
        assertThat(costs[e]).as(FIT.about(Checks.text("fit.epochCost", "input", input, "epoch", e + 1)))
            .isCloseTo(expectedCosts[e], within(1e-12 * expectedCosts[e]));
      }
    }
  }

  @Test
  void theEpochCostIsTheSizeWeightedMeanOfTheBatchCosts() {
    Random random = RandomInputs.random(703);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      int batch = RandomInputs.between(random, 3, 8);
      int m = batch * RandomInputs.between(random, 2, 5) + RandomInputs.between(random, 1, batch - 1);
      Setup setup = Setup.draw(random, c, m);
      double loss = twin(setup.net(), setup.g()).loss(setup.data().x(), setup.data().oneHot());
      // lr 1e-9 leaves the weights within ~1e-8 of where they started, so each batch cost is the
      // batch's loss at the start, and their size-weighted mean is the loss of the whole set. An
      // unweighted mean, a sum, a skipped batch or the cost after the step are off by 1e-3 or more.
      TrainingOptions options = new TrainingOptions(3, 1e-9, batch, random.nextLong());
      double[] costs = fit(setup.net(), setup.data(), options);
      String input = Checks.text("fit.lastBatch", "input", fitOn(setup.name(), options), "size", m % batch);
      assertThat(costs).as(FIT.about(Checks.text("fit.history", "input", input))).hasSize(3);
      for (int e = 0; e < 3; e++) {
        assertThat(costs[e]).as(FIT.about(Checks.text("fit.epochCostAgainstLoss", "input", input, "epoch", e + 1)))
            .isCloseTo(loss, within(1e-6 * loss));
      }
    }
  }

  @Test
  void leavesTheTrainingDataUnchanged() {
    Random random = RandomInputs.random(711);
    for (int c = 1; c <= 5; c++) {
      Setup setup = Setup.draw(random, c, RandomInputs.between(random, 10, 30));
      double[][] x = RandomInputs.copy(setup.data().x());
      int[] labels = setup.data().labels().clone();
      TrainingOptions options = new TrainingOptions(2, 0.3, RandomInputs.between(random, 1, 8), random.nextLong());
      fit(setup.net(), setup.data(), x, labels, options, TrainingListener.NONE);
      String input = fitOn(setup.name(), options);
      Compare.unchanged(FIT, Checks.result(input, "X"), x, setup.data().x(), Checks.text("fit.callersData"));
      assertThat(labels).as(FIT.about(Checks.text("fit.labelsUnchanged", "input", input)))
          .containsExactly(setup.data().labels());
    }
  }

  /** The student's net after one full-batch epoch, and the reference's one gradient step from the same start. */
  private record OneStep(String input, TwoLayerNet net, org.logitlab.reference.network.TwoLayerNet expected,
      org.logitlab.reference.network.Gradients grads, double rate) {

    static OneStep run(Random random, int c) {
      Setup setup = Setup.draw(random, c, RandomInputs.between(random, 5, 30));
      var expected = twin(setup.net(), setup.g());
      TrainingOptions options = new TrainingOptions(1, RandomInputs.uniform(random, 0.05, 1.0),
          TrainingOptions.FULL_BATCH, random.nextLong());
      fit(setup.net(), setup.data(), options);
      double[][] x = setup.data().x();
      var grads = expected.backward(x, expected.forward(x), setup.data().oneHot());
      return new OneStep(Checks.text("fit.oneStep", "data", setup.name(), "options", Checks.options(options)),
          setup.net(), expected, grads, options.learningRate());
    }

    /**
     * Checks {@code actual} against {@code θ − α·dθ} (the reference's {@code expected} is still θ),
     * within 1e-12 of {@code |θ| + α·|dθ|}: one multiply-add per entry.
     */
    void assertStepped(String name, double[][] actual, double[][] theta, double[][] grad) {
      double[][] stepped = RandomInputs.copy(theta);
      org.logitlab.reference.linalg.Matrices.descend(stepped, rate, grad);
      double[][] magnitude = Compare.abs(theta);
      for (int i = 0; i < magnitude.length; i++) {
        for (int j = 0; j < magnitude[i].length; j++) {
          magnitude[i][j] += rate * Math.abs(grad[i][j]);
        }
      }
      Compare.matrix(FIT, Checks.result(input, name), actual, stepped, magnitude, 0);
    }
  }

  @Test
  void aFullBatchEpochStepsTheWeights() {
    Random random = RandomInputs.random(704);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      OneStep step = OneStep.run(random, c);
      step.assertStepped("W1", step.net().liveW1(), step.expected().liveW1(), step.grads().dW1());
      step.assertStepped("W2", step.net().liveW2(), step.expected().liveW2(), step.grads().dW2());
    }
  }

  @Test
  void aFullBatchEpochStepsTheBiases() {
    Random random = RandomInputs.random(705);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      OneStep step = OneStep.run(random, c);
      step.assertStepped("b1", new double[][] {step.net().liveB1()}, new double[][] {step.expected().liveB1()},
          new double[][] {step.grads().db1()});
      step.assertStepped("b2", new double[][] {step.net().liveB2()}, new double[][] {step.expected().liveB2()},
          new double[][] {step.grads().db2()});
    }
  }

  /**
   * Four samples and a small network whose weights after epochs of batch 1 tell the order in which
   * {@code fit} visited the samples: the reference replays one step per sample in every order (24
   * per epoch) from the student's initial weights, and the student's weights must be one of those
   * results. A correct fit agrees with its order's replay to rounding (a few ε·|θ| per step, below
   * 1e-13 here); two orders end at least {@link #SEPARATED} apart (a case where they do not is
   * drawn again), so the order is read without doubt, and weights nudged by anything but the steps
   * match no order at all.
   */
  private record OrderProbe(Setup setup, long initSeed, double rate, List<int[][]> orders, List<double[]> replays) {

    static final int SAMPLES = 4;
    static final double AGREES = 1e-10;
    static final double SEPARATED = 1e-6;

    /** A probe for {@code epochs} epochs, or null when two of its orders end too close to tell apart. */
    static OrderProbe draw(Random random, int c, int epochs) {
      Setup setup = Setup.draw(random, c, SAMPLES);
      long initSeed = random.nextLong();
      double rate = RandomInputs.uniform(random, 0.3, 0.8);
      TwoLayerNet start = newNet(setup, initSeed);
      List<int[][]> orders = new ArrayList<>();
      for (int[] first : permutations(SAMPLES)) {
        if (epochs == 1) {
          orders.add(new int[][] {first});
        } else {
          for (int[] second : permutations(SAMPLES)) {
            orders.add(new int[][] {first, second});
          }
        }
      }
      List<double[]> replays = new ArrayList<>();
      for (int[][] order : orders) {
        replays.add(replay(twin(start, setup.g()), setup.data(), rate, order));
      }
      for (int i = 0; i < replays.size(); i++) {
        for (int j = i + 1; j < replays.size(); j++) {
          if (distance(replays.get(i), replays.get(j)) < SEPARATED) {
            return null;
          }
        }
      }
      return new OrderProbe(setup, initSeed, rate, orders, replays);
    }

    TrainingOptions options(int epochs, long seed) {
      return new TrainingOptions(epochs, rate, 1, seed);
    }

    /** The orders the student's fit visited the samples in, or null if its weights match no order. */
    int[][] orderOf(TwoLayerNet trained) {
      double[] actual = flatten(trained.liveW1(), trained.liveB1(), trained.liveW2(), trained.liveB2());
      int best = 0;
      for (int i = 1; i < replays.size(); i++) {
        if (distance(actual, replays.get(i)) < distance(actual, replays.get(best))) {
          best = i;
        }
      }
      return distance(actual, replays.get(best)) <= AGREES ? orders.get(best) : null;
    }

    /** How far the weights are from the nearest order's replay. */
    double nearest(TwoLayerNet trained) {
      double[] actual = flatten(trained.liveW1(), trained.liveB1(), trained.liveW2(), trained.liveB2());
      return replays.stream().mapToDouble(r -> distance(actual, r)).min().orElseThrow();
    }

    /** The student's fit from the probe's initial weights. */
    TwoLayerNet fit(TrainingOptions options) {
      TwoLayerNet net = newNet(setup, initSeed);
      FitSuite.fit(net, setup.data(), options);
      return net;
    }

    String describe(int epochs) {
      return Checks.text("fit.probe", "data", setup.name(), "epochs", Checks.epochs(epochs), "rate", rate);
    }

    /** One reference step per sample, in the order given for each epoch: W1, b1, W2 and b2 after them. */
    private static double[] replay(org.logitlab.reference.network.TwoLayerNet net, Data data, double rate,
        int[][] order) {
      double[][] y = data.oneHot();
      for (int[] epoch : order) {
        for (int i : epoch) {
          double[][] xi = {data.x()[i]};
          double[][] yi = {y[i]};
          var g = net.backward(xi, net.forward(xi), yi);
          org.logitlab.reference.linalg.Matrices.descend(net.liveW1(), rate, g.dW1());
          org.logitlab.reference.linalg.Matrices.descend(net.liveB1(), rate, g.db1());
          org.logitlab.reference.linalg.Matrices.descend(net.liveW2(), rate, g.dW2());
          org.logitlab.reference.linalg.Matrices.descend(net.liveB2(), rate, g.db2());
        }
      }
      return flatten(net.liveW1(), net.liveB1(), net.liveW2(), net.liveB2());
    }

    private static double[] flatten(double[][] w1, double[] b1, double[][] w2, double[] b2) {
      List<Double> all = new ArrayList<>();
      for (double[] row : w1) {
        Arrays.stream(row).forEach(all::add);
      }
      Arrays.stream(b1).forEach(all::add);
      for (double[] row : w2) {
        Arrays.stream(row).forEach(all::add);
      }
      Arrays.stream(b2).forEach(all::add);
      return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double distance(double[] a, double[] b) {
      if (a.length != b.length) {
        return Double.POSITIVE_INFINITY;
      }
      double max = 0;
      for (int i = 0; i < a.length; i++) {
        max = Math.max(max, Math.abs(a[i] - b[i]));
      }
      return Double.isNaN(max) ? Double.POSITIVE_INFINITY : max;
    }

    private static List<int[]> permutations(int m) {
      List<int[]> all = new ArrayList<>();
      permute(new int[0], m, all);
      return all;
    }

    private static void permute(int[] prefix, int m, List<int[]> all) {
      if (prefix.length == m) {
        all.add(prefix);
        return;
      }
      for (int i = 0; i < m; i++) {
        final int candidate = i;
        if (Arrays.stream(prefix).noneMatch(p -> p == candidate)) {
          int[] longer = Arrays.copyOf(prefix, prefix.length + 1);
          longer[prefix.length] = i;
          permute(longer, m, all);
        }
      }
    }
  }

  /** A fresh student network of the setup's shape and activation. */
  private static TwoLayerNet newNet(Setup setup, long seed) {
    return new TwoLayerNet(setup.net().liveW1().length, setup.net().liveB1().length, setup.net().liveB2().length, setup.g(),
        seed);
  }

  /** Probes for {@code count} cases, skipping draws whose orders are too close to tell apart. */
  private static List<OrderProbe> probes(long salt, int count, int epochs) {
    Random random = RandomInputs.random(salt);
    List<OrderProbe> probes = new ArrayList<>();
    for (int c = 1; probes.size() < count; c++) {
      OrderProbe probe = OrderProbe.draw(random, c, epochs);
      if (probe != null) {
        probes.add(probe);
      }
    }
    return probes;
  }

  private static String orders(int[][] order) {
    return Arrays.stream(order).map(Arrays::toString)
        .reduce((a, b) -> Checks.text("fit.orderThen", "first", a, "then", b)).orElse("");
  }

  @Test
  void anEpochStepsOnceOnEverySample() {
    for (OrderProbe probe : probes(706, 5, 1)) {
      TrainingOptions options = probe.options(1, probe.setup().data().x().length + 17L);
      TwoLayerNet trained = probe.fit(options);
      assertThat(probe.orderOf(trained)).as(FIT.about(Checks.text("fit.oneEpochOrders", "probe", probe.describe(1),
          "seed", options.seed(), "distance", probe.nearest(trained)))).isNotNull();
    }
  }

  @Test
  void theShuffleSeedDecidesTheOrder() {
    List<OrderProbe> probes = probes(707, 6, 1);
    List<String> seen = new ArrayList<>();
    for (int c = 0; c < probes.size(); c++) {
      OrderProbe probe = probes.get(c);
      TrainingOptions options = probe.options(1, 1000L * c + 7);
      TwoLayerNet first = probe.fit(options);
      TwoLayerNet again = probe.fit(options);
      String input = Checks.text("fit.twoFits", "seed", options.seed(), "probe", probe.describe(1));
      assertThat(again.liveW1()).as(FIT.about(Checks.result(input, "W1"))).isDeepEqualTo(first.liveW1());
      assertThat(again.liveW2()).as(FIT.about(Checks.result(input, "W2"))).isDeepEqualTo(first.liveW2());
      int[][] order = probe.orderOf(first);
      assertThat(order).as(FIT.about(Checks.text("fit.noOrder", "probe", probe.describe(1), "seed", options.seed(),
          "distance", probe.nearest(first)))).isNotNull();
      seen.add(orders(order));
    }
    // A fair shuffle of 4 samples gives the same order for 6 seeds with probability 24⁻⁵ ≈ 1.3e-7.
    assertThat(seen.stream().distinct().count()).as(FIT.about(Checks.text("fit.seedDecides", "orders", seen)))
        .isGreaterThan(1);
  }

  @Test
  void everyEpochReshuffles() {
    List<String> seen = new ArrayList<>();
    boolean reshuffled = false;
    for (OrderProbe probe : probes(710, 6, 2)) {
      TrainingOptions options = probe.options(2, probe.initSeed() ^ 0x5DEECE66DL);
      TwoLayerNet trained = probe.fit(options);
      int[][] order = probe.orderOf(trained);
      assertThat(order).as(FIT.about(Checks.text("fit.twoEpochOrders", "probe", probe.describe(2), "seed",
          options.seed(), "distance", probe.nearest(trained)))).isNotNull();
      seen.add(orders(order));
      reshuffled |= !Arrays.equals(order[0], order[1]);
    }
    // A fair reshuffle repeats epoch 1's order in all 6 cases with probability 24⁻⁶ ≈ 5e-9.
    assertThat(reshuffled).as(FIT.about(Checks.text("fit.reshuffle", "orders", seen))).isTrue();
  }

  @Test
  void trainsOnTheLastSmallerBatch() {
    Random random = RandomInputs.random(708);
    int[][] shapes = {{23, 5}, {7, 10}, {RandomInputs.between(random, 11, 30), 4}, {RandomInputs.between(random, 11, 30), 6}};
    for (int c = 0; c < shapes.length; c++) {
      int m = shapes[c][0];
      int batch = shapes[c][1];
      if (m % batch == 0) {
        m++;
      }
      // Sample i is the only one with feature i (x is the m × m identity), so row i of W1 moves if and
      // only if sample i is trained on.
      double[][] x = new double[m][m];
      for (int i = 0; i < m; i++) {
        x[i][i] = 1.0;
      }
      Activation g = c % 2 == 0 ? Activation.SIGMOID : Activation.TANH;
      Data data = new Data(Checks.text("fit.identity", "size", m, "case", RandomInputs.caseOf(c + 1)), x,
          RandomInputs.labels(random, m, 3), 3);
      TwoLayerNet net = new TwoLayerNet(m, 4, 3, g, random.nextLong());
      double[][] before = RandomInputs.copy(net.liveW1());
      TrainingOptions options = new TrainingOptions(1, 0.5, batch, random.nextLong());
      fit(net, data, options);
      for (int i = 0; i < m; i++) {
        assertThat(net.liveW1()[i]).as(FIT.about(Checks.text("fit.rowChanges", "data", data.name(), "network", m + "-4-3",
            "activation", g, "options", Checks.options(options), "row", i)))
            .isNotEqualTo(before[i]);
      }
    }
  }

  @Test
  void tellsTheListenerAboutEveryBatchAndEpoch() {
    Random random = RandomInputs.random(709);
    for (int c = 1; c <= 10; c++) {
      int batch = RandomInputs.between(random, 3, 7);
      int m = batch * RandomInputs.between(random, 1, 4) + RandomInputs.between(random, 1, batch - 1);
      Setup setup = Setup.draw(random, c, m);
      TrainingOptions options = new TrainingOptions(RandomInputs.between(random, 1, 3), 0.2, batch, random.nextLong());
      List<String> heard = new ArrayList<>();
      List<Double> costsHeard = new ArrayList<>();
      TrainingListener listener = new TrainingListener() {
        @Override
        public void onBatch(int epoch, int samplesDone, int samples) {
          heard.add("onBatch(" + epoch + ", " + samplesDone + ", " + samples + ")");
        }

        @Override
        public void onEpoch(int epoch, double cost, long nanos) {
          heard.add("onEpoch(" + epoch + ", cost, " + (nanos >= 0 ? "nanos ≥ 0" : "nanos = " + nanos) + ")");
          costsHeard.add(cost);
        }
      };
      double[] costs = fit(setup.net(), setup.data(), options, listener);
      List<String> expected = new ArrayList<>();
      for (int e = 1; e <= options.epochs(); e++) {
        for (int done = batch; done < m + batch; done += batch) {
          expected.add("onBatch(" + e + ", " + Math.min(done, m) + ", " + m + ")");
        }
        expected.add("onEpoch(" + e + ", cost, nanos ≥ 0)");
      }
      String input = fitOn(setup.name(), options);
      assertThat(heard).as(FIT.about(Checks.text("fit.listenerCalls", "input", input))).containsExactlyElementsOf(
          expected);
      assertThat(costsHeard).as(FIT.about(Checks.text("fit.listenerCosts", "input", input, "costs",
          Arrays.toString(costs)))).containsExactly(Arrays.stream(costs).boxed().toArray(Double[]::new));
    }
  }
}
