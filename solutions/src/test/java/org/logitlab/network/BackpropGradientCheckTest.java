package org.logitlab.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.logitlab.RandomArrays;
import org.logitlab.activation.Activation;
import org.logitlab.gradcheck.GradientCheck;
import org.logitlab.linalg.Matrices;
import org.logitlab.softmax.OneHot;

/**
 * Every backward step against centered differences of the mean cross-entropy, for every parameter
 * group. Tolerance 1e-7: with h = 1e-5 in double precision a correct gradient of these sizes shows
 * about 1e-9 (see {@link GradientCheck}), any real mistake 1e-2 or more.
 */
class BackpropGradientCheckTest {

  private static final double TOLERANCE = 1e-7;

  private final double[][] x = RandomArrays.gaussian(5, 6, 1, 31);
  private final double[][] y = OneHot.encode(RandomArrays.labels(5, 4, 32), 4);

  @ParameterizedTest
  @EnumSource(Activation.class)
  void everyParameterGradientMatchesCenteredDifferences(Activation g) {
    TwoLayerNet net = new TwoLayerNet(6, 7, 4, g, 33);
    Gradients grads = net.backward(x, net.forward(x), y);
    DoubleSupplier loss = () -> net.loss(x, y);

    // Output layer (exercise 5), then hidden layer (exercise 6).
    assertPasses("dW2", GradientCheck.check(loss, net.liveW2(), grads.dW2()));
    assertPasses("db2", GradientCheck.check(loss, net.liveB2(), grads.db2()));
    assertPasses("dW1", GradientCheck.check(loss, net.liveW1(), grads.dW1()));
    assertPasses("db1", GradientCheck.check(loss, net.liveB1(), grads.db1()));
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void theErrorSignalsAreTheGradientsWithRespectToTheScoresTimesM(Activation g) {
    TwoLayerNet net = new TwoLayerNet(6, 7, 4, g, 35);
    ForwardPass pass = net.forward(x);
    Gradients grads = net.backward(x, pass, y);
    int m = x.length;

    // J as a function of Z2 alone: its gradient is dZ2 / m.
    double[][] z2 = Matrices.copy(pass.z2());
    double[][] scaledDz2 = Matrices.copy(grads.dZ2());
    Matrices.scaleInPlace(scaledDz2, 1.0 / m);
    DoubleSupplier lossOfZ2 = () -> org.logitlab.loss.CrossEntropy.fromLogits(z2, y);
    assertPasses("dZ2", GradientCheck.check(lossOfZ2, z2, scaledDz2));

    // J as a function of Z1 alone: its gradient is dZ1 / m.
    double[][] z1 = Matrices.copy(pass.z1());
    double[][] scaledDz1 = Matrices.copy(grads.dZ1());
    Matrices.scaleInPlace(scaledDz1, 1.0 / m);
    DoubleSupplier lossOfZ1 = () -> {
      double[][] a1 = Matrices.copy(z1);
      g.applyInto(a1, a1);
      return org.logitlab.loss.CrossEntropy.fromLogits(Matrices.affine(a1, net.liveW2(), net.liveB2()), y);
    };
    assertPasses("dZ1", GradientCheck.check(lossOfZ1, z1, scaledDz1));
  }

  private static void assertPasses(String group, GradientCheck.Result result) {
    assertThat(result.relativeError()).as("%s: %s", group, result).isLessThan(TOLERANCE);
  }
}
