package org.logitlab.grader.hidden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.logitlab.exercise.Exercise.FIT;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestReporter;
import org.opentest4j.AssertionFailedError;
import org.logitlab.activation.Activation;
import org.logitlab.data.MnistData;
import org.logitlab.grader.TestOutcome;
import org.logitlab.data.MnistLocator;
import org.logitlab.model.TrainingOptions;
import org.logitlab.network.TwoLayerNet;

/**
 * Exercise 7 end to end: the student's {@code fit} trains a {@code 784-h-10} network on the MNIST
 * training files of {@link GradingParameters#mnistDir()} within {@link GradingParameters#mnistTimeBudgetSeconds()}
 * (enforced preemptively), and the trained weights, evaluated by the reference network, must reach
 * {@link GradingParameters#mnistThreshold()} on the test files. The accuracy is published as the
 * report entry {@code mnistAccuracy}, beside the threshold, the time budget and the training time. Without an MNIST folder the test is aborted, not failed; a folder
 * that cannot be read is a {@linkplain GradingParameters#GRADER_FAULT grader fault}.
 *
 * <p>No class-level timeout: the time budget covers every call of the student's code (the
 * constructor, {@code fit} and the weight accessors); reading MNIST and scoring are given, trusted code.
 */
@Tag("mnist")
@DisplayNameGeneration(CheckNames.class)
@ExtendWith(Diagnosed.Reporter.class)
public class MnistSuite {

  @Test
  void reachesTheThresholdOnMnist(TestReporter reporter) throws IOException {
    Optional<Path> dir = GradingParameters.mnistDir();
    if (dir.isEmpty()) {
      Assumptions.abort(Checks.text("mnist.absent", "property", GradingParameters.MNIST_DIR));
    }
    MnistData mnist = read(dir.get(), reporter);
    int hidden = GradingParameters.mnistHidden();
    Activation g = Activation.parse(GradingParameters.mnistActivation());
    long seed = GradingParameters.seed();
    TrainingOptions options = new TrainingOptions(GradingParameters.mnistEpochs(),
        GradingParameters.mnistLearningRate(), GradingParameters.mnistBatchSize(), seed);
    int budget = GradingParameters.mnistTimeBudgetSeconds();
    String network = Checks.text("mnist.network", "hidden", hidden, "activation", g, "seed", seed, "images",
        mnist.train().x().length, "epochs", Checks.epochs(options.epochs()), "batch", Checks.batch(options.batchSize()),
        "rate", options.learningRate());

    // Everything of the student's runs inside the budget: the constructor, fit and the accessors that
    // hand the weights over (an accessor could otherwise do the training after the clock stopped).
    var evaluated = new org.logitlab.reference.network.TwoLayerNet(784, hidden, 10,
        org.logitlab.reference.activation.Activation.valueOf(g.name()), 0L);
    reporter.publishEntry(Map.of(TestOutcome.MNIST_THRESHOLD, String.valueOf(GradingParameters.mnistThreshold()),
        TestOutcome.MNIST_BUDGET_SECONDS, String.valueOf(budget)));
    // How long training took, when it finished or was stopped at the budget (not when the student's code threw).
    long start = System.nanoTime();
    try {
      train(budget, hidden, g, seed, mnist, options, evaluated, network);
    } catch (AssertionFailedError e) {
      if (String.valueOf(e.getMessage()).contains("timed out after")) {
        reporter.publishEntry(TestOutcome.MNIST_TRAINING_SECONDS, String.valueOf((System.nanoTime() - start) / 1e9));
      }
      throw e;
    }
    reporter.publishEntry(TestOutcome.MNIST_TRAINING_SECONDS, String.valueOf((System.nanoTime() - start) / 1e9));
    double accuracy = evaluated.score(mnist.test().x(), mnist.test().y());
    reporter.publishEntry(TestOutcome.MNIST_ACCURACY, String.valueOf(accuracy));
    assertThat(accuracy).as(FIT.about(Checks.text("mnist.accuracy", "network", network, "images",
            mnist.test().x().length)))
        .isGreaterThanOrEqualTo(GradingParameters.mnistThreshold());
  }

  /** Trains the student's network within the budget and copies its weights into {@code evaluated}. */
  private static void train(int budget, int hidden, Activation g, long seed, MnistData mnist, TrainingOptions options,
      org.logitlab.reference.network.TwoLayerNet evaluated, String network) {
    assertTimeoutPreemptively(Duration.ofSeconds(budget), () -> {
      TwoLayerNet net = new TwoLayerNet(784, hidden, 10, g, seed);
      net.fit(mnist.train().x(), mnist.train().y(), options);
      copyInto(net.liveW1(), evaluated.liveW1());
      System.arraycopy(net.liveB1(), 0, evaluated.liveB1(), 0, hidden);
      copyInto(net.liveW2(), evaluated.liveW2());
      System.arraycopy(net.liveB2(), 0, evaluated.liveB2(), 0, 10);
    }, () -> FIT.about(Checks.text("mnist.tooSlow", "network", network, "seconds", budget)));
  }

  /**
   * MNIST from the grading machine's folder. It is read before any of the student's code runs, so a
   * folder that vanished, lost a file or holds a corrupt one is the grader's fault, reported as such.
   */
  private static MnistData read(Path dir, TestReporter reporter) {
    try {
      return MnistData.read(MnistLocator.fromEnvironment().withUserDirectory(dir).findOffline().orElseThrow());
    } catch (IOException | RuntimeException e) {
      reporter.publishEntry(GradingParameters.GRADER_FAULT, Checks.text("mnist.graderFault", "folder", dir, "error",
          e.getMessage()));
      return Assumptions.abort(Checks.text("mnist.unreadable", "error", e.getMessage()));
    }
  }

  private static void copyInto(double[][] from, double[][] to) {
    for (int i = 0; i < to.length; i++) {
      System.arraycopy(from[i], 0, to[i], 0, to[i].length);
    }
  }
}
