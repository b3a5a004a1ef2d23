package org.logitlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.logitlab.data.IdxBytes.IMAGES_MAGIC;
import static org.logitlab.data.IdxBytes.LABELS_MAGIC;
import static org.logitlab.data.IdxBytes.gzip;
import static org.logitlab.data.IdxBytes.idx;
import static org.logitlab.data.IdxBytes.images;
import static org.logitlab.data.IdxBytes.labels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  @Test
  void readsRawImagesWithTheSizesFromTheHeader() throws IOException {
    IdxImages images = IdxReader.readImages(write("images.idx", images(3, 2, 4)));

    assertThat(images.count()).isEqualTo(3);
    assertThat(images.rows()).isEqualTo(2);
    assertThat(images.cols()).isEqualTo(4);
    assertThat(images.pixelsPerImage()).isEqualTo(8);
    assertThat(images.pixels()).hasSize(24).startsWith((byte) 0, (byte) 1).endsWith((byte) 23);
  }

  @Test
  void detectsGzipByItsMagicBytesNotByTheFileName() throws IOException {
    byte[] raw = images(2, 3, 3);
    IdxImages fromGzipWithoutSuffix = IdxReader.readImages(write("gzipped.idx", gzip(raw)));
    IdxImages fromRawWithGzSuffix = IdxReader.readImages(write("raw.gz", raw));

    assertThat(fromGzipWithoutSuffix.pixels()).isEqualTo(fromRawWithGzSuffix.pixels());
    assertThat(fromGzipWithoutSuffix.count()).isEqualTo(2);
  }

  @Test
  void scalesPixelsToTheUnitInterval() {
    IdxImages images = new IdxImages(2, 1, 2, new byte[] {0, (byte) 255, 51, (byte) 128});

    assertThat(images.toFeatures()).isDeepEqualTo(new double[][] {{0, 1}, {0.2, 128 / 255.0}});
  }

  @Test
  void readsLabels() throws IOException {
    int[] labels = IdxReader.readLabels(write("labels", gzip(labels(7, 0, 9, 3))), 10);

    assertThat(labels).containsExactly(7, 0, 9, 3);
  }

  @Test
  void readsAPairIntoADataset() throws IOException {
    Path images = write("images", images(2, 1, 3));
    Path labels = write("labels", labels(1, 0));

    Dataset data = IdxReader.readDataset("pair", images, labels, List.of("a", "b"));

    assertThat(data.name()).isEqualTo("pair");
    assertThat(data.x())
        .isDeepEqualTo(new double[][] {{0, 1 / 255.0, 2 / 255.0}, {3 / 255.0, 4 / 255.0, 5 / 255.0}});
    assertThat(data.y()).containsExactly(1, 0);
    assertThat(data.classNames()).containsExactly("a", "b");
  }

  @Test
  void aLabelFilePassedAsImagesIsNamedAsSuch() throws IOException {
    Path file = write("labels", labels(1, 2));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("expected 2051 (0x00000803")
        .hasMessageContaining("found 2049 (0x00000801)")
        .hasMessageContaining("is this an IDX label file passed as images?");
  }

  @Test
  void anImageFilePassedAsLabelsIsNamedAsSuch() throws IOException {
    Path file = write("images", images(1, 1, 1));

    assertThatThrownBy(() -> IdxReader.readLabels(file, 10))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("expected 2049")
        .hasMessageContaining("found 2051")
        .hasMessageContaining("is this an IDX image file passed as labels?");
  }

  @Test
  void anUnknownMagicNumberSaysItIsNotAnIdxFile() throws IOException {
    Path file = write("notes.txt", "hello, this is text".getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("this is not an IDX image file; check the path");
  }

  @Test
  void nonPositiveDimensionsAreRejected() throws IOException {
    Path zeroRows = write("zero-rows", idx(IMAGES_MAGIC, new int[] {1, 0, 28}, new byte[0]));
    Path negativeCount = write("negative-count", idx(LABELS_MAGIC, new int[] {-5}, new byte[0]));

    assertThatThrownBy(() -> IdxReader.readImages(zeroRows))
        .isInstanceOf(IdxFormatException.class)
        .hasMessage(zeroRows + ": the header gives 0 rows; every dimension must be positive");
    assertThatThrownBy(() -> IdxReader.readLabels(negativeCount, 10))
        .isInstanceOf(IdxFormatException.class)
        .hasMessage(negativeCount + ": the header gives -5 labels; every dimension must be positive");
  }

  @Test
  void aHeaderTooLargeForAnArrayIsRejectedBeforeReading() throws IOException {
    Path file = write("huge", idx(IMAGES_MAGIC, new int[] {65_536, 65_536, 1}, new byte[0]));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("65,536 images of 65536×1")
        .hasMessageContaining("more bytes than one array can hold");
  }

  @Test
  void aTruncatedHeaderSaysWhereTheFileEnds() throws IOException {
    Path file = write("short", new byte[] {0, 0, 8, 3, 0});

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(IdxFormatException.class)
        .hasMessage(file + ": the file ends after 5 bytes, inside the 16-byte IDX header; it is truncated or "
            + "not an IDX file");
  }

  @Test
  void aHeaderCutAfterTheMagicNumberSaysWhereTheFileEnds() throws IOException {
    Path file = write("short", idx(IMAGES_MAGIC, new int[] {1, 28}, new byte[0]));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("the file ends after 12 bytes, inside the 16-byte IDX header");
  }

  @Test
  void truncatedImageDataSaysHowMuchWasExpectedAndFound() throws IOException {
    Path file = write("cut", gzip(idx(IMAGES_MAGIC, new int[] {10_000, 28, 28}, new byte[1000])));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("expected 7,840,016 bytes for 10,000 images of 28×28 (16-byte header "
            + "included), the file ends after 1,016 bytes; download or copy it again");
  }

  @Test
  void truncatedLabelDataSaysHowMuchWasExpectedAndFound() throws IOException {
    Path file = write("cut", idx(LABELS_MAGIC, new int[] {5}, new byte[3]));

    assertThatThrownBy(() -> IdxReader.readLabels(file, 10))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("expected 13 bytes for 5 labels (8-byte header included), the file ends "
            + "after 11 bytes");
  }

  @Test
  void trailingBytesAreRejected() throws IOException {
    byte[] valid = labels(1, 2, 3);
    Path file = write("long", Arrays.copyOf(valid, valid.length + 4));

    assertThatThrownBy(() -> IdxReader.readLabels(file, 10))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("4 unexpected bytes after the 11 bytes the header announces (3 labels)");
  }

  @Test
  void aCorruptGzipStreamIsReported() throws IOException {
    byte[] compressed = gzip(images(50, 28, 28));
    for (int i = 20; i < 60; i++) {
      compressed[i] ^= (byte) 0x5a;
    }
    Path file = write("corrupt.gz", compressed);

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageStartingWith(file + ": corrupt gzip stream (")
        .hasMessageEndingWith("download or copy it again");
  }

  @Test
  void aCutOffGzipStreamIsReported() throws IOException {
    byte[] compressed = gzip(images(50, 28, 28));
    Path file = write("cut.gz", Arrays.copyOf(compressed, compressed.length / 2));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageStartingWith(file + ": corrupt gzip stream (");
  }

  @Test
  void aBrokenGzipHeaderIsReported() throws IOException {
    Path file = write("bad-header.gz", new byte[] {0x1f, (byte) 0x8b, 0x01, 0, 0, 0, 0, 0, 0, 0});

    assertThatThrownBy(() -> IdxReader.readLabels(file, 10))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageStartingWith(file + ": corrupt gzip stream (");
  }

  @Test
  void aLabelOutOfRangeNamesItsIndexAndValue() throws IOException {
    Path file = write("labels", labels(1, 0, 12, 3));

    assertThatThrownBy(() -> IdxReader.readLabels(file, 10))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("label at index 2 is 12, outside [0, 10) for 10 classes");
  }

  @Test
  void labelsAreUnsignedBytes() throws IOException {
    assertThat(IdxReader.readLabels(write("labels", labels(200, 255)), 256)).containsExactly(200, 255);
  }

  @Test
  void aClassCountBelowOneIsAProgrammingError() throws IOException {
    Path file = write("labels", labels(0));

    assertThatThrownBy(() -> IdxReader.readLabels(file, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0");
  }

  @Test
  void aMissingFileSaysSo() {
    Path file = dir.resolve("absent");

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(file + ": no such IDX file; check the path");
  }

  @Test
  void aPairWithDifferentCountsNamesBothFilesAndCounts() throws IOException {
    Path images = write("images", images(3, 2, 2));
    Path labels = write("labels", labels(0, 1));

    assertThatThrownBy(() -> IdxReader.readDataset("pair", images, labels, MnistData.DIGITS))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageStartingWith(labels.toString())
        .hasMessageContaining("has 2 labels but " + images + " has 3 images");
  }

  @Test
  void idxImagesChecksItsDimensions() {
    assertThatThrownBy(() -> new IdxImages(1, 0, 2, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 images of 0×2");
    assertThatThrownBy(() -> new IdxImages(-1, 2, 2, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1 images of 2×2");
    assertThatThrownBy(() -> new IdxImages(2, 2, 2, new byte[7]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("2 images of 2×2 need 8 pixels, got 7");
  }

  @Test
  void idxImagesSummarisesItselfWithoutThePixels() {
    assertThat(new IdxImages(2, 3, 1, new byte[6])).hasToString("IdxImages[2 × 3×1]");
  }
}
