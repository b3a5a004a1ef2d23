package org.logitlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDataTest {

  @TempDir Path dir;

  private static int[] classCounts(Dataset data) {
    int[] counts = new int[data.classes()];
    for (int label : data.y()) {
      counts[label]++;
    }
    return counts;
  }

  @Test
  void readsTheFourFilesIntoNamedDigitDatasets() throws IOException {
    MnistFiles files = new MnistFiles(
        Files.write(dir.resolve("a"), IdxBytes.gzip(IdxBytes.images(3, 2, 2))),
        Files.write(dir.resolve("b"), IdxBytes.labels(5, 0, 9)),
        Files.write(dir.resolve("c"), IdxBytes.images(1, 2, 2)),
        Files.write(dir.resolve("d"), IdxBytes.gzip(IdxBytes.labels(7))));

    MnistData data = MnistData.read(files);

    assertThat(data.train()).hasToString("mnist-train: 3 × 4, 10 classes");
    assertThat(data.test()).hasToString("mnist-test: 1 × 4, 10 classes");
    assertThat(data.train().classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    assertThat(data.train().x()[2]).containsExactly(8 / 255.0, 9 / 255.0, 10 / 255.0, 11 / 255.0);
    assertThat(data.test().y()).containsExactly(7);
  }

  /** Needs the real files: run with MNIST_DIR=/work/shared/datasets/mnist (or a filled cache). */
  @Test
  void theRealFilesHaveTheDocumentedShapesAndLabelCounts() {
    MnistData mnist = MnistFixture.offline();

    assertThat(mnist.test().size()).isEqualTo(10_000);
    assertThat(mnist.test().features()).isEqualTo(784);
    assertThat(classCounts(mnist.test()))
        .containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
    assertThat(mnist.train().features()).isEqualTo(784);
    if (mnist.train().size() == 60_000) {
      assertThat(classCounts(mnist.train()))
          .containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
    } else {
      assertThat(mnist.train().size()).as("the 10,000-image subset of /work/shared/datasets/mnist")
          .isEqualTo(10_000);
      assertThat(classCounts(mnist.train()))
          .containsExactly(1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978);
    }
    double[] pixels = Arrays.stream(mnist.test().x()).flatMapToDouble(Arrays::stream).toArray();
    assertThat(Arrays.stream(pixels).min().orElseThrow()).isEqualTo(0.0);
    assertThat(Arrays.stream(pixels).max().orElseThrow()).isEqualTo(1.0);
  }
}
