package org.logitlab.data;

/** The four files of MNIST, with the canonical file names, sizes and MD5 checksums of the gzip files. */
public enum MnistFile {
  /** The training images: 60,000 in the canonical file. */
  TRAIN_IMAGES("train-images-idx3-ubyte.gz", 9_912_422, "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
  /** The training labels. */
  TRAIN_LABELS("train-labels-idx1-ubyte.gz", 28_881, "d53e105ee54ea40749a09fcbcd1e9432"),
  /** The test images: 10,000. */
  TEST_IMAGES("t10k-images-idx3-ubyte.gz", 1_648_877, "9fb629c4189551a2d022fa330f9573f3"),
  /** The test labels. */
  TEST_LABELS("t10k-labels-idx1-ubyte.gz", 4_542, "ec29112dd5afa0611ce80d1b7f02629c");

  private final RemoteFile canonical;

  MnistFile(String fileName, long size, String md5) {
    this.canonical = new RemoteFile(fileName, size, md5);
  }

  /**
   * The gzip file name, e.g. {@code train-images-idx3-ubyte.gz}.
   *
   * @return the name of the gzip file
   */
  public String fileName() {
    return canonical.name();
  }

  /**
   * The name of the un-gzipped file, e.g. {@code train-images-idx3-ubyte}.
   *
   * @return the name without {@code .gz}
   */
  public String uncompressedFileName() {
    return fileName().substring(0, fileName().length() - ".gz".length());
  }

  /**
   * The canonical gzip file on the MNIST mirrors, with its size and MD5.
   *
   * @return the file's name, size and MD5
   */
  public RemoteFile canonical() {
    return canonical;
  }
}
