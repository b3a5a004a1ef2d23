package org.logitlab.data;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where the four MNIST files are, raw or gzip-compressed.
 *
 * @param trainImages the training images
 * @param trainLabels the training labels
 * @param testImages the test images
 * @param testLabels the test labels
 */
public record MnistFiles(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {

  /** The four paths that {@code location} gives for each file. */
  static MnistFiles of(Function<MnistFile, Path> location) {
    return new MnistFiles(location.apply(MnistFile.TRAIN_IMAGES), location.apply(MnistFile.TRAIN_LABELS),
        location.apply(MnistFile.TEST_IMAGES), location.apply(MnistFile.TEST_LABELS));
  }
}
