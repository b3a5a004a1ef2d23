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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
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
 * come from a reference network ({@code org.logitlab.reference}) given the student's weights. Only
 * full-batch runs are compared with the reference step by step, so the order in which a correct
 * {@code fit} shuffles is free.
 */
@DisplayName("Exercise 7 (fit), hidden tests")
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
      return new Data(name + " (" + m + " points, " + n + " features, " + k + " classes)", x, labels, k);
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
      Data data = Data.blobs(random, "random data set " + RandomInputs.caseOf(c), m, n, k);
      TwoLayerNet net = new TwoLayerNet(n, h, k, g, random.nextLong());
      return new Setup(data, net, g, data.name() + ", " + n + "-" + h + "-" + k + " " + g + " network");
    }
  }

  /** A reference network with the student network's current weights and biases (copies). */
  private static org.logitlab.reference.network.TwoLayerNet twin(TwoLayerNet net, Activation g) {
    var reference = new org.logitlab.reference.network.TwoLayerNet(net.w1().length, net.b1().length,
        net.b2().length, org.logitlab.reference.activation.Activation.valueOf(g.name()), 0L);
    copyInto(net.w1(), reference.w1());
    System.arraycopy(net.b1(), 0, reference.b1(), 0, reference.b1().length);
    copyInto(net.w2(), reference.w2());
    System.arraycopy(net.b2(), 0, reference.b2(), 0, reference.b2().length);
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

  private static String describe(TrainingOptions o) {
    return o.epochs() + " epoch" + (o.epochs() == 1 ? "" : "s") + ", "
        + (o.batchSize() == TrainingOptions.FULL_BATCH ? "full batch" : "batch " + o.batchSize()) + ", lr "
        + o.learningRate() + ", shuffle seed " + o.seed();
  }

  /**
   * How long one call of the student's fit may take here. The reference needs a few milliseconds on
   * these small data sets; a fit that has not returned after 5 s is stuck, and the test fails at once
   * with that message instead of waiting for the class timeout.
   */
  private static final Duration FIT_DEADLINE = Duration.ofSeconds(5);

  /** The student's fit on copies of the data, within {@link #FIT_DEADLINE}. */
  private static double[] fit(TwoLayerNet net, Data data, TrainingOptions options, TrainingListener listener) {
    return assertTimeoutPreemptively(FIT_DEADLINE,
        () -> net.fit(RandomInputs.copy(data.x()), data.labels().clone(), options, listener),
        () -> FIT.about("fit on " + data.name() + ", " + describe(options) + ", did not return within "
            + FIT_DEADLINE.toSeconds() + " s (the reference takes milliseconds): look for a loop that does not end,"
            + " e.g. over the batches when the last one is smaller or the batch size is 0 (full batch)"));
  }

  private static double[] fit(TwoLayerNet net, Data data, TrainingOptions options) {
    return fit(net, data, options, TrainingListener.NONE);
  }

  @Test
  @DisplayName("fit learns three well-separated classes: the cost falls below a fifth and every point is classified right")
  void learnsSeparableClasses() {
    Random random = RandomInputs.random(701);
    for (int c = 1; c <= 3; c++) {
      // Three clusters at ±4·e₀ and 4·e₁ in 4 dimensions (5.7 or more apart), noise N(0, 0.5²).
      int[] labels = RandomInputs.labels(random, 90, 3);
      double[][] x = RandomInputs.gaussian(random, 90, 4, 0.5);
      for (int i = 0; i < 90; i++) {
        x[i][labels[i] / 2] += labels[i] == 1 ? -4 : 4;
      }
      Data data = new Data("3 separable clusters " + RandomInputs.caseOf(c) + " (90 points, 4 features)", x, labels,
          3);
      TwoLayerNet net = new TwoLayerNet(4, 8, 3, Activation.TANH, random.nextLong());
      TrainingOptions options = new TrainingOptions(40, 0.5, 10, random.nextLong());
      double[] costs = fit(net, data, options);
      String input = "fit on " + data.name() + " with a 4-8-3 tanh network, " + describe(options);
      assertThat(costs).as(FIT.about(input + ": the cost history, one cost per epoch")).hasSize(40);
      assertThat(costs[39]).as(FIT.about(input + ": the last cost against a fifth of the first, " + costs[0] / 5))
          .isLessThan(costs[0] / 5);
      assertThat(twin(net, Activation.TANH).score(data.x(), data.labels()))
          .as(FIT.about(input + ": training accuracy")).isEqualTo(1.0);
    }
  }

  @Test
  @DisplayName("The cost history has one entry per epoch: the loss before that epoch's step (3 full-batch epochs)")
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
      String input = "fit on " + setup.name() + ", " + describe(options);
      assertThat(costs).as(FIT.about(input + ": the cost history")).hasSize(3);
      for (int e = 0; e < 3; e++) {
        // The mean cross-entropy from probabilities or from logits agrees within ~1e-15 relative.
        assertThat(costs[e]).as(FIT.about(input + ": the cost of epoch " + (e + 1)
                + ", the mean cross-entropy before its step"))
            .isCloseTo(expectedCosts[e], within(1e-12 * expectedCosts[e]));
      }
    }
  }

  @Test
  @DisplayName("An epoch's cost is the batch costs' mean weighted by batch size: with lr 1e-9 it is the loss of the whole set")
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
      String input = "fit on " + setup.name() + ", " + describe(options) + " (the last batch has " + m % batch
          + " samples)";
      assertThat(costs).as(FIT.about(input + ": the cost history")).hasSize(3);
      for (int e = 0; e < 3; e++) {
        assertThat(costs[e]).as(FIT.about(input + ": the cost of epoch " + (e + 1)
                + " against the loss of the whole set before training"))
            .isCloseTo(loss, within(1e-6 * loss));
      }
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
      return new OneStep("fit on " + setup.name() + ", " + describe(options) + ", against one step θ ← θ − α·dθ",
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
      Compare.matrix(FIT, input + ": " + name, actual, stepped, magnitude);
    }
  }

  @Test
  @DisplayName("A full-batch epoch steps W1 and W2 once by θ ← θ − α·dθ, with the given learning rate α")
  void aFullBatchEpochStepsTheWeights() {
    Random random = RandomInputs.random(704);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      OneStep step = OneStep.run(random, c);
      step.assertStepped("W1", step.net().w1(), step.expected().w1(), step.grads().dW1());
      step.assertStepped("W2", step.net().w2(), step.expected().w2(), step.grads().dW2());
    }
  }

  @Test
  @DisplayName("A full-batch epoch steps the biases b1 and b2 once by b ← b − α·db")
  void aFullBatchEpochStepsTheBiases() {
    Random random = RandomInputs.random(705);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      OneStep step = OneStep.run(random, c);
      step.assertStepped("b1", new double[][] {step.net().b1()}, new double[][] {step.expected().b1()},
          new double[][] {step.grads().db1()});
      step.assertStepped("b2", new double[][] {step.net().b2()}, new double[][] {step.expected().b2()},
          new double[][] {step.grads().db2()});
    }
  }

  @Test
  @DisplayName("The same shuffle seed gives the same result; another seed visits the mini-batches in another order")
  void theShuffleSeedDecidesTheOrder() {
    Random random = RandomInputs.random(706);
    for (int c = 1; c <= 5; c++) {
      Setup setup = Setup.draw(random, c, RandomInputs.between(random, 20, 40));
      long initSeed = random.nextLong();
      long seed = random.nextLong();
      TrainingOptions options = new TrainingOptions(2, 0.3, 4, seed);
      TrainingOptions other = new TrainingOptions(2, 0.3, 4, seed + 1 + random.nextInt(1000));
      TwoLayerNet first = newNet(setup, initSeed);
      TwoLayerNet second = newNet(setup, initSeed);
      TwoLayerNet third = newNet(setup, initSeed);
      double[] firstCosts = fit(first, setup.data(), options);
      double[] secondCosts = fit(second, setup.data(), options);
      fit(third, setup.data(), other);
      String input = "two fits of the same " + setup.name() + ", " + describe(options);
      assertThat(secondCosts).as(FIT.about(input + ": the cost histories")).containsExactly(firstCosts);
      assertThat(second.w1()).as(FIT.about(input + ": W1")).isDeepEqualTo(first.w1());
      assertThat(second.b1()).as(FIT.about(input + ": b1")).containsExactly(first.b1());
      assertThat(second.w2()).as(FIT.about(input + ": W2")).isDeepEqualTo(first.w2());
      assertThat(second.b2()).as(FIT.about(input + ": b2")).containsExactly(first.b2());
      assertThat(third.w1()).as(FIT.about("fits of the same " + setup.name() + " with shuffle seeds " + options.seed()
          + " and " + other.seed() + " (2 epochs, batch 4, lr 0.3) must shuffle differently, so end with different W1"))
          .isNotEqualTo(first.w1());
    }
  }

  private static TwoLayerNet newNet(Setup setup, long seed) {
    return new TwoLayerNet(setup.net().w1().length, setup.net().b1().length, setup.net().b2().length, setup.g(),
        seed);
  }

  @Test
  @DisplayName("Every epoch reshuffles: 2 epochs differ from 1 epoch run twice with the same seed")
  void everyEpochReshuffles() {
    Random random = RandomInputs.random(707);
    for (int c = 1; c <= 5; c++) {
      Setup setup = Setup.draw(random, c, RandomInputs.between(random, 20, 40));
      long initSeed = random.nextLong();
      TrainingOptions twoEpochs = new TrainingOptions(2, 0.3, 4, random.nextLong());
      TrainingOptions oneEpoch = new TrainingOptions(1, 0.3, 4, twoEpochs.seed());
      TwoLayerNet once = newNet(setup, initSeed);
      TwoLayerNet twice = newNet(setup, initSeed);
      fit(once, setup.data(), twoEpochs);
      fit(twice, setup.data(), oneEpoch);
      fit(twice, setup.data(), oneEpoch);
      assertThat(once.w1()).as(FIT.about("fit on " + setup.name() + ": " + describe(twoEpochs)
              + " against two fits of " + describe(oneEpoch) + " (epoch 2 must not repeat the order of epoch 1,"
              + " so W1 must differ)"))
          .isNotEqualTo(twice.w1());
    }
  }

  @Test
  @DisplayName("A last batch smaller than the batch size is trained on, as is a data set smaller than one batch")
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
      Data data = new Data("the " + m + " × " + m + " identity (sample i alone has feature i), random labels "
          + RandomInputs.caseOf(c + 1), x, RandomInputs.labels(random, m, 3), 3);
      TwoLayerNet net = new TwoLayerNet(m, 4, 3, g, random.nextLong());
      double[][] before = RandomInputs.copy(net.w1());
      TrainingOptions options = new TrainingOptions(1, 0.5, batch, random.nextLong());
      fit(net, data, options);
      for (int i = 0; i < m; i++) {
        assertThat(net.w1()[i]).as(FIT.about("fit on " + data.name() + ", an " + m + "-4-3 " + g + " network, "
            + describe(options) + ": row " + i + " of W1 must change, since sample " + i + " is in some batch"))
            .isNotEqualTo(before[i]);
      }
    }
  }

  @Test
  @DisplayName("The listener hears onBatch after every batch (samples done so far) and onEpoch after every epoch")
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
          heard.add("onEpoch(" + epoch + ", cost, " + (nanos >= 0 ? "nanos ≥ 0" : "negative nanos " + nanos) + ")");
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
      String input = "fit on " + setup.name() + ", " + describe(options);
      assertThat(heard).as(FIT.about(input + ": the calls the listener heard, in order")).containsExactlyElementsOf(
          expected);
      assertThat(costsHeard).as(FIT.about(input + ": the costs given to onEpoch against the returned history "
          + Arrays.toString(costs))).containsExactly(Arrays.stream(costs).boxed().toArray(Double[]::new));
    }
  }
}
