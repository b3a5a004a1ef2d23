package org.logitlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.data.Downloader;
import org.logitlab.data.IdxBytes;
import org.logitlab.data.LocalHttpServer;
import org.logitlab.data.MnistFile;
import org.logitlab.data.MnistLocator;
import org.logitlab.linalg.Parallelism;

class MainTest {

  @TempDir
  Path temp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(MnistLocator locator, String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false, locator);
  }

  private MnistLocator offlineLocator() throws IOException {
    Downloader nowhere = new Downloader(List.of(LocalHttpServer.deadMirror()), Duration.ofSeconds(2));
    return new MnistLocator(null, temp.resolve("cache"), nowhere, MnistFile::canonical);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static double finalAccuracy(String output, String dataset) {
    Matcher m = Pattern.compile("final test accuracy: ([0-9.]+) \\(\\d+/\\d+ on " + dataset + "\\)").matcher(output);
    assertThat(m.find()).as("a final accuracy line for %s in:%n%s", dataset, output).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void theDefaultRunTrainsTheEmbeddedDemosWithoutADownload() throws IOException {
    assertThat(run(offlineLocator())).isZero();

    String output = out();
    assertThat(output).contains("== logistic regression on toy (6 × 2, 2 classes)",
        "== logistic regression on breast-cancer-train", "== softmax regression on iris-train (120 × 4, 3 classes)");
    assertThat(output).contains("epoch    1/1000  loss 0.6931", "epoch 1000/1000");
    assertThat(finalAccuracy(output, "toy")).isEqualTo(1.0);
    assertThat(finalAccuracy(output, "breast-cancer-test")).isGreaterThan(0.93);
    assertThat(finalAccuracy(output, "iris-test")).isGreaterThan(0.85);
    assertThat(err()).isEmpty();
  }

  @Test
  void optionsChooseTheModelAndItsTraining() throws IOException {
    assertThat(run(offlineLocator(), "--dataset", "iris", "--model", "net", "--hidden", "8", "--activation", "tanh",
        "--epochs", "40", "--batch-size", "16", "--lr", "0.2", "--seed", "3")).isZero();

    assertThat(out()).contains("== two-layer network 4-8-3 (tanh) on iris-train",
        "40 epochs, batch size 16, learning rate 0.2, seed 3", "epoch  4/40", "epoch 40/40");
    assertThat(finalAccuracy(out(), "iris-test")).isGreaterThan(0.8);
  }

  @Test
  void trainsOnMnistFilesFromTheGivenFolderWithTheGivenThreads() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("mnist"));
    writeTinyMnist(dir, "train", 200, 1);
    writeTinyMnist(dir, "t10k", 50, 2);

    try {
      assertThat(run(offlineLocator(), "--dataset", "mnist", "--mnist-dir", dir.toString(), "--hidden", "16",
          "--epochs", "5", "--batch-size", "10", "--lr", "0.5", "--threads", "2")).as(err()).isZero();
      assertThat(Parallelism.threads()).as("threads after --threads 2").isEqualTo(2);
    } finally {
      Parallelism.setThreads(1);
    }
    assertThat(out()).contains("== two-layer network 784-16-10 (sigmoid) on mnist-train (200 × 784, 10 classes)",
        "epoch 1/5", "epoch 5/5");
    assertThat(finalAccuracy(out(), "mnist-test")).isGreaterThan(0.9);
  }

  /** Digits drawn as a bright 3×3 square at a class-specific place, on light noise. */
  private static void writeTinyMnist(Path dir, String prefix, int count, long seed) throws IOException {
    Random random = new Random(seed);
    byte[] pixels = new byte[count * 784];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % 10;
      for (int p = 0; p < 784; p++) {
        pixels[i * 784 + p] = (byte) random.nextInt(40);
      }
      int top = 2 + 2 * labels[i];
      for (int r = top; r < top + 3; r++) {
        for (int c = top; c < top + 3; c++) {
          pixels[i * 784 + r * 28 + c] = (byte) 250;
        }
      }
    }
    Files.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"),
        IdxBytes.gzip(IdxBytes.idx(IdxBytes.IMAGES_MAGIC, new int[] {count, 28, 28}, pixels)));
    Files.write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), IdxBytes.gzip(IdxBytes.labels(labels)));
  }

  @Test
  void withoutMnistItSaysExactlyHowToProvideIt() throws IOException {
    assertThat(run(offlineLocator(), "--dataset", "mnist")).isEqualTo(1);

    assertThat(err()).contains("logit-lab: cannot read mnist:", "set MNIST_DIR to a folder with the four MNIST files",
        "train-images-idx3-ubyte.gz", temp.resolve("cache").toString(), Main.MNIST_HINT);
    assertThat(out()).isEmpty();
  }

  @Test
  void anIncompleteMnistFolderIsNamedFileByFile() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("half"));
    writeTinyMnist(dir, "train", 10, 1);

    assertThat(run(offlineLocator(), "--dataset", "mnist", "--mnist-dir", dir.toString())).isEqualTo(1);
    assertThat(err()).contains(dir.resolve("t10k-images-idx3-ubyte.gz").toString(),
        dir.resolve("t10k-labels-idx1-ubyte.gz").toString());
  }

  @Test
  void helpListsEveryOption() throws IOException {
    assertThat(run(offlineLocator(), "--help")).isZero();
    assertThat(out()).startsWith("Usage: logit-lab [options]").contains("--dataset", "--model", "--hidden",
        "--activation", "--epochs", "--batch-size", "--lr", "--seed", "--mnist-dir", "--threads");
  }

  @Test
  void usageErrorsSayWhatIsWrong() throws IOException {
    assertUsageError("unknown option '--epoch'", "--epoch", "3");
    assertUsageError("--epochs needs a value", "--epochs");
    assertUsageError("unknown option 'extra'", "extra");
    assertUsageError("--dataset takes one of demo, toy, breast-cancer, iris, mnist; got 'cifar'", "--dataset", "cifar");
    assertUsageError("--epochs takes a whole number of at least 1; got '0'", "--epochs", "0");
    assertUsageError("--hidden takes a whole number of at least 1; got 'many'", "--hidden", "many");
    assertUsageError("--lr takes a positive number; got '-1'", "--lr", "-1");
    assertUsageError("--lr takes a positive number; got 'fast'", "--lr", "fast");
    assertUsageError("--seed takes a whole number; got '1.5'", "--seed", "1.5");
    assertUsageError("--threads takes a whole number of at least 1; got '0'", "--threads", "0");
    assertUsageError("--threads takes at most 256; got 1000", "--threads", "1000");
    assertUsageError("logistic regression is binary, but iris has 3 classes; use --model softmax or --model net",
        "--dataset", "iris", "--model", "logistic");
  }

  private void assertUsageError(String message, String... args) throws IOException {
    err.reset();
    assertThat(run(offlineLocator(), args)).as("exit code for %s", List.of(args)).isEqualTo(2);
    assertThat(err()).contains("logit-lab: " + message);
  }
}
