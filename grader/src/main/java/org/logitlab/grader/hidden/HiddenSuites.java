package org.logitlab.grader.hidden;

import java.util.List;
import org.logitlab.exercise.Exercise;

/** The hidden test suites of each exercise, as the grader launches them (one JVM per exercise). */
public final class HiddenSuites {

  private HiddenSuites() {}

  /** The suite classes of {@code exercise}: one each, and for {@code FIT} the fit suite and the MNIST suite. */
  public static List<Class<?>> of(Exercise exercise) {
    return switch (exercise) {
      case SIGMOID -> List.of(SigmoidSuite.class);
      case BCE_GRADIENT -> List.of(BceGradientSuite.class);
      case SOFTMAX -> List.of(SoftmaxSuite.class);
      case ONE_HOT -> List.of(OneHotSuite.class);
      case OUTPUT_BACKPROP -> List.of(OutputBackpropSuite.class);
      case HIDDEN_BACKPROP -> List.of(HiddenBackpropSuite.class);
      case FIT -> List.of(FitSuite.class, MnistSuite.class);
    };
  }

  /** Whether {@code exercise}'s suites train a network on MNIST, within the MNIST time budget. */
  public static boolean trainOnMnist(Exercise exercise) {
    return of(exercise).contains(MnistSuite.class);
  }
}
