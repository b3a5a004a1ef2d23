package org.logitlab.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.logitlab.activation.Activation;
import org.logitlab.activation.Sigmoid;
import org.logitlab.activation.Softmax;
import org.logitlab.data.Dataset;
import org.logitlab.data.EmbeddedDatasets;
import org.logitlab.data.MnistData;
import org.logitlab.data.MnistFiles;
import org.logitlab.data.MnistLocator;
import org.logitlab.data.Standardizer;
import org.logitlab.data.TrainTestSplit;
import org.logitlab.gradcheck.GradientCheck;
import org.logitlab.logistic.LogisticRegression;
import org.logitlab.loss.BinaryCrossEntropy;
import org.logitlab.loss.Losses;
import org.logitlab.model.Metrics;
import org.logitlab.model.TrainingOptions;
import org.logitlab.network.ForwardPass;
import org.logitlab.network.Gradients;
import org.logitlab.network.HiddenLayer;
import org.logitlab.network.OutputLayer;
import org.logitlab.network.TwoLayerNet;
import org.logitlab.softmax.OneHot;
import org.logitlab.softmax.SoftmaxRegression;

/**
 * Draws every figure of the lessons ({@code lessons/figures/*.png}) from the reference library: each
 * curve, cost history, boundary and count is computed here by {@code org.logitlab.*}, none is typed in.
 * Every random choice is seeded, so a rerun writes the same images.
 *
 * <pre>
 *   MNIST_DIR=/path/to/mnist ./mvnw -B -q -pl solutions test-compile exec:java@lesson-figures
 * </pre>
 *
 * <p>The two MNIST figures ({@link #MNIST_FIGURES}) need MNIST on disk, found as the tests find it
 * ({@code MNIST_DIR}, else the cache; never a download). Without it they are skipped with a message
 * on stderr and every other figure is still written.
 */
public final class LessonFigures {

  /** Width of a chart, in pixels. */
  public static final int WIDTH = 800;
  /** Height of a chart, in pixels. */
  public static final int HEIGHT = 500;
  /** The seed of every random choice (weights, shuffling, splits). */
  public static final long SEED = 42;

  /** A grid of MNIST test digits with the trained network's predictions. */
  public static final String MNIST_DIGITS = "mnist-digits.png";
  /** The confusion matrix of the trained 784-100-10 network on t10k. */
  public static final String MNIST_CONFUSION = "mnist-confusion.png";
  /** The figures that need MNIST. */
  public static final Set<String> MNIST_FIGURES = Set.of(MNIST_DIGITS, MNIST_CONFUSION);

  /** The MNIST network of lesson 7 and the README: 784-100-10, sigmoid, 10 epochs, batch 32, lr 1.0. */
  static final TrainingOptions MNIST_TRAINING = new TrainingOptions(10, 1.0, 32, SEED);

  private static final Color[] PALETTE = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
    new Color(148, 103, 189), new Color(140, 86, 75)
  };
  private static final Color GREY = new Color(120, 120, 120);
  private static final String FONT = Font.SANS_SERIF;

  private LessonFigures() {}

  /** One figure, drawn on demand. */
  @FunctionalInterface
  private interface Figure {
    BufferedImage draw();
  }

  /**
   * Writes every lesson figure into the folder {@code args[0]}.
   *
   * @throws IOException when a figure cannot be written, or when {@code MNIST_DIR} is set but wrong
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: LessonFigures OUTPUT_FOLDER (e.g. lessons/figures)");
    }
    Path folder = Path.of(args[0]).toAbsolutePath().normalize();
    List<String> written = write(folder, findMnist(System.err));
    System.out.println("lesson figures: wrote " + written.size() + " PNGs to " + folder);
  }

  /**
   * MNIST, found without the network: {@code MNIST_DIR}, else the cache. When neither has it, says on
   * {@code err} that the MNIST figures are skipped and returns empty.
   *
   * @throws IOException when {@code MNIST_DIR} is set but lacks a file, or a file is corrupt
   */
  public static Optional<MnistData> findMnist(PrintStream err) throws IOException {
    MnistLocator locator = MnistLocator.fromEnvironment();
    Optional<MnistFiles> files = locator.findOffline();
    if (files.isEmpty()) {
      err.println("lesson figures: MNIST not found (" + MnistLocator.MNIST_DIR + " is not set and the cache "
          + locator.cacheDirectory() + " lacks it), so " + String.join(" and ", MNIST_FIGURES.stream().sorted()
          .toList()) + " are skipped; set " + MnistLocator.MNIST_DIR + " to a folder with the four MNIST files "
          + "to draw them");
      return Optional.empty();
    }
    return Optional.of(MnistData.read(files.get()));
  }

  /**
   * Writes the figures into {@code folder} (created if needed): all of them, or all but
   * {@link #MNIST_FIGURES} when {@code mnist} is empty.
   *
   * @return the file names written, in lesson order
   */
  public static List<String> write(Path folder, Optional<MnistData> mnist) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Map<String, Figure> figures = new LinkedHashMap<>();
    // lesson 1
    figures.put("sigmoid-weights.png", LessonFigures::sigmoidWeights);
    figures.put("sigmoid-bias.png", LessonFigures::sigmoidBias);
    // lesson 2
    figures.put("bce-curves.png", LessonFigures::bceCurves);
    figures.put("mse-vs-bce.png", LessonFigures::mseVersusBce);
    // lesson 3
    figures.put("toy-cost.png", LessonFigures::toyCost);
    figures.put("toy-boundary.png", LessonFigures::toyBoundary);
    figures.put("breast-cancer-cost.png", LessonFigures::breastCancerCost);
    // lesson 4
    figures.put("softmax-vs-sigmoid.png", LessonFigures::softmaxVersusSigmoid);
    // lesson 5
    figures.put("iris-cost.png", LessonFigures::irisCost);
    // lesson 6
    figures.put("activations.png", LessonFigures::activations);
    // lesson 7
    if (mnist.isPresent()) {
      MnistRun run = MnistRun.train(mnist.get());
      figures.put(MNIST_DIGITS, () -> mnistDigits(run));
      figures.put(MNIST_CONFUSION, () -> mnistConfusion(run));
    }
    figures.put("gradient-check.png", LessonFigures::gradientCheck);
    figures.put("loss-functions.png", LessonFigures::lossFunctions);
    figures.put("gradient-descent-path.png", LessonFigures::gradientDescentPath);
    figures.put("gradient-descent-iterates.png", LessonFigures::gradientDescentIterates);

    Files.createDirectories(folder);
    List<String> written = new ArrayList<>();
    for (Map.Entry<String, Figure> figure : figures.entrySet()) {
      writePng(figure.getValue().draw(), folder.resolve(figure.getKey()));
      written.add(figure.getKey());
    }
    return written;
  }

  /** Writes {@code image} as a PNG with the strongest (lossless) compression, to keep the files small. */
  private static void writePng(BufferedImage image, Path file) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.0f);
    Files.deleteIfExists(file);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }

  // ---------------------------------------------------------------- lesson 1: the sigmoid

  static BufferedImage sigmoidWeights() {
    XYChart chart = xyChart("σ(w·x + b) with b = 0: a larger w makes a steeper step", "x", "σ(w·x + b)");
    double[] x = range(-8, 8, 321);
    double[] weights = {0.5, 1, 2, 5};
    for (int i = 0; i < weights.length; i++) {
      double w = weights[i];
      line(chart, "w = " + number(w), x, map(x, v -> Sigmoid.apply(w * v)), PALETTE[i]);
    }
    threshold(chart, x, 0.5, "threshold 0.5");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    return image(chart);
  }

  static BufferedImage sigmoidBias() {
    XYChart chart = xyChart("σ(x + b) with w = 1: b shifts the curve, which crosses 0.5 at x = −b/w", "x",
        "σ(w·x + b)");
    double[] x = range(-8, 8, 321);
    double[] biases = {-3, 0, 3};
    for (int i = 0; i < biases.length; i++) {
      double b = biases[i];
      line(chart, "b = " + number(b), x, map(x, v -> Sigmoid.apply(v + b)), PALETTE[i]);
    }
    threshold(chart, x, 0.5, "threshold 0.5");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    return image(chart);
  }

  // ---------------------------------------------------------------- lesson 2: binary cross-entropy

  static BufferedImage bceCurves() {
    XYChart chart = xyChart("Binary cross-entropy of one sample: confident and wrong costs the most",
        "predicted probability ŷ = P(y = 1)", "loss");
    double[] p = map(range(-5.3, 5.3, 400), Sigmoid::apply); // dense near 0 and 1, where the curves are steep
    line(chart, "y = 1:  −log ŷ", p, map(p, q -> BinaryCrossEntropy.loss(new double[] {q}, new double[] {1})),
        PALETTE[0]);
    line(chart, "y = 0:  −log(1 − ŷ)", p,
        map(p, q -> BinaryCrossEntropy.loss(new double[] {q}, new double[] {0})), PALETTE[1]);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideN);
    return image(chart);
  }

  /** The toy data's first feature, standardized, and its labels as doubles. */
  private static double[][] toyFirstFeature() {
    Dataset toy = EmbeddedDatasets.toy();
    double[][] standardized = Standardizer.fit(toy.x()).transform(toy.x());
    double[] x1 = new double[toy.size()];
    double[] y = new double[toy.size()];
    for (int i = 0; i < x1.length; i++) {
      x1[i] = standardized[i][0];
      y[i] = toy.y()[i];
    }
    return new double[][] {x1, y};
  }

  static BufferedImage mseVersusBce() {
    double[][] data = toyFirstFeature();
    double[] x1 = data[0];
    double[] y = data[1];
    double[] w = range(-6, 6, 241);
    double[] mse = new double[w.length];
    double[] bce = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      double[] yHat = new double[x1.length];
      for (int s = 0; s < x1.length; s++) {
        yHat[s] = Sigmoid.apply(w[i] * x1[s]);
      }
      mse[i] = Losses.meanSquaredError(yHat, y);
      bce[i] = BinaryCrossEntropy.loss(yHat, y);
    }
    XYChart chart = xyChart(
        "Cost of the 6-point example as a function of one weight, ŷ = σ(w·x₁) (x₁ standardized)", "w", "cost");
    line(chart, "MSE  (1/m)·Σ(ŷ − y)²   (left axis: S-shaped, not convex)", w, mse, PALETTE[3]);
    XYSeries ce = line(chart, "BCE  (right axis: convex)", w, bce, PALETTE[0]);
    ce.setYAxisGroup(1);
    chart.setYAxisGroupTitle(0, "MSE");
    chart.setYAxisGroupTitle(1, "binary cross-entropy");
    chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setChartTitleFont(new Font(FONT, Font.BOLD, 15));
    return image(chart);
  }

  // ---------------------------------------------------------------- lesson 3: logistic regression

  static BufferedImage toyCost() {
    Dataset toy = EmbeddedDatasets.toy();
    double[] costs = LogisticRegression.zeros(2).fit(toy.x(), toy.y(), TrainingOptions.fullBatch(1000, 1.0));
    XYChart chart = xyChart("Logistic regression on the 6-point example: full batch, lr = 1, 1000 epochs",
        "epoch (log scale)", "cost J(w, b), mean BCE (log scale)");
    line(chart, "cost at the start of each epoch", range(1, costs.length, costs.length), costs, PALETTE[0]);
    chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    return image(chart);
  }

  static BufferedImage toyBoundary() {
    Dataset toy = EmbeddedDatasets.toy();
    XYChart chart = xyChart("Decision boundary w₁x₁ + w₂x₂ + b = 0 after 10, 100 and 1000 epochs (lr = 1)",
        "x₁", "x₂");
    double[] box = {0, 7, 0, 6};
    LogisticRegression model = LogisticRegression.zeros(2);
    int done = 0;
    int[] epochs = {10, 100, 1000};
    for (int i = 0; i < epochs.length; i++) {
      model.fit(toy.x(), toy.y(), TrainingOptions.fullBatch(epochs[i] - done, 1.0));
      done = epochs[i];
      double[] w = model.weights();
      double[][] segment = clip(w[0], w[1], model.bias(), box);
      XYSeries s = line(chart, String.format(Locale.ROOT, "after %d epochs: %.2f·x₁ %s·x₂ %s = 0", epochs[i],
          w[0], signed(w[1]), signed(model.bias())), segment[0], segment[1], PALETTE[2 + i]);
      s.setLineStyle(i == epochs.length - 1 ? SeriesLines.SOLID : SeriesLines.DASH_DASH);
    }
    for (int c = 0; c < 2; c++) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < toy.size(); i++) {
        if (toy.y()[i] == c) {
          xs.add(toy.x()[i][0]);
          ys.add(toy.x()[i][1]);
        }
      }
      XYSeries points = chart.addSeries("y = " + c + " (" + toy.classNames().get(c) + ")", xs, ys);
      points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      points.setMarker(c == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
      points.setMarkerColor(PALETTE[c]);
    }
    chart.getStyler().setMarkerSize(12);
    chart.getStyler().setXAxisMin(box[0]).setXAxisMax(box[1]).setYAxisMin(box[2]).setYAxisMax(box[3]);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    return image(chart);
  }

  /** {@code "+ 1.52"} or {@code "− 0.58"}, for a term of an equation. */
  private static String signed(double v) {
    return String.format(Locale.ROOT, "%s %.2f", v < 0 ? "−" : "+", Math.abs(v));
  }

  /** The endpoints of the part of the line a·x + b·y + c = 0 inside the box {xmin, xmax, ymin, ymax}. */
  private static double[][] clip(double a, double b, double c, double[] box) {
    List<double[]> hits = new ArrayList<>();
    for (double x : new double[] {box[0], box[1]}) {
      double y = -(a * x + c) / b;
      if (b != 0 && y >= box[2] && y <= box[3]) {
        hits.add(new double[] {x, y});
      }
    }
    for (double y : new double[] {box[2], box[3]}) {
      double x = -(b * y + c) / a;
      if (a != 0 && x >= box[0] && x <= box[1]) {
        hits.add(new double[] {x, y});
      }
    }
    hits.sort((p, q) -> Double.compare(p[0], q[0]));
    if (hits.size() < 2) {
      throw new IllegalStateException("the boundary misses the plotted box");
    }
    double[] first = hits.get(0);
    double[] last = hits.get(hits.size() - 1);
    return new double[][] {{first[0], last[0]}, {first[1], last[1]}};
  }

  /** The lesson's Breast Cancer split: 20 % of each class held out with the seed, as the CLI does. */
  static TrainTestSplit breastCancerSplit() {
    return TrainTestSplit.stratified(EmbeddedDatasets.breastCancer(), 0.2, SEED);
  }

  static BufferedImage breastCancerCost() {
    TrainTestSplit split = breastCancerSplit();
    Standardizer standardizer = Standardizer.fit(split.train().x());
    TrainingOptions options = TrainingOptions.fullBatch(100, 0.5);
    double[] standardized = LogisticRegression.zeros(30).fit(standardizer.transform(split.train().x()),
        split.train().y(), options);
    double[] raw = LogisticRegression.zeros(30).fit(split.train().x(), split.train().y(), options);
    XYChart chart = xyChart("Breast Cancer Wisconsin, logistic regression: full batch, lr = 0.5",
        "epoch", "training cost, mean BCE (log scale)");
    double[] epochs = range(1, options.epochs(), options.epochs());
    line(chart, "raw features (areas in the hundreds, lr far too large for them)", epochs, raw, PALETTE[3]);
    line(chart, "standardized features (mean 0, standard deviation 1)", epochs, standardized, PALETTE[0]);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
    return image(chart);
  }

  // ---------------------------------------------------------------- lesson 4: softmax

  /** The example logits of lesson 4. */
  static final double[] LOGITS = {2.0, 1.0, 0.1};

  static BufferedImage softmaxVersusSigmoid() {
    double[] softmax = Softmax.apply(LOGITS);
    double[] sigmoids = Sigmoid.apply(LOGITS);
    List<String> classes = new ArrayList<>();
    for (int j = 0; j < LOGITS.length; j++) {
      classes.add("class " + j + "  (z = " + number(LOGITS[j]) + ")");
    }
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Logits z = [2, 1, 0.1]: softmax versus independent sigmoids")
        .xAxisTitle("class").yAxisTitle("probability").build();
    style(chart.getStyler());
    chart.getStyler().setLabelsVisible(true).setLabelsFont(new Font(FONT, Font.PLAIN, 13)).setLabelsPosition(0.92);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    CategorySeries a = chart.addSeries(String.format(Locale.ROOT, "softmax: one distribution, sums to %.2f",
        Arrays.stream(softmax).sum()), classes, boxed(softmax));
    a.setFillColor(PALETTE[0]);
    CategorySeries b = chart.addSeries(String.format(Locale.ROOT, "independent sigmoids: sum %.2f",
        Arrays.stream(sigmoids).sum()), classes, boxed(sigmoids));
    b.setFillColor(PALETTE[1]);
    return image(chart);
  }

  // ---------------------------------------------------------------- lesson 5: softmax regression

  /** The lesson's Iris split: 20 % of each class held out with the seed, as the CLI does. */
  static TrainTestSplit irisSplit() {
    return TrainTestSplit.stratified(EmbeddedDatasets.iris(), 0.2, SEED);
  }

  static BufferedImage irisCost() {
    TrainTestSplit split = irisSplit();
    Standardizer standardizer = Standardizer.fit(split.train().x());
    Dataset train = standardizer.transform(split.train());
    Dataset test = standardizer.transform(split.test());
    SoftmaxRegression model = SoftmaxRegression.zeros(4, 3);
    int epochs = 300;
    double[] trainCost = new double[epochs + 1];
    double[] testCost = new double[epochs + 1];
    trainCost[0] = model.loss(train.x(), train.y());
    testCost[0] = model.loss(test.x(), test.y());
    for (int e = 1; e <= epochs; e++) {
      model.fit(train.x(), train.y(), TrainingOptions.fullBatch(1, 0.5)); // full batch: one more epoch
      trainCost[e] = model.loss(train.x(), train.y());
      testCost[e] = model.loss(test.x(), test.y());
    }
    XYChart chart = xyChart(String.format(Locale.ROOT,
        "Softmax regression on Iris (standardized, full batch, lr = 0.5): test accuracy %.3f",
        model.score(test.x(), test.y())), "epoch", "mean cross-entropy");
    double[] x = range(0, epochs, epochs + 1);
    line(chart, "training set (" + train.size() + " flowers)", x, trainCost, PALETTE[0]);
    line(chart, "test set (" + test.size() + " flowers)", x, testCost, PALETTE[1]);
    threshold(chart, x, Math.log(3), "ln 3 = the cost of guessing 1/3 for every class");
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.6);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    return image(chart);
  }

  // ---------------------------------------------------------------- lesson 6: the two-layer network

  static BufferedImage activations() {
    XYChart chart = xyChart("Hidden activations g and their derivatives g′: tanh′(0) = 1, σ′(0) = 0.25", "z",
        "g(z) and g′(z)");
    double[] z = range(-5, 5, 201);
    Activation[] gs = {Activation.SIGMOID, Activation.TANH};
    String[] names = {"σ", "tanh"};
    String[] derivatives = {"σ′ = a·(1 − a)", "tanh′ = 1 − a²"};
    for (int i = 0; i < gs.length; i++) {
      Activation g = gs[i];
      line(chart, names[i] + "(z)", z, map(z, g::apply), PALETTE[i]);
      line(chart, derivatives[i], z, map(z, g::derivative), PALETTE[i]).setLineStyle(SeriesLines.DASH_DASH);
    }
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    return image(chart);
  }

  // ---------------------------------------------------------------- lesson 7: MNIST end to end

  /** The trained MNIST network and its test predictions, shared by the two MNIST figures. */
  record MnistRun(MnistData data, int[] predicted, double accuracy) {

    static MnistRun train(MnistData data) {
      TwoLayerNet net = new TwoLayerNet(784, 100, 10, Activation.SIGMOID, SEED);
      net.fit(data.train().x(), data.train().y(), MNIST_TRAINING);
      int[] predicted = net.predict(data.test().x());
      return new MnistRun(data, predicted, Metrics.accuracy(data.test().y(), predicted));
    }
  }

  static BufferedImage mnistDigits(MnistRun run) {
    Dataset test = run.data().test();
    int columns = 8;
    int scale = 3;
    int tile = 28 * scale;
    int cellWidth = 96;
    int cellHeight = tile + 24;
    List<Integer> first = new ArrayList<>();
    List<Integer> wrong = new ArrayList<>();
    for (int i = 0; i < test.size() && (first.size() < 3 * columns || wrong.size() < columns); i++) {
      if (first.size() < 3 * columns) {
        first.add(i);
      }
      if (run.predicted()[i] != test.y()[i] && wrong.size() < columns) {
        wrong.add(i);
      }
    }
    BufferedImage image = new BufferedImage(WIDTH, 515, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(image);
    int left = (WIDTH - columns * cellWidth) / 2;
    g.setFont(new Font(FONT, Font.BOLD, 16));
    centered(g, "MNIST t10k: the first 24 test digits (label → prediction of the 784-100-10 net)", WIDTH / 2, 26);
    int top = 42;
    for (int k = 0; k < first.size(); k++) {
      drawDigit(g, test, run.predicted(), first.get(k), left + (k % columns) * cellWidth,
          top + (k / columns) * cellHeight, scale);
    }
    top += 3 * cellHeight + 8;
    g.setColor(Color.BLACK);
    g.setFont(new Font(FONT, Font.BOLD, 16));
    centered(g, "... and the first " + wrong.size() + " it gets wrong", WIDTH / 2, top + 12);
    for (int k = 0; k < wrong.size(); k++) {
      drawDigit(g, test, run.predicted(), wrong.get(k), left + k * cellWidth, top + 24, scale);
    }
    g.dispose();
    return image;
  }

  private static void drawDigit(Graphics2D g, Dataset test, int[] predicted, int index, int x, int y, int scale) {
    double[] pixels = test.x()[index];
    int cellWidth = 96;
    int tileX = x + (cellWidth - 28 * scale) / 2;
    for (int r = 0; r < 28; r++) {
      for (int c = 0; c < 28; c++) {
        int ink = (int) Math.round(255 * (1 - pixels[r * 28 + c]));
        g.setColor(new Color(ink, ink, ink));
        g.fillRect(tileX + c * scale, y + r * scale, scale, scale);
      }
    }
    g.setColor(new Color(200, 200, 200));
    g.drawRect(tileX, y, 28 * scale - 1, 28 * scale - 1);
    boolean right = predicted[index] == test.y()[index];
    g.setColor(right ? Color.BLACK : PALETTE[3]);
    g.setFont(new Font(FONT, right ? Font.PLAIN : Font.BOLD, 14));
    centered(g, test.y()[index] + " → " + predicted[index], x + cellWidth / 2, y + 28 * scale + 17);
  }

  static BufferedImage mnistConfusion(MnistRun run) {
    int k = 10;
    int[][] counts = Metrics.confusionMatrix(run.data().test().y(), run.predicted(), k);
    int maxOff = 1;
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        if (t != p) {
          maxOff = Math.max(maxOff, counts[t][p]);
        }
      }
    }
    int cell = 38;
    int left = 90;
    int top = 100;
    BufferedImage image = new BufferedImage(WIDTH, 500, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(image);
    g.setFont(new Font(FONT, Font.BOLD, 16));
    centered(g, String.format(Locale.ROOT, "Confusion matrix of the 784-100-10 sigmoid net on MNIST t10k "
        + "(accuracy %.4f)", run.accuracy()), WIDTH / 2, 26);
    g.setFont(new Font(FONT, Font.PLAIN, 13));
    centered(g, String.format(Locale.ROOT, "trained on %d images: %d epochs, batch %d, lr %s, seed %d",
        run.data().train().size(), MNIST_TRAINING.epochs(), MNIST_TRAINING.batchSize(),
        MNIST_TRAINING.learningRate(), MNIST_TRAINING.seed()), WIDTH / 2, 48);
    g.setFont(new Font(FONT, Font.BOLD, 14));
    centered(g, "predicted digit", left + k * cell / 2, top - 28);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    centered(rotated, "true digit", -(top + k * cell / 2), left - 34);
    rotated.dispose();
    for (int i = 0; i < k; i++) {
      g.setFont(new Font(FONT, Font.PLAIN, 14));
      g.setColor(Color.BLACK);
      centered(g, String.valueOf(i), left + i * cell + cell / 2, top - 6);
      centered(g, String.valueOf(i), left - 12, top + i * cell + cell / 2 + 5);
    }
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        double share = t == p ? 1.0 : Math.sqrt(counts[t][p] / (double) maxOff);
        Color base = t == p ? new Color(31, 119, 180) : new Color(214, 39, 40);
        g.setColor(t == p || counts[t][p] > 0 ? mix(Color.WHITE, base, t == p ? 0.85 : 0.75 * share) : Color.WHITE);
        g.fillRect(left + p * cell, top + t * cell, cell, cell);
        g.setColor(new Color(220, 220, 220));
        g.drawRect(left + p * cell, top + t * cell, cell, cell);
        g.setColor(t == p ? Color.WHITE : Color.BLACK);
        g.setFont(new Font(FONT, t == p ? Font.BOLD : Font.PLAIN, 12));
        if (counts[t][p] > 0 || t == p) {
          centered(g, String.valueOf(counts[t][p]), left + p * cell + cell / 2, top + t * cell + cell / 2 + 4);
        }
      }
    }
    // the most frequent mistakes, to the right of the grid
    List<int[]> mistakes = new ArrayList<>();
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        if (t != p && counts[t][p] > 0) {
          mistakes.add(new int[] {counts[t][p], t, p});
        }
      }
    }
    mistakes.sort((a, b) -> a[0] != b[0] ? Integer.compare(b[0], a[0])
        : a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[2], b[2]));
    int textX = left + k * cell + 40;
    int textY = top + 10;
    g.setColor(Color.BLACK);
    g.setFont(new Font(FONT, Font.BOLD, 14));
    g.drawString("How to read it", textX, textY);
    g.setFont(new Font(FONT, Font.PLAIN, 13));
    String[] help = {"row: the true digit", "column: the network's answer", "blue diagonal: correct answers",
        "red cells: mistakes (darker = more)", "", "The most frequent mistakes:"};
    for (String s : help) {
      textY += 20;
      g.drawString(s, textX, textY);
    }
    for (int i = 0; i < Math.min(6, mistakes.size()); i++) {
      int[] m = mistakes.get(i);
      textY += 20;
      g.drawString(String.format(Locale.ROOT, "  a %d read as %d: %d times", m[1], m[2], m[0]), textX, textY);
    }
    g.dispose();
    return image;
  }

  /** A seeded random classification batch for the gradient check figure. */
  static BufferedImage gradientCheck() {
    int m = 8;
    int n = 5;
    int h = 4;
    int k = 3;
    Random random = new Random(SEED);
    double[][] x = new double[m][n];
    int[] labels = new int[m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        x[i][j] = random.nextGaussian();
      }
      labels[i] = random.nextInt(k);
    }
    double[][] y = OneHot.encode(labels, k);
    TwoLayerNet net = new TwoLayerNet(n, h, k, Activation.TANH, SEED);
    ForwardPass pass = net.forward(x);
    Gradients right = net.backward(x, pass, y);
    // bug 1: the mean's 1/m forgotten, so every gradient is m times too large
    Gradients noMean = new Gradients(right.dZ1(), scaled(right.dW1(), m), scaled(right.db1(), m), right.dZ2(),
        scaled(right.dW2(), m), scaled(right.db2(), m));
    // bug 2: the hidden layer is tanh, but its backprop uses the sigmoid's derivative
    Gradients wrongDerivative = Gradients.allocate(m, n, h, k);
    OutputLayer.backward(pass, y, wrongDerivative);
    HiddenLayer.backward(x, pass, net.liveW2(), Activation.SIGMOID, wrongDerivative);

    List<String> groups = List.of("W1", "b1", "W2", "b2");
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Gradient check of a 5-4-3 tanh net (m = 8, h = 1e-5)")
        .xAxisTitle("parameter group").yAxisTitle("worst relative error (lines at 1e-7 and 1e-4)").build();
    style(chart.getStyler());
    chart.getStyler().setYAxisLogarithmic(true).setYAxisMin(1e-12).setYAxisMax(10.0);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
    Gradients[] variants = {right, noMean, wrongDerivative};
    String[] names = {"correct backprop", "bug: 1/m forgotten (every gradient m times too large)",
        "bug: σ′ = a(1 − a) used under the tanh layer"};
    for (int v = 0; v < variants.length; v++) {
      Gradients grads = variants[v];
      double[] errors = {
        GradientCheck.check(() -> net.loss(x, y), net.liveW1(), grads.dW1()).relativeError(),
        GradientCheck.check(() -> net.loss(x, y), net.liveB1(), grads.db1()).relativeError(),
        GradientCheck.check(() -> net.loss(x, y), net.liveW2(), grads.dW2()).relativeError(),
        GradientCheck.check(() -> net.loss(x, y), net.liveB2(), grads.db2()).relativeError()};
      chart.addSeries(names[v], groups, boxed(errors)).setFillColor(PALETTE[v == 0 ? 2 : v == 1 ? 1 : 3]);
    }
    chart.addAnnotation(new AnnotationLine(1e-7, false, false));
    chart.addAnnotation(new AnnotationLine(1e-4, false, false));
    return image(chart);
  }

  private static double[][] scaled(double[][] a, double factor) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = scaled(a[i], factor);
    }
    return out;
  }

  private static double[] scaled(double[] a, double factor) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] * factor;
    }
    return out;
  }

  static BufferedImage lossFunctions() {
    XYChart chart = xyChart("Losses of one positive example (y = 1) as its score z grows", "score z = w·x + b "
        + "(for hinge with y = ±1: the margin y·z)", "loss");
    double[] z = range(-3, 3, 241);
    double[] one = {1};
    line(chart, "cross-entropy  −log σ(z) = log(1 + e^(−z))", z,
        map(z, s -> BinaryCrossEntropy.lossFromLogits(new double[] {s}, one)), PALETTE[0]);
    line(chart, "hinge  max(0, 1 − z)", z, map(z, s -> Losses.hinge(new double[] {s}, one)), PALETTE[1]);
    line(chart, "MSE  (σ(z) − 1)²", z, map(z, s -> Losses.meanSquaredError(new double[] {Sigmoid.apply(s)}, one)),
        PALETTE[2]);
    line(chart, "MAE  |σ(z) − 1|", z, map(z, s -> Losses.meanAbsoluteError(new double[] {Sigmoid.apply(s)}, one)),
        PALETTE[4]);
    line(chart, "0-1 loss (the error count itself)", z, map(z, s -> s < 0 ? 1 : 0), GREY)
        .setLineStyle(SeriesLines.DASH_DASH);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(4.0);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    return image(chart);
  }

  /** f(w) = w² − 10w + 25 = (w − 5)², written as the mean squared error of one prediction w against 5. */
  static double parabola(double w) {
    return Losses.meanSquaredError(new double[] {w}, new double[] {5});
  }

  /** The iterates w₀ = 0, w_{t+1} = w_t − α·f′(w_t) with f′(w) = 2w − 10. */
  static double[] descend(double rate, int steps) {
    double[] w = new double[steps + 1];
    for (int t = 0; t < steps; t++) {
      w[t + 1] = w[t] - rate * (2 * w[t] - 10);
    }
    return w;
  }

  static BufferedImage gradientDescentPath() {
    XYChart chart = xyChart("Gradient descent on f(w) = w² − 10w + 25 from w₀ = 0", "w", "f(w)");
    double[] w = range(-1, 11, 241);
    line(chart, "f(w) = (w − 5)²", w, map(w, LessonFigures::parabola), Color.BLACK);
    double[] rates = {0.1, 0.5, 0.9};
    String[] notes = {"small steps, slowly", "one step to the minimum", "overshoots, zigzags in"};
    for (int i = 0; i < rates.length; i++) {
      double[] path = descend(rates[i], 8);
      XYSeries s = chart.addSeries("α = " + number(rates[i]) + ": " + notes[i], path,
          map(path, LessonFigures::parabola));
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(PALETTE[i]);
      s.setLineColor(PALETTE[i]);
      s.setLineWidth(1.5f);
    }
    chart.getStyler().setMarkerSize(8);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideN);
    return image(chart);
  }

  static BufferedImage gradientDescentIterates() {
    XYChart chart = xyChart("w_t of gradient descent on (w − 5)²: w_t − 5 = (1 − 2α)^t·(w₀ − 5)", "step t",
        "w_t");
    int steps = 15;
    double[] t = range(0, steps, steps + 1);
    double[] rates = {0.1, 0.5, 0.9, 1.0, 1.05};
    for (int i = 0; i < rates.length; i++) {
      XYSeries s = line(chart, "α = " + number(rates[i]), t, descend(rates[i], steps), PALETTE[i]);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(PALETTE[i]);
    }
    chart.getStyler().setMarkerSize(6);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    return image(chart);
  }

  // ---------------------------------------------------------------- drawing helpers

  private static XYChart xyChart(String title, String xTitle, String yTitle) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    style(chart.getStyler());
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    return chart;
  }

  private static void style(AxesChartStyler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderColor(new Color(180, 180, 180));
    styler.setPlotGridLinesColor(new Color(225, 225, 225));
    styler.setLegendBorderColor(new Color(200, 200, 200));
    styler.setChartTitleFont(new Font(FONT, Font.BOLD, 16));
    styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, 14));
    styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
    styler.setLegendFont(new Font(FONT, Font.PLAIN, 13));
    styler.setChartTitleBoxVisible(false);
    styler.setChartPadding(12);
    styler.setSeriesColors(PALETTE);
    styler.setLocale(Locale.ROOT);
    styler.setAntiAlias(true);
  }

  private static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineWidth(2.2f);
    return s;
  }

  private static void threshold(XYChart chart, double[] x, double level, String name) {
    double[] y = new double[x.length];
    Arrays.fill(y, level);
    line(chart, name, x, y, GREY).setLineStyle(SeriesLines.DOT_DOT);
  }

  private static BufferedImage image(Chart<?, ?> chart) {
    if (chart instanceof XYChart xy) {
      roundTicks(xy);
    }
    return BitmapEncoder.getBufferedImage(chart);
  }

  /**
   * XChart labels an x axis whose values are all equally spaced with every n-th data value (ticks at
   * 12, 24, 36 or −2.7, −2.4); one invisible extra point, off the grid, makes it choose round ticks.
   */
  private static void roundTicks(XYChart chart) {
    XYSeries first = chart.getSeriesMap().values().iterator().next();
    double[] x = first.getXData();
    double[] y = first.getYData();
    if (x.length < 2) {
      return;
    }
    XYSeries hidden = chart.addSeries(" ", new double[] {x[0], x[0] + (x[1] - x[0]) / 3}, new double[] {y[0], y[0]});
    hidden.setShowInLegend(false);
    hidden.setMarker(SeriesMarkers.NONE);
    hidden.setLineColor(new Color(0, 0, 0, 0));
  }

  private static Graphics2D canvas(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1f));
    return g;
  }

  private static void centered(Graphics2D g, String text, int x, int baseline) {
    FontMetrics metrics = g.getFontMetrics();
    g.drawString(text, x - metrics.stringWidth(text) / 2, baseline);
  }

  private static Color mix(Color from, Color to, double t) {
    return new Color((int) Math.round(from.getRed() + t * (to.getRed() - from.getRed())),
        (int) Math.round(from.getGreen() + t * (to.getGreen() - from.getGreen())),
        (int) Math.round(from.getBlue() + t * (to.getBlue() - from.getBlue())));
  }

  /** {@code count} evenly spaced values from {@code from} to {@code to}, both included. */
  private static double[] range(double from, double to, int count) {
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      v[i] = count == 1 ? from : from + (to - from) * i / (count - 1);
    }
    return v;
  }

  private static double[] map(double[] x, DoubleUnaryOperator f) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = f.applyAsDouble(x[i]);
    }
    return y;
  }

  private static List<Double> boxed(double[] values) {
    return Arrays.stream(values).boxed().toList();
  }

  /** {@code 2} for 2.0, {@code 0.5} for 0.5, {@code −3} (with a minus sign) for −3.0. */
  private static String number(double v) {
    String s = v == Math.rint(v) ? String.valueOf((long) Math.abs(v)) : String.valueOf(Math.abs(v));
    return v < 0 ? "−" + s : s;
  }
}
