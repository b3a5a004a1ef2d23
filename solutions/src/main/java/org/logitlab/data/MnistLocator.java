package org.logitlab.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the four MNIST files, in this order:
 *
 * <ol>
 *   <li>the folder named by the environment variable {@code MNIST_DIR}, if set: it must hold every
 *       file, gzip-compressed or not ({@code train-images-idx3-ubyte.gz} or
 *       {@code train-images-idx3-ubyte}); a missing file is an error, never a reason to download, and
 *       checksums are not checked (a subset of the training set is fine);
 *   <li>the cache, {@code $XDG_CACHE_HOME/logit-lab/mnist} or {@code ~/.cache/logit-lab/mnist}, if it
 *       holds all four gzip files;
 *   <li>a download of the missing canonical files into the cache, each verified by size and MD5.
 * </ol>
 */
public final class MnistLocator {

  /** The environment variable naming a folder with the four MNIST files. */
  public static final String MNIST_DIR = "MNIST_DIR";

  /** The public MNIST mirrors, tried in this order. */
  public static final List<URI> DEFAULT_MIRRORS = List.of(
      URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
      URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"));

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final Path userDirectory;
  private final Path cacheDirectory;
  private final Downloader downloader;
  private final Function<MnistFile, RemoteFile> remoteFiles;

  /**
   * @param userDirectory the {@code MNIST_DIR} folder, or {@code null} when it is not set
   * @param cacheDirectory the folder downloads go to and are reused from
   * @param downloader fetches files missing from the cache
   * @param remoteFiles the download, size and checksum of each file ({@link MnistFile#canonical()}
   *     outside tests)
   */
  public MnistLocator(Path userDirectory, Path cacheDirectory, Downloader downloader,
      Function<MnistFile, RemoteFile> remoteFiles) {
    this.userDirectory = userDirectory;
    this.cacheDirectory = cacheDirectory;
    this.downloader = downloader;
    this.remoteFiles = remoteFiles;
  }

  /**
   * The locator for this process: its environment, its user's home and the default mirrors.
   *
   * @return the locator
   */
  public static MnistLocator fromEnvironment() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * The locator for the given environment: {@code MNIST_DIR} (ignored when blank), the cache under
   * {@code XDG_CACHE_HOME} (used when it is an absolute path, as the XDG specification asks) or else
   * under {@code home/.cache}, and the default mirrors with a 30-second timeout.
   *
   * @param environment the environment variables to read ({@code MNIST_DIR}, {@code XDG_CACHE_HOME})
   * @param home the user's home folder
   * @return the locator
   */
  public static MnistLocator fromEnvironment(Map<String, String> environment, Path home) {
    String mnistDir = environment.get(MNIST_DIR);
    String xdgCache = environment.get("XDG_CACHE_HOME");
    Path cacheRoot = xdgCache != null && !xdgCache.isBlank() && Path.of(xdgCache).isAbsolute()
        ? Path.of(xdgCache)
        : home.resolve(".cache");
    return new MnistLocator(mnistDir == null || mnistDir.isBlank() ? null : Path.of(mnistDir),
        cacheRoot.resolve("logit-lab").resolve("mnist"), new Downloader(DEFAULT_MIRRORS, DEFAULT_TIMEOUT),
        MnistFile::canonical);
  }

  /**
   * This locator with {@code userDirectory} in place of {@code MNIST_DIR} (e.g. from a command line).
   *
   * @param userDirectory the folder that holds the four files
   * @return a new locator; this one is unchanged
   */
  public MnistLocator withUserDirectory(Path userDirectory) {
    return new MnistLocator(userDirectory, cacheDirectory, downloader, remoteFiles);
  }

  /**
   * The {@code MNIST_DIR} folder, if set.
   *
   * @return the folder, or empty if {@code MNIST_DIR} is not set
   */
  public Optional<Path> userDirectory() {
    return Optional.ofNullable(userDirectory);
  }

  /**
   * The cache folder.
   *
   * @return where downloads go and are looked for
   */
  public Path cacheDirectory() {
    return cacheDirectory;
  }

  /**
   * Finds the files without the network: in {@code MNIST_DIR} if it is set, else in the cache.
   *
   * @return empty when {@code MNIST_DIR} is not set and the cache lacks a file
   * @throws FileNotFoundException when {@code MNIST_DIR} is set but is not a folder or lacks a file;
   *     the message names every missing file and where it was looked for
   */
  public Optional<MnistFiles> findOffline() throws FileNotFoundException {
    if (userDirectory != null) {
      return Optional.of(inUserDirectory());
    }
    for (MnistFile file : MnistFile.values()) {
      if (!Files.isRegularFile(cached(file))) {
        return Optional.empty();
      }
    }
    return Optional.of(MnistFiles.of(this::cached));
  }

  /**
   * Finds the files as {@link #findOffline()} does, else downloads the ones missing from the cache.
   *
   * @return the four files
   * @throws IOException when {@code MNIST_DIR} is wrong, or when a download fails on every mirror
   */
  public MnistFiles locate() throws IOException {
    Optional<MnistFiles> offline = findOffline();
    if (offline.isPresent()) {
      return offline.get();
    }
    for (MnistFile file : MnistFile.values()) {
      if (!Files.isRegularFile(cached(file))) {
        try {
          downloader.download(remoteFiles.apply(file), cached(file));
        } catch (IOException e) {
          throw new IOException(e.getMessage() + "\nOr set " + MNIST_DIR + " to a folder with the four MNIST "
              + "files (" + fileNames() + ").", e);
        }
      }
    }
    return MnistFiles.of(this::cached);
  }

  private MnistFiles inUserDirectory() throws FileNotFoundException {
    if (!Files.isDirectory(userDirectory)) {
      throw new FileNotFoundException(MNIST_DIR + " is " + userDirectory + ", which is not a folder; set it "
          + "to a folder holding " + fileNames() + ", or unset it to use the cache " + cacheDirectory
          + " and the download");
    }
    List<String> missing = new ArrayList<>();
    for (MnistFile file : MnistFile.values()) {
      if (userFile(file) == null) {
        missing.add(userDirectory.resolve(file.fileName()) + " (nor " + file.uncompressedFileName() + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new FileNotFoundException(MNIST_DIR + " is " + userDirectory + " but it lacks "
          + String.join(", ", missing) + "; copy the missing files there, or unset " + MNIST_DIR
          + " to use the cache " + cacheDirectory + " and the download");
    }
    return MnistFiles.of(this::userFile);
  }

  /** The file in {@code MNIST_DIR}, gzip name first, or {@code null} if neither name exists. */
  private Path userFile(MnistFile file) {
    for (String name : List.of(file.fileName(), file.uncompressedFileName())) {
      Path path = userDirectory.resolve(name);
      if (Files.isRegularFile(path)) {
        return path;
      }
    }
    return null;
  }

  private Path cached(MnistFile file) {
    return cacheDirectory.resolve(file.fileName());
  }

  private static String fileNames() {
    List<String> names = new ArrayList<>();
    for (MnistFile file : MnistFile.values()) {
      names.add(file.fileName());
    }
    return String.join(", ", names);
  }
}
