package org.logitlab.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.logitlab.activation.Activation;
import org.logitlab.data.MnistData;
import org.logitlab.data.MnistFixture;
import org.logitlab.model.TrainingOptions;
import org.logitlab.softmax.SoftmaxRegression;

/**
 * End to end on real MNIST (train on the train file, evaluate on t10k), with fixed seeds. Skipped
 * where no MNIST is available offline, except in CI, where that is a failure.
 */
@Tag("mnist")
class MnistAccuracyTest {

  @Test
  void twoLayerSigmoidNetworkReaches94PercentWithin10Epochs() {
    MnistData mnist = MnistFixture.offline();
    TwoLayerNet net = new TwoLayerNet(784, 100, 10, Activation.SIGMOID, 42);
    double[] costs = net.fit(mnist.train().x(), mnist.train().y(), new TrainingOptions(10, 1.0, 32, 42));

    assertThat(costs[9]).isLessThan(costs[0]);
    assertThat(net.score(mnist.test().x(), mnist.test().y())).as("test accuracy of 784-100-10 after 10 epochs")
        .isGreaterThanOrEqualTo(0.94);
  }

  @Test
  void softmaxRegressionReaches89PercentWithin10Epochs() {
    MnistData mnist = MnistFixture.offline();
    SoftmaxRegression model = SoftmaxRegression.zeros(784, 10);
    model.fit(mnist.train().x(), mnist.train().y(), new TrainingOptions(10, 0.5, 32, 42));

    assertThat(model.score(mnist.test().x(), mnist.test().y())).as("test accuracy of softmax regression")
        .isGreaterThanOrEqualTo(0.89);
  }
}
