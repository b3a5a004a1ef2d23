package org.logitlab.data;

import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real MNIST data for tests, found without the network ({@code MNIST_DIR} or the cache) and read
 * once per JVM. When it is not there the calling test is skipped, unless {@code LOGITLAB_REQUIRE_MNIST=true}
 * (set in CI), in which case it fails.
 */
public final class MnistFixture {

  /** Set to {@code true} to make missing MNIST data a test failure instead of a skip. */
  public static final String REQUIRE_MNIST = "LOGITLAB_REQUIRE_MNIST";

  private static MnistData data;

  private MnistFixture() {}

  /** MNIST from {@code MNIST_DIR} or the cache; aborts (or, in CI, fails) the test when neither has it. */
  public static synchronized MnistData offline() {
    if (data == null) {
      data = read();
    }
    return data;
  }

  private static MnistData read() {
    MnistLocator locator = MnistLocator.fromEnvironment();
    try {
      Optional<MnistFiles> files = locator.findOffline();
      if (files.isPresent()) {
        return MnistData.read(files.get());
      }
    } catch (IOException e) {
      // MNIST_DIR is set but wrong, or a file is corrupt: always a failure, the user asked for these files
      return Assertions.fail("cannot read MNIST: " + e.getMessage(), e);
    }
    if ("true".equals(System.getenv(REQUIRE_MNIST))) {
      return Assertions.fail(MnistLocator.MNIST_DIR + " is required in CI (" + REQUIRE_MNIST + "=true): "
          + "set it to a folder with the four MNIST files; the cache " + locator.cacheDirectory()
          + " has none");
    }
    return Assumptions.abort("MNIST not found offline, test skipped: set " + MnistLocator.MNIST_DIR
        + " to a folder with the four MNIST files, or download them once into the cache "
        + locator.cacheDirectory() + " (e.g. run the CLI with --dataset mnist while online)");
  }
}
