package org.logitlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.activation.Activation;
import org.logitlab.data.Dataset;
import org.logitlab.data.EmbeddedDatasets;
import org.logitlab.logistic.LogisticRegression;
import org.logitlab.model.Classifier;
import org.logitlab.model.TrainingOptions;
import org.logitlab.network.TwoLayerNet;
import org.logitlab.softmax.SoftmaxRegression;

class ModelFileTest {

  /**
   * NumPy's and logit-lab's forward passes of the 4-5-3 network differ only in rounding: dot products of
   * at most 5 terms (each within 5·2⁻⁵³ of the sum of magnitudes, here below 20), tanh and exp within an
   * ulp or two; the probabilities, at most 1, agree within 5·20·2⁻⁵³ + a few ulps ≈ 2e-14. 1e-12 keeps a
   * margin of 50 and still catches a transposed or misread weight, which moves them by 1e-2 or more.
   */
  private static final double FORWARD_PASS_TOLERANCE = 1e-12;

  @TempDir
  Path dir;

  private static final Dataset IRIS = EmbeddedDatasets.iris();

  private static TwoLayerNet trainedNetwork(Activation activation) {
    TwoLayerNet net = new TwoLayerNet(IRIS.features(), 6, IRIS.classes(), activation, 7);
    net.fit(IRIS.x(), IRIS.y(), new TrainingOptions(3, 0.1, 16, 3));
    return net;
  }

  @Test
  void everyModelComesBackToTheBitWithItsArchitecture() throws IOException {
    Dataset toy = EmbeddedDatasets.toy();
    LogisticRegression logistic = new LogisticRegression(toy.features(), 1);
    logistic.fit(toy.x(), toy.y(), TrainingOptions.fullBatch(50, 0.5));
    SoftmaxRegression softmax = SoftmaxRegression.zeros(IRIS.features(), IRIS.classes());
    softmax.fit(IRIS.x(), IRIS.y(), new TrainingOptions(5, 0.1, 16, 2));
    TwoLayerNet network = trainedNetwork(Activation.TANH);

    ModelFile.save(logistic, dir.resolve("logistic.npz"));
    ModelFile.save(softmax, dir.resolve("softmax.npz"));
    ModelFile.save(network, dir.resolve("network.npz"));

    LogisticRegression logisticBack = ModelFile.load(dir.resolve("logistic.npz"), LogisticRegression.class);
    assertThat(bits(logisticBack.weights())).isEqualTo(bits(logistic.weights()));
    assertThat(Double.doubleToRawLongBits(logisticBack.bias())).isEqualTo(Double.doubleToRawLongBits(logistic.bias()));
    assertThat(logisticBack.predictProba(toy.x())).isEqualTo(logistic.predictProba(toy.x()));

    SoftmaxRegression softmaxBack = (SoftmaxRegression) ModelFile.load(dir.resolve("softmax.npz"));
    assertThat(softmaxBack.weights()).isDeepEqualTo(softmax.weights());
    assertThat(softmaxBack.biases()).isEqualTo(softmax.biases());
    assertThat(softmaxBack.predictProba(IRIS.x())).isDeepEqualTo(softmax.predictProba(IRIS.x()));

    assertSameNetwork(ModelFile.load(dir.resolve("network.npz"), TwoLayerNet.class), network);
  }

  @Test
  void aLoadedNetworkTrainsOnAsTheOriginalDoes() throws IOException {
    TwoLayerNet network = trainedNetwork(Activation.SIGMOID);
    ModelFile.save(network, dir.resolve("network.npz"));
    TwoLayerNet back = ModelFile.load(dir.resolve("network.npz"), TwoLayerNet.class);
    TrainingOptions more = new TrainingOptions(2, 0.1, 16, 9);
    assertThat(back.fit(IRIS.x(), IRIS.y(), more)).isEqualTo(network.fit(IRIS.x(), IRIS.y(), more));
    assertSameNetwork(back, network);
  }

  @Test
  void readsANetworkNumpyWroteAndPredictsWhatNumpyComputes() throws IOException {
    Path file = fixture("numpy-network.npz");
    TwoLayerNet net = ModelFile.load(file, TwoLayerNet.class);
    assertThat(net.activation()).isEqualTo(Activation.TANH);
    assertThat(new int[] {net.inputs(), net.hidden(), net.outputs()}).containsExactly(4, 5, 3);
    Map<String, NpyArray> expected = Npz.read(fixture("numpy-network-expected.npz"));
    assertClose(net.predictProba(expected.get("X").matrix()), expected.get("P").matrix());
  }

  @Test
  void goesThroughNumpyAndBackToTheBit() throws IOException, InterruptedException {
    Path script = Path.of("src/test/python/npz_round_trip.py").toAbsolutePath();
    Assumptions.assumeTrue(numpyPresent(), "python3 with NumPy is not on this machine: the round trip through "
        + "NumPy is skipped (the file NumPy wrote, numpy-network.npz, is still read)");
    TwoLayerNet network = trainedNetwork(Activation.TANH);
    ModelFile.save(network, dir.resolve("java.npz"));
    Npz.write(dir.resolve("inputs.npz"), Map.of("X", NpyArray.of(IRIS.x())));
    run(List.of("python3", script.toString(), "java.npz", "inputs.npz", "numpy.npz", "p.npz"));

    assertSameNetwork(ModelFile.load(dir.resolve("numpy.npz"), TwoLayerNet.class), network);
    assertClose(network.predictProba(IRIS.x()), Npz.read(dir.resolve("p.npz")).get("P").matrix());
  }

  @Test
  void refusesAFileCutShortOrDamaged() throws IOException {
    Path file = dir.resolve("network.npz");
    ModelFile.save(trainedNetwork(Activation.TANH), file);
    byte[] whole = Files.readAllBytes(file);

    Path cut = Files.write(dir.resolve("cut.npz"), Arrays.copyOf(whole, whole.length / 2));
    assertThatThrownBy(() -> ModelFile.load(cut)).isInstanceOf(NpyFormatException.class)
        .hasMessageStartingWith(cut + ": not a readable .npz (zip) file").hasMessageContaining("save it again");

    byte[] flipped = whole.clone();
    int inW1 = indexOf(whole, "W1.npy".getBytes(StandardCharsets.US_ASCII)) + 200;
    flipped[inW1] ^= 0x55;
    Path damaged = Files.write(dir.resolve("damaged.npz"), flipped);
    assertThatThrownBy(() -> ModelFile.load(damaged)).isInstanceOf(NpyFormatException.class)
        .hasMessageStartingWith(damaged + ":");

    Path text = Files.writeString(dir.resolve("notes.npz"), "not a model");
    assertThatThrownBy(() -> ModelFile.load(text)).isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("not a readable .npz");
    assertThatThrownBy(() -> ModelFile.load(dir.resolve("missing.npz")))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
  }

  @Test
  void refusesAnotherModelOrFormatThanAskedFor() throws IOException {
    Path softmax = dir.resolve("softmax.npz");
    ModelFile.save(SoftmaxRegression.zeros(4, 3), softmax);
    assertThatThrownBy(() -> ModelFile.load(softmax, TwoLayerNet.class)).isInstanceOf(NpyFormatException.class)
        .hasMessage(softmax + ": holds a SoftmaxRegression, not a TwoLayerNet");

    Map<String, NpyArray> arrays = Npz.read(softmax);
    arrays.put("format", NpyArray.of("logit-lab/2"));
    Path newer = write("newer.npz", arrays);
    assertThatThrownBy(() -> ModelFile.load(newer)).hasMessageContaining("its format is 'logit-lab/2'; this logit-lab "
        + "reads 'logit-lab/1': load it with the logit-lab that saved it");

    arrays = Npz.read(softmax);
    arrays.remove("format");
    Path plain = write("plain.npz", arrays);
    assertThatThrownBy(() -> ModelFile.load(plain)).hasMessageContaining("has no array 'format'")
        .hasMessageContaining("format ('logit-lab/1'), model");

    arrays = Npz.read(softmax);
    arrays.put("model", NpyArray.of("RandomForest"));
    Path unknown = write("unknown.npz", arrays);
    assertThatThrownBy(() -> ModelFile.load(unknown))
        .hasMessageContaining("model 'RandomForest' is not one logit-lab saves");
  }

  @Test
  void refusesArraysThatAreMissingMisshapenOrOfAnotherModel() throws IOException {
    Map<String, NpyArray> good = Npz.read(fixture("numpy-network.npz"));

    Map<String, NpyArray> arrays = new LinkedHashMap<>(good);
    arrays.remove("W2");
    assertThatThrownBy(() -> ModelFile.load(write("no-w2.npz", arrays))).isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("has no array 'W2'; a TwoLayerNet file holds format ('logit-lab/1'), model "
            + "('TwoLayerNet'), W1, b1, W2, b2, activation");

    Map<String, NpyArray> transposed = new LinkedHashMap<>(good);
    transposed.put("W2", NpyArray.of(transpose(good.get("W2").matrix())));
    assertThatThrownBy(() -> ModelFile.load(write("transposed.npz", transposed)))
        .hasMessageContaining("W2 has 3 rows but W1 has 5 columns (hidden units)");

    Map<String, NpyArray> bias = new LinkedHashMap<>(good);
    bias.put("b2", NpyArray.of(new double[] {1, 2}));
    assertThatThrownBy(() -> ModelFile.load(write("bias.npz", bias)))
        .hasMessageContaining("b2 has 2 values but W2 has 3 columns (classes)");

    Map<String, NpyArray> flat = new LinkedHashMap<>(good);
    flat.put("W1", NpyArray.of(new double[20]));
    assertThatThrownBy(() -> ModelFile.load(write("flat.npz", flat)))
        .hasMessageContaining("'W1' is a float64 array of shape (20,); it must be 2-d, inputs × hidden units");

    Map<String, NpyArray> relu = new LinkedHashMap<>(good);
    relu.put("activation", NpyArray.of("relu"));
    assertThatThrownBy(() -> ModelFile.load(write("relu.npz", relu)))
        .hasMessageContaining("activation: unknown activation 'relu'");

    Map<String, NpyArray> extra = new LinkedHashMap<>(good);
    extra.put("W3", NpyArray.of(new double[][] {{1}}));
    assertThatThrownBy(() -> ModelFile.load(write("extra.npz", extra)))
        .hasMessageContaining("holds an array 'W3', which a TwoLayerNet file does not have");
  }

  @Test
  void aModelItCannotSaveLeavesTheFileAsItWas() throws IOException {
    Path file = dir.resolve("model.npz");
    ModelFile.save(SoftmaxRegression.zeros(4, 3), file);
    byte[] before = Files.readAllBytes(file);
    Classifier other = new Classifier() {
      @Override
      public double[] fit(double[][] x, int[] labels, TrainingOptions options,
          org.logitlab.model.TrainingListener listener) {
        return new double[0];
      }

      @Override
      public int[] predict(double[][] x) {
        return new int[x.length];
      }

      @Override
      public double[][] predictProba(double[][] x) {
        return new double[x.length][];
      }
    };
    assertThatThrownBy(() -> ModelFile.save(other, file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ModelFile saves LogisticRegression, SoftmaxRegression, TwoLayerNet, not");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model.npz");
    }
  }

  private Path write(String name, Map<String, NpyArray> arrays) throws IOException {
    Path file = dir.resolve(name);
    Npz.write(file, arrays);
    return file;
  }

  private Path fixture(String name) throws IOException {
    return Files.write(dir.resolve(name), NpyTest.fixture(name));
  }

  private static void assertSameNetwork(TwoLayerNet actual, TwoLayerNet expected) {
    assertThat(actual.activation()).isEqualTo(expected.activation());
    assertThat(bits(actual.liveW1())).isDeepEqualTo(bits(expected.liveW1()));
    assertThat(bits(actual.liveB1())).isEqualTo(bits(expected.liveB1()));
    assertThat(bits(actual.liveW2())).isDeepEqualTo(bits(expected.liveW2()));
    assertThat(bits(actual.liveB2())).isEqualTo(bits(expected.liveB2()));
  }

  private static void assertClose(double[][] actual, double[][] expected) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < actual.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        assertThat(actual[i][j]).as("P[%d][%d]", i, j).isCloseTo(expected[i][j], within(FORWARD_PASS_TOLERANCE));
      }
    }
  }

  private static long[] bits(double[] values) {
    return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  private static long[][] bits(double[][] values) {
    return Arrays.stream(values).map(ModelFileTest::bits).toArray(long[][]::new);
  }

  private static double[][] transpose(double[][] m) {
    double[][] t = new double[m[0].length][m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[0].length; j++) {
        t[j][i] = m[i][j];
      }
    }
    return t;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  private static boolean numpyPresent() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the script ended").isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
  }
}
