package org.logitlab.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.logitlab.activation.Activation;
import org.logitlab.linalg.Parallelism;

/**
 * The command line of {@code logit-lab}, parsed. Unset numeric options are {@code null}: each data
 * set then supplies its own default (see {@link Experiment}).
 *
 * @param dataset which data set to train on
 * @param model which model, or {@code null} for the data set's default
 * @param hidden hidden units of the two-layer network
 * @param activation hidden activation of the two-layer network
 * @param epochs passes over the training set
 * @param batchSize samples per step, 0 for full batch
 * @param learningRate the gradient-descent step size
 * @param seed seeds initial weights, shuffling and train/test splits
 * @param mnistDir a folder with the MNIST files, overriding {@code MNIST_DIR}
 * @param threads threads for the kernels, or {@code null} to keep {@link Parallelism#threads()}
 * @param help whether to print the usage and stop
 */
record Options(DatasetChoice dataset, ModelChoice model, int hidden, Activation activation, Integer epochs,
    Integer batchSize, Double learningRate, long seed, Path mnistDir, Integer threads, boolean help) {

  static final String USAGE = """
      Usage: logit-lab [options]

      Trains a classifier by gradient descent and prints, per epoch, the loss, the train and test
      accuracy and the time, then the final test accuracy. With no options it runs the built-in demos,
      which need no download: the lectures' 6-point example and Breast Cancer Wisconsin (logistic
      regression), then Iris (softmax regression).

      Options:
        --dataset NAME     demo (default), toy, breast-cancer, iris or mnist
        --model NAME       logistic, softmax or net (default: logistic for toy and breast-cancer,
                           softmax for iris, net for mnist)
        --hidden N         hidden units of the net (default 100)
        --activation NAME  hidden activation of the net: sigmoid (default) or tanh
        --epochs N         passes over the training set
        --batch-size N     samples per gradient step; 0 means the full batch
        --lr X             learning rate
        --seed N           seed for the initial weights, the shuffling and the splits (default 42)
        --mnist-dir DIR    read MNIST from DIR (default: $MNIST_DIR, then the cache, then a download)
        --threads N        threads for the matrix kernels (default 1, or -Dlogitlab.threads); any
                           number gives the same results to the last bit
        --help             print this help

      Example: logit-lab --dataset mnist --model net --hidden 100 --epochs 10 --batch-size 32 --lr 1.0
      """;

  /** The data sets the command line offers. */
  enum DatasetChoice {
    DEMO, TOY, BREAST_CANCER, IRIS, MNIST;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** The models the command line offers. */
  enum ModelChoice {
    LOGISTIC, SOFTMAX, NET;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException saying which argument is wrong and what it accepts
   */
  static Options parse(String... args) {
    DatasetChoice dataset = DatasetChoice.DEMO;
    ModelChoice model = null;
    int hidden = 100;
    Activation activation = Activation.SIGMOID;
    Integer epochs = null;
    Integer batchSize = null;
    Double learningRate = null;
    long seed = 42;
    Path mnistDir = null;
    Integer threads = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        return new Options(dataset, model, hidden, activation, epochs, batchSize, learningRate, seed, mnistDir,
            threads, true);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag.startsWith("--") && isKnown(flag)
            ? flag + " needs a value" : "unknown option '" + flag + "'");
      }
      String value = args[++i];
      switch (flag) {
        case "--dataset" -> dataset = choice(DatasetChoice.class, flag, value);
        case "--model" -> model = choice(ModelChoice.class, flag, value);
        case "--hidden" -> hidden = integer(flag, value, 1);
        case "--activation" -> activation = choice(Activation.class, flag, value);
        case "--epochs" -> epochs = integer(flag, value, 1);
        case "--batch-size" -> batchSize = integer(flag, value, 0);
        case "--lr" -> learningRate = positive(flag, value);
        case "--seed" -> seed = longValue(flag, value);
        case "--mnist-dir" -> mnistDir = Path.of(value);
        case "--threads" -> threads = atMost(flag, integer(flag, value, 1), Parallelism.MAX_THREADS);
        default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
      }
    }
    return new Options(dataset, model, hidden, activation, epochs, batchSize, learningRate, seed, mnistDir,
        threads, false);
  }

  private static boolean isKnown(String flag) {
    return USAGE.contains("  " + flag + " ");
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String flag, String value) {
    StringBuilder names = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      if (e.toString().equalsIgnoreCase(value)) {
        return e;
      }
      names.append(names.length() == 0 ? "" : ", ").append(e);
    }
    throw new IllegalArgumentException(flag + " takes one of " + names + "; got '" + value + "'");
  }

  private static int integer(String flag, String value, int min) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(flag + " takes a whole number of at least " + min + "; got '" + value + "'");
  }

  private static int atMost(String flag, int n, int max) {
    if (n > max) {
      throw new IllegalArgumentException(flag + " takes at most " + max + "; got " + n);
    }
    return n;
  }

  private static long longValue(String flag, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " takes a whole number; got '" + value + "'", e);
    }
  }

  private static double positive(String flag, String value) {
    try {
      double x = Double.parseDouble(value);
      if (x > 0 && Double.isFinite(x)) {
        return x;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(flag + " takes a positive number; got '" + value + "'");
  }
}
