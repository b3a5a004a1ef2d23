package org.logitlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.logitlab.data.MnistLocator;
import org.logitlab.linalg.Parallelism;
import org.logitlab.model.Metrics;

/**
 * The {@code logit-lab} command: trains a model on a data set and reports its progress and final
 * accuracy. Run with {@code --help} for the options.
 */
public final class Main {

  /** What the command line adds to the locator's own advice when MNIST cannot be had. */
  static final String MNIST_HINT = "On the command line, --mnist-dir DIR does what MNIST_DIR does. "
      + "The default run (no --dataset) needs no download.";

  private Main() {}

  /**
   * Runs the command; exits with 2 on a usage error and 1 when the data cannot be had.
   *
   * @param args the options; {@code --help} lists them
   */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err, System.console() != null, MnistLocator.fromEnvironment());
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the command with the given streams and MNIST locator.
   *
   * @param interactive whether {@code err} is a terminal (progress lines are shown only there)
   * @return the exit code: 0 on success, 1 when data is missing or corrupt, 2 on a usage error
   */
  static int run(String[] args, PrintStream out, PrintStream err, boolean interactive, MnistLocator locator) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("logit-lab: " + e.getMessage());
      err.println("Run with --help for the options.");
      return 2;
    }
    if (options.help()) {
      out.print(Options.USAGE);
      return 0;
    }
    if (options.threads() != null) {
      Parallelism.setThreads(options.threads());
    }
    MnistLocator mnist = options.mnistDir() == null ? locator
        : locator.withUserDirectory(options.mnistDir());
    List<Experiment> runs;
    try {
      runs = Experiment.plan(options, mnist);
    } catch (IllegalArgumentException e) {
      err.println("logit-lab: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("logit-lab: cannot read " + options.dataset() + ": " + e.getMessage());
      if (options.dataset() == Options.DatasetChoice.MNIST) {
        err.println(MNIST_HINT);
      }
      return 1;
    }
    for (Experiment run : runs) {
      train(run, out, interactive ? err : null);
    }
    return 0;
  }

  private static void train(Experiment run, PrintStream out, PrintStream progress) {
    out.println();
    out.println("== " + run.title());
    out.printf(Locale.ROOT, "   %d epochs, %s, learning rate %s, seed %d; evaluated on %s (%d samples)%n",
        run.training().epochs(),
        run.training().batchSize() == 0 ? "full batch" : "batch size " + run.training().batchSize(),
        run.training().learningRate(), run.training().seed(), run.test().name(), run.test().size());
    run.model().fit(run.train().x(), run.train().y(), run.training(),
        new EpochReporter(run, out, progress, System::nanoTime));
    int[] predicted = run.model().predict(run.test().x());
    double accuracy = Metrics.accuracy(run.test().y(), predicted);
    long correct = Math.round(accuracy * predicted.length);
    out.printf(Locale.ROOT, "final test accuracy: %.4f (%d/%d on %s)%n", accuracy, correct, predicted.length,
        run.test().name());
  }
}
