package org.logitlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.logitlab.data.DownloaderTest.md5;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistLocatorTest {

  /** A tiny MNIST: 3 training and 2 test images of 2×2. */
  private static final Map<MnistFile, byte[]> TINY = new EnumMap<>(Map.of(
      MnistFile.TRAIN_IMAGES, IdxBytes.gzip(IdxBytes.images(3, 2, 2)),
      MnistFile.TRAIN_LABELS, IdxBytes.gzip(IdxBytes.labels(5, 0, 9)),
      MnistFile.TEST_IMAGES, IdxBytes.gzip(IdxBytes.images(2, 2, 2)),
      MnistFile.TEST_LABELS, IdxBytes.gzip(IdxBytes.labels(1, 2))));

  @TempDir Path dir;
  private Path cache;
  private LocalHttpServer server;

  @BeforeEach
  void start() throws IOException {
    cache = dir.resolve("cache");
    server = new LocalHttpServer();
    TINY.forEach((file, bytes) -> server.serve("/mnist/" + file.fileName(), bytes));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private MnistLocator locator(Path userDirectory, URI... mirrors) {
    return new MnistLocator(userDirectory, cache, new Downloader(List.of(mirrors), Duration.ofSeconds(5)),
        file -> new RemoteFile(file.fileName(), TINY.get(file).length, md5(TINY.get(file))));
  }

  private MnistLocator offlineLocator(Path userDirectory) throws IOException {
    return locator(userDirectory, LocalHttpServer.deadMirror());
  }

  private Path folderWith(String name, MnistFile... files) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    for (MnistFile file : files) {
      Files.write(folder.resolve(file.fileName()), TINY.get(file));
    }
    return folder;
  }

  private List<Path> cacheContents() throws IOException {
    if (!Files.exists(cache)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cache)) {
      return files.sorted().toList();
    }
  }

  @Test
  void theEnvironmentNamesTheUserFolderAndTheXdgCache() {
    MnistLocator locator = MnistLocator.fromEnvironment(
        Map.of("MNIST_DIR", "/data/mnist", "XDG_CACHE_HOME", "/var/cache/me"), Path.of("/home/me"));

    assertThat(locator.userDirectory()).contains(Path.of("/data/mnist"));
    assertThat(locator.cacheDirectory()).isEqualTo(Path.of("/var/cache/me/logit-lab/mnist"));
  }

  @Test
  void withoutXdgCacheHomeTheCacheIsUnderTheHomeFolder() {
    Path home = Path.of("/home/me");
    Path expected = Path.of("/home/me/.cache/logit-lab/mnist");

    List<Map<String, String>> environments =
        List.of(Map.of(), Map.of("XDG_CACHE_HOME", " "), Map.of("XDG_CACHE_HOME", "relative/cache"));
    for (Map<String, String> environment : environments) {
      assertThat(MnistLocator.fromEnvironment(environment, home).cacheDirectory()).isEqualTo(expected);
    }
  }

  @Test
  void aBlankMnistDirCountsAsUnset() {
    assertThat(MnistLocator.fromEnvironment(Map.of("MNIST_DIR", ""), dir).userDirectory()).isEmpty();
    assertThat(MnistLocator.fromEnvironment(Map.of(), dir).userDirectory()).isEmpty();
  }

  @Test
  void theProcessEnvironmentGivesACacheUnderLogitLab() {
    assertThat(MnistLocator.fromEnvironment().cacheDirectory()).endsWithRaw(Path.of("logit-lab", "mnist"));
  }

  @Test
  void aUserFolderIsUsedAsIsWithGzipOrPlainNames() throws IOException {
    Path folder = folderWith("user", MnistFile.TRAIN_IMAGES, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS);
    Files.write(folder.resolve("train-labels-idx1-ubyte"), IdxBytes.labels(5, 0, 9));
    Files.write(folder.resolve("t10k-labels-idx1-ubyte"), IdxBytes.labels(1, 2));

    MnistFiles files = offlineLocator(folder).locate();

    assertThat(files).isEqualTo(new MnistFiles(folder.resolve("train-images-idx3-ubyte.gz"),
        folder.resolve("train-labels-idx1-ubyte"), folder.resolve("t10k-images-idx3-ubyte.gz"),
        folder.resolve("t10k-labels-idx1-ubyte.gz")));
    assertThat(MnistData.read(files).train().y()).containsExactly(5, 0, 9);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void anExplicitUserFolderReplacesMnistDirAndKeepsTheCache() throws IOException {
    Path folder = folderWith("flag", MnistFile.values());
    MnistLocator fromEnvironment = locator(dir.resolve("from-env"), server.base("mnist"));

    MnistLocator fromFlag = fromEnvironment.withUserDirectory(folder);

    assertThat(fromFlag.userDirectory()).contains(folder);
    assertThat(fromFlag.cacheDirectory()).isEqualTo(cache);
    assertThat(fromFlag.findOffline()).map(MnistFiles::testLabels)
        .contains(folder.resolve("t10k-labels-idx1-ubyte.gz"));
    assertThat(fromEnvironment.userDirectory()).contains(dir.resolve("from-env"));
  }

  @Test
  void aUserFolderWithAMissingFileNamesItAndDoesNotDownload() throws IOException {
    Path folder = folderWith("user", MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS, MnistFile.TEST_IMAGES);
    MnistLocator locator = locator(folder, server.base("mnist"));

    assertThatThrownBy(locator::locate)
        .isInstanceOf(FileNotFoundException.class)
        .hasMessage("MNIST_DIR is " + folder + " but it lacks " + folder.resolve("t10k-labels-idx1-ubyte.gz")
            + " (nor t10k-labels-idx1-ubyte); copy the missing files there, or unset MNIST_DIR to use the "
            + "cache " + cache + " and the download");
    assertThat(server.requests()).isEmpty();
    assertThat(cacheContents()).isEmpty();
  }

  @Test
  void anEmptyUserFolderListsEveryMissingFile() throws IOException {
    Path folder = folderWith("empty");

    assertThatThrownBy(() -> offlineLocator(folder).findOffline())
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining("train-images-idx3-ubyte.gz (nor train-images-idx3-ubyte), ")
        .hasMessageContaining("train-labels-idx1-ubyte.gz")
        .hasMessageContaining("t10k-images-idx3-ubyte.gz")
        .hasMessageContaining("t10k-labels-idx1-ubyte.gz");
  }

  @Test
  void aUserFolderThatDoesNotExistIsNamed() throws IOException {
    Path absent = dir.resolve("absent");

    assertThatThrownBy(() -> offlineLocator(absent).findOffline())
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageStartingWith("MNIST_DIR is " + absent + ", which is not a folder; set it to a folder "
            + "holding train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, "
            + "t10k-labels-idx1-ubyte.gz");
  }

  @Test
  void withoutMnistDirAnEmptyCacheIsNotFoundOffline() throws IOException {
    assertThat(offlineLocator(null).findOffline()).isEmpty();
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aDownloadLandsInTheCacheAndIsReusedWithoutARequest() throws IOException {
    MnistFiles downloaded = locator(null, server.base("mnist")).locate();

    assertThat(server.requests()).hasSize(4);
    assertThat(downloaded.trainImages()).isEqualTo(cache.resolve("train-images-idx3-ubyte.gz"));
    assertThat(cacheContents()).hasSize(4);
    MnistData data = MnistData.read(downloaded);
    assertThat(data.train().y()).containsExactly(5, 0, 9);
    assertThat(data.test().y()).containsExactly(1, 2);

    MnistFiles again = locator(null, server.base("mnist")).locate();

    assertThat(again).isEqualTo(downloaded);
    assertThat(server.requests()).hasSize(4);
    assertThat(offlineLocator(null).findOffline()).contains(downloaded);
  }

  @Test
  void onlyTheFilesMissingFromTheCacheAreDownloaded() throws IOException {
    folderWith("cache", MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS, MnistFile.TEST_IMAGES);

    locator(null, server.base("mnist")).locate();

    assertThat(server.requests()).containsExactly("/mnist/t10k-labels-idx1-ubyte.gz");
  }

  @Test
  void aFailedDownloadSuggestsMnistDirAndCachesNothingBroken() throws IOException {
    byte[] corrupt = TINY.get(MnistFile.TRAIN_IMAGES).clone();
    corrupt[corrupt.length / 2] ^= 1;
    server.serve("/mnist/train-images-idx3-ubyte.gz", corrupt);

    assertThatThrownBy(() -> locator(null, server.base("mnist")).locate())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("train-images-idx3-ubyte.gz: MD5 checksum is " + md5(corrupt))
        .hasMessageContaining("Or set MNIST_DIR to a folder with the four MNIST files "
            + "(train-images-idx3-ubyte.gz, ");
    assertThat(cacheContents()).isEmpty();
  }

  @Test
  void theCanonicalFilesAreTheOnesOnTheMirrors() {
    assertThat(MnistFile.TRAIN_IMAGES.canonical())
        .isEqualTo(
            new RemoteFile("train-images-idx3-ubyte.gz", 9_912_422, "f68b3c2dcbeaaa9fbdd348bbdeb94873"));
    assertThat(MnistFile.TEST_LABELS.canonical())
        .isEqualTo(new RemoteFile("t10k-labels-idx1-ubyte.gz", 4_542, "ec29112dd5afa0611ce80d1b7f02629c"));
    assertThat(MnistFile.TEST_IMAGES.uncompressedFileName()).isEqualTo("t10k-images-idx3-ubyte");
    assertThat(MnistLocator.DEFAULT_MIRRORS).extracting(URI::getHost)
        .containsExactly("ossci-datasets.s3.amazonaws.com", "storage.googleapis.com");
  }
}
