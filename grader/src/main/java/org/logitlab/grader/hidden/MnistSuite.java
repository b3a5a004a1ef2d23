package org.logitlab.grader.hidden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.logitlab.exercise.Exercise.FIT;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.logitlab.activation.Activation;
import org.logitlab.data.MnistData;
import org.logitlab.data.MnistLocator;
import org.logitlab.model.TrainingOptions;
import org.logitlab.network.TwoLayerNet;

/**
 * Exercise 7 end to end: the student's {@code fit} trains a {@code 784-h-10} network on the MNIST
 * training files of {@link GradingParameters#mnistDir()} within {@link GradingParameters#mnistTimeBudgetSeconds()}
 * (enforced preemptively), and the trained weights, evaluated by the reference network, must reach
 * {@link GradingParameters#mnistThreshold()} on the test files. The accuracy is published as the
 * report entry {@code mnistAccuracy}. Without an MNIST folder the test is aborted, not failed; a folder
 * that cannot be read is a {@linkplain GradingParameters#GRADER_FAULT grader fault}.
 *
 * <p>No class-level timeout: the time budget covers every call of the student's code (the
 * constructor, {@code fit} and the weight accessors); reading MNIST and scoring are given, trusted code.
 */
@Tag("mnist")
@DisplayName("Exercise 7 (fit), MNIST end to end")
public class MnistSuite {

  @Test
  @DisplayName("Your fit trains a network that reaches the required test accuracy on MNIST, within the time budget")
  void reachesTheThresholdOnMnist(TestReporter reporter) throws IOException {
    Optional<Path> dir = GradingParameters.mnistDir();
    if (dir.isEmpty()) {
      Assumptions.abort("MNIST is not available on the grading machine (no folder given in the system property "
          + GradingParameters.MNIST_DIR + "), so the MNIST test is not run");
    }
    MnistData mnist = read(dir.get(), reporter);
    int hidden = GradingParameters.mnistHidden();
    Activation g = Activation.parse(GradingParameters.mnistActivation());
    long seed = GradingParameters.seed();
    TrainingOptions options = new TrainingOptions(GradingParameters.mnistEpochs(),
        GradingParameters.mnistLearningRate(), GradingParameters.mnistBatchSize(), seed);
    int budget = GradingParameters.mnistTimeBudgetSeconds();
    String network = "a 784-" + hidden + "-10 " + g + " network (seed " + seed + ") trained by your fit on the "
        + mnist.train().x().length + " MNIST training images, " + options.epochs() + " epochs, batch "
        + options.batchSize() + ", lr " + options.learningRate();

    // Everything of the student's runs inside the budget: the constructor, fit and the accessors that
    // hand the weights over (an accessor could otherwise do the training after the clock stopped).
    var evaluated = new org.logitlab.reference.network.TwoLayerNet(784, hidden, 10,
        org.logitlab.reference.activation.Activation.valueOf(g.name()), 0L);
    assertTimeoutPreemptively(Duration.ofSeconds(budget), () -> {
      TwoLayerNet net = new TwoLayerNet(784, hidden, 10, g, seed);
      net.fit(mnist.train().x(), mnist.train().y(), options);
      copyInto(net.w1(), evaluated.w1());
      System.arraycopy(net.b1(), 0, evaluated.b1(), 0, hidden);
      copyInto(net.w2(), evaluated.w2());
      System.arraycopy(net.b2(), 0, evaluated.b2(), 0, 10);
    }, () -> FIT.about(network + ": training took longer than the time budget of " + budget + " s and was stopped."
        + " Look for work repeated in every batch (allocating buffers, copying the data, one-hot encoding again)"
        + " or a loop that does not end"));
    double accuracy = evaluated.score(mnist.test().x(), mnist.test().y());
    reporter.publishEntry("mnistAccuracy", String.valueOf(accuracy));
    assertThat(accuracy).as(FIT.about(network + ": accuracy on the " + mnist.test().x().length + " test images"))
        .isGreaterThanOrEqualTo(GradingParameters.mnistThreshold());
  }

  /**
   * MNIST from the grading machine's folder. It is read before any of the student's code runs, so a
   * folder that vanished, lost a file or holds a corrupt one is the grader's fault, reported as such.
   */
  private static MnistData read(Path dir, TestReporter reporter) {
    try {
      return MnistData.read(MnistLocator.fromEnvironment().withUserDirectory(dir).findOffline().orElseThrow());
    } catch (IOException | RuntimeException e) {
      reporter.publishEntry(GradingParameters.GRADER_FAULT, "cannot read MNIST from " + dir + ": " + e.getMessage());
      return Assumptions.abort("MNIST could not be read on the grading machine: " + e.getMessage());
    }
  }

  private static void copyInto(double[][] from, double[][] to) {
    for (int i = 0; i < to.length; i++) {
      System.arraycopy(from[i], 0, to[i], 0, to[i].length);
    }
  }
}
