package org.logitlab.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.logitlab.cli.Options.DatasetChoice;
import org.logitlab.cli.Options.ModelChoice;
import org.logitlab.data.Dataset;
import org.logitlab.data.EmbeddedDatasets;
import org.logitlab.data.MnistData;
import org.logitlab.data.MnistFiles;
import org.logitlab.data.MnistLocator;
import org.logitlab.data.Standardizer;
import org.logitlab.data.TrainTestSplit;
import org.logitlab.logistic.LogisticRegression;
import org.logitlab.model.Classifier;
import org.logitlab.model.TrainingOptions;
import org.logitlab.network.TwoLayerNet;
import org.logitlab.softmax.SoftmaxRegression;

/**
 * One training run the command line asked for: the data, the model and how to train it.
 *
 * @param title what is trained on what, for the heading
 * @param train the training set
 * @param test the evaluation set (for the toy example, the training set itself)
 * @param model the untrained model
 * @param training epochs, batch size, learning rate and seed
 */
record Experiment(String title, Dataset train, Dataset test, Classifier model, TrainingOptions training) {

  /** The fraction of Iris and Breast Cancer held out for testing. */
  static final double TEST_FRACTION = 0.2;

  /** Each data set's defaults, used where the command line gives no value. */
  private record Defaults(ModelChoice model, int epochs, int batchSize, double learningRate, double netLearningRate) {
    static Defaults of(DatasetChoice dataset) {
      return switch (dataset) {
        case TOY -> new Defaults(ModelChoice.LOGISTIC, 1000, TrainingOptions.FULL_BATCH, 1.0, 1.0);
        case BREAST_CANCER -> new Defaults(ModelChoice.LOGISTIC, 100, TrainingOptions.FULL_BATCH, 0.5, 0.5);
        case IRIS -> new Defaults(ModelChoice.SOFTMAX, 300, TrainingOptions.FULL_BATCH, 0.5, 0.5);
        default -> new Defaults(ModelChoice.NET, 10, 32, 0.5, 1.0);
      };
    }
  }

  /** The runs for {@code options}: three for the demo, one otherwise. */
  static List<Experiment> plan(Options options, MnistLocator locator) throws IOException {
    List<Experiment> runs = new ArrayList<>();
    if (options.dataset() == DatasetChoice.DEMO) {
      for (DatasetChoice d : List.of(DatasetChoice.TOY, DatasetChoice.BREAST_CANCER, DatasetChoice.IRIS)) {
        runs.add(of(d, options, locator));
      }
    } else {
      runs.add(of(options.dataset(), options, locator));
    }
    return runs;
  }

  private static Experiment of(DatasetChoice dataset, Options options, MnistLocator locator) throws IOException {
    Defaults defaults = Defaults.of(dataset);
    Dataset[] data = load(dataset, options.seed(), locator);
    ModelChoice choice = options.model() != null ? options.model() : defaults.model();
    Dataset train = data[0];
    int n = train.features();
    int k = train.classes();
    Classifier model;
    String description;
    switch (choice) {
      case LOGISTIC -> {
        if (k != 2) {
          throw new IllegalArgumentException("logistic regression is binary, but " + dataset + " has " + k
              + " classes; use --model softmax or --model net");
        }
        model = LogisticRegression.zeros(n);
        description = "logistic regression";
      }
      case SOFTMAX -> {
        model = SoftmaxRegression.zeros(n, k);
        description = "softmax regression";
      }
      default -> {
        model = new TwoLayerNet(n, options.hidden(), k, options.activation(), options.seed());
        description = "two-layer network " + n + "-" + options.hidden() + "-" + k + " (" + options.activation() + ")";
      }
    }
    double defaultRate = choice == ModelChoice.NET ? defaults.netLearningRate() : defaults.learningRate();
    TrainingOptions training = new TrainingOptions(
        options.epochs() != null ? options.epochs() : defaults.epochs(),
        options.learningRate() != null ? options.learningRate() : defaultRate,
        options.batchSize() != null ? options.batchSize() : defaults.batchSize(),
        options.seed());
    String title = description + " on " + train.name() + " (" + train.size() + " × " + n + ", " + k + " classes)";
    return new Experiment(title, train, data[1], model, training);
  }

  /** The train and test sets; Iris and Breast Cancer are split and standardised on the training part. */
  private static Dataset[] load(DatasetChoice dataset, long seed, MnistLocator locator) throws IOException {
    return switch (dataset) {
      case TOY -> new Dataset[] {EmbeddedDatasets.toy(), EmbeddedDatasets.toy()};
      case BREAST_CANCER -> standardisedSplit(EmbeddedDatasets.breastCancer(), seed);
      case IRIS -> standardisedSplit(EmbeddedDatasets.iris(), seed);
      default -> {
        MnistFiles files = locator.locate();
        MnistData mnist = MnistData.read(files);
        yield new Dataset[] {mnist.train(), mnist.test()};
      }
    };
  }

  private static Dataset[] standardisedSplit(Dataset data, long seed) {
    TrainTestSplit split = TrainTestSplit.stratified(data, TEST_FRACTION, seed);
    Standardizer standardizer = Standardizer.fit(split.train().x());
    return new Dataset[] {standardizer.transform(split.train()), standardizer.transform(split.test())};
  }
}
