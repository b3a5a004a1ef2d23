package org.logitlab.data;

import java.io.IOException;
import java.util.List;

/**
 * MNIST as two data sets, {@code "mnist-train"} and {@code "mnist-test"}: one row of 784 pixels per
 * image (28×28, row by row, each pixel divided by 255 so in [0, 1]) and classes {@code "0"}..{@code "9"}.
 *
 * @param train the training set (60,000 images in the canonical files, fewer in a subset)
 * @param test the test set
 */
public record MnistData(Dataset train, Dataset test) {

  /** The class names: label {@code d} is the digit {@code d}. */
  public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  /**
   * Reads the four files; sizes come from their headers.
   *
   * @param files the four files
   * @return the training and test sets
   * @throws IOException if a file cannot be read or is not what its name says
   */
  public static MnistData read(MnistFiles files) throws IOException {
    return new MnistData(
        IdxReader.readDataset("mnist-train", files.trainImages(), files.trainLabels(), DIGITS),
        IdxReader.readDataset("mnist-test", files.testImages(), files.testLabels(), DIGITS));
  }

  /**
   * Finds MNIST as {@link MnistLocator#fromEnvironment()} does ({@code MNIST_DIR}, then the cache, then
   * a download into the cache) and reads it.
   *
   * @return the training and test sets
   * @throws IOException if MNIST can be neither found nor downloaded, or a file is damaged
   */
  public static MnistData load() throws IOException {
    return read(MnistLocator.fromEnvironment().locate());
  }
}
