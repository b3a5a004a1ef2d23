package org.logitlab.grader.hidden;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the grader tells the hidden suites, as system properties of the grading JVM. Every value has
 * a default, so that a suite also runs on its own (from an IDE, or in the grader's own tests).
 */
public final class GradingParameters {

  /** The system property that carries the run's seed. */
  public static final String SEED = "logitlab.grader.seed";
  /** The number of random cases each randomized check draws. */
  public static final String RANDOM_CASES = "logitlab.grader.randomCases";
  /** Gradient-check relative error below which a gradient is right. */
  public static final String GRADIENT_GOOD = "logitlab.grader.gradientCheck.good";
  /** Gradient-check relative error above which a gradient is wrong. */
  public static final String GRADIENT_WRONG = "logitlab.grader.gradientCheck.wrong";
  /**
   * The report entry by which a hidden test says that it could not run for a reason of the grader's
   * (data the grading machine should hold and does not): the exercise's grading is then incomplete,
   * never the student's failure. Student code never holds the {@code TestReporter} that publishes it.
   */
  public static final String GRADER_FAULT = "graderFault";
  /**
   * The tag of a hidden test that enforces a time budget of its own, {@link #SCALE_BUDGET_SECONDS},
   * around the student's call: the grader adds it to the per-test limit, so that the limit backs the
   * budget up and never cuts short the test's own setup.
   */
  public static final String TIMED_TAG = "timed";
  /** The budget of a timed test's call of the student's code (the reference takes milliseconds). */
  public static final int SCALE_BUDGET_SECONDS = 5;
  /** The folder with the MNIST files; absent when the grading machine has none. */
  public static final String MNIST_DIR = "logitlab.grader.mnist.dir";
  /** The test accuracy the student's network must reach on MNIST. */
  public static final String MNIST_THRESHOLD = "logitlab.grader.mnist.threshold";
  /** Hidden units of the MNIST network. */
  public static final String MNIST_HIDDEN = "logitlab.grader.mnist.hidden";
  /** Hidden activation of the MNIST network ({@code sigmoid} or {@code tanh}). */
  public static final String MNIST_ACTIVATION = "logitlab.grader.mnist.activation";
  /** Training epochs on MNIST. */
  public static final String MNIST_EPOCHS = "logitlab.grader.mnist.epochs";
  /** Mini-batch size on MNIST. */
  public static final String MNIST_BATCH_SIZE = "logitlab.grader.mnist.batchSize";
  /** Learning rate on MNIST. */
  public static final String MNIST_LEARNING_RATE = "logitlab.grader.mnist.learningRate";
  /** Seconds the student's {@code fit} may take on MNIST. */
  public static final String MNIST_TIME_BUDGET = "logitlab.grader.mnist.timeBudgetSeconds";

  private GradingParameters() {}

  /** The run's seed: every random input of a hidden suite is drawn from it. */
  public static long seed() {
    return Long.getLong(SEED, 0L);
  }

  /** How many random cases a randomized check draws (default 100). */
  public static int randomCases() {
    return Integer.getInteger(RANDOM_CASES, 100);
  }

  /** Relative error below which a gradient is right (default 1e-7). */
  public static double gradientGood() {
    return doubleProperty(GRADIENT_GOOD, 1e-7);
  }

  /** Relative error above which a gradient is wrong (default 1e-4). */
  public static double gradientWrong() {
    return doubleProperty(GRADIENT_WRONG, 1e-4);
  }

  /** The MNIST folder, if the grading machine has one. */
  public static Optional<Path> mnistDir() {
    String dir = System.getProperty(MNIST_DIR);
    return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
  }

  /** The required MNIST test accuracy (default 0.90). */
  public static double mnistThreshold() {
    return doubleProperty(MNIST_THRESHOLD, 0.90);
  }

  /** Hidden units of the MNIST network (default 100). */
  public static int mnistHidden() {
    return Integer.getInteger(MNIST_HIDDEN, 100);
  }

  /** Hidden activation of the MNIST network (default sigmoid). */
  public static String mnistActivation() {
    return System.getProperty(MNIST_ACTIVATION, "sigmoid");
  }

  /** Epochs on MNIST (default 10). */
  public static int mnistEpochs() {
    return Integer.getInteger(MNIST_EPOCHS, 10);
  }

  /** Batch size on MNIST (default 32). */
  public static int mnistBatchSize() {
    return Integer.getInteger(MNIST_BATCH_SIZE, 32);
  }

  /** Learning rate on MNIST (default 1.0). */
  public static double mnistLearningRate() {
    return doubleProperty(MNIST_LEARNING_RATE, 1.0);
  }

  /** Seconds {@code fit} may take on MNIST (default 60). */
  public static int mnistTimeBudgetSeconds() {
    return Integer.getInteger(MNIST_TIME_BUDGET, 60);
  }

  private static double doubleProperty(String name, double fallback) {
    String value = System.getProperty(name);
    return value == null ? fallback : Double.parseDouble(value);
  }
}
