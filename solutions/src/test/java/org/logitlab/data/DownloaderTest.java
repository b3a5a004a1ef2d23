package org.logitlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {

  private static final byte[] CONTENT =
      "synthetic MNIST stand-in".repeat(2).getBytes(StandardCharsets.US_ASCII);
  private static final RemoteFile FILE = new RemoteFile("data.gz", CONTENT.length, md5(CONTENT));
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path dir;
  private LocalHttpServer server;
  private Path target;

  @BeforeEach
  void start() throws IOException {
    server = new LocalHttpServer();
    target = dir.resolve("cache").resolve("data.gz");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private Downloader downloader(URI... mirrors) {
    return new Downloader(List.of(mirrors), TIMEOUT);
  }

  private List<Path> filesInCache() throws IOException {
    if (!Files.exists(target.getParent())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(target.getParent())) {
      return files.toList();
    }
  }

  @Test
  void aVerifiedFileLandsAtTheTargetAndNothingElseRemains() throws IOException {
    server.serve("/mnist/data.gz", CONTENT);

    downloader(server.base("mnist")).download(FILE, target);

    assertThat(target).hasBinaryContent(CONTENT);
    assertThat(filesInCache()).containsExactly(target);
    assertThat(server.requests()).containsExactly("/mnist/data.gz");
  }

  @Test
  void aChecksumMismatchFailsAndLeavesNothing() throws IOException {
    byte[] other = CONTENT.clone();
    other[0] ^= 1;
    server.serve("/mnist/data.gz", other);

    assertThatThrownBy(() -> downloader(server.base("mnist")).download(FILE, target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(server.base("mnist") + "data.gz: MD5 checksum is " + md5(other) + ", expected "
            + FILE.md5())
        .hasMessageContaining("Retry with internet access");
    assertThat(filesInCache()).isEmpty();
  }

  @Test
  void aTruncatedTransferFailsAndLeavesNothing() throws IOException {
    server.serveTruncated("/mnist/data.gz", Arrays.copyOf(CONTENT, 20), CONTENT.length);

    assertThatThrownBy(() -> downloader(server.base("mnist")).download(FILE, target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(server.base("mnist") + "data.gz: received 20 bytes, expected 48");
    assertThat(filesInCache()).isEmpty();
  }

  @Test
  void aShortBodyWithoutContentLengthFailsOnTheByteCount() throws IOException {
    server.serveChunked("/mnist/data.gz", Arrays.copyOf(CONTENT, 20));

    assertThatThrownBy(() -> downloader(server.base("mnist")).download(FILE, target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("received 20 bytes, expected 48 (the transfer was cut short or the file "
            + "differs)");
    assertThat(filesInCache()).isEmpty();
  }

  @Test
  void aWrongAnnouncedSizeFailsBeforeReading() throws IOException {
    server.serve("/mnist/data.gz", Arrays.copyOf(CONTENT, 100));

    assertThatThrownBy(() -> downloader(server.base("mnist")).download(FILE, target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("the server announces 100 bytes, expected 48");
    assertThat(filesInCache()).isEmpty();
  }

  @Test
  void anHttpErrorNamesTheUrlAndStatus() throws IOException {
    assertThatThrownBy(() -> downloader(server.base("mnist")).download(FILE, target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("could not download data.gz (48 bytes) to " + target + " from any mirror:")
        .hasMessageContaining(server.base("mnist") + "data.gz: HTTP 404");
    assertThat(filesInCache()).isEmpty();
  }

  @Test
  void aServerThatIsDownGivesAClearMessage() throws IOException {
    URI dead = LocalHttpServer.deadMirror();

    assertThatThrownBy(() -> downloader(dead).download(FILE, target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(dead + "data.gz: cannot connect (")
        .hasMessageContaining("is the host reachable?");
    assertThat(filesInCache()).isEmpty();
  }

  @Test
  void aStalledTransferTimesOut() throws IOException {
    server.serveStalled("/mnist/data.gz", Arrays.copyOf(CONTENT, 10), CONTENT.length);
    Downloader impatient = new Downloader(List.of(server.base("mnist")), Duration.ofMillis(300));

    assertThatThrownBy(() -> impatient.download(FILE, target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(server.base("mnist") + "data.gz: timed out (");
    assertThat(filesInCache()).isEmpty();
  }

  @Test
  void theNextMirrorIsTriedWhenOneFails() throws IOException {
    URI dead = LocalHttpServer.deadMirror();
    server.serve("/second/data.gz", CONTENT);

    downloader(dead, server.base("first"), server.base("second")).download(FILE, target);

    assertThat(target).hasBinaryContent(CONTENT);
    assertThat(server.requests()).containsExactly("/first/data.gz", "/second/data.gz");
  }

  @Test
  void everyFailedMirrorIsListed() throws IOException {
    URI dead = LocalHttpServer.deadMirror();

    assertThatThrownBy(() -> downloader(server.base("first"), dead).download(FILE, target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(server.base("first") + "data.gz: HTTP 404")
        .hasMessageContaining(dead + "data.gz: cannot connect")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
  }

  @Test
  void aCompleteDownloadReplacesAnOldFile() throws IOException {
    Files.createDirectories(target.getParent());
    Files.writeString(target, "stale");
    server.serve("/mnist/data.gz", CONTENT);

    downloader(server.base("mnist")).download(FILE, target);

    assertThat(target).hasBinaryContent(CONTENT);
  }

  @Test
  void aFolderThatCannotBeCreatedIsNamed() throws IOException {
    Path blocker = Files.writeString(dir.resolve("blocker"), "a file where the folder should be");
    Path unreachable = blocker.resolve("data.gz");

    assertThatThrownBy(() -> downloader(server.base("mnist")).download(FILE, unreachable))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot create the folder " + blocker + " to download data.gz into");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void mirrorsGetATrailingSlashAndMustBeHttp() {
    Downloader downloader =
        downloader(URI.create("https://example.org/mnist"), URI.create("http://example.org/a/"));

    assertThat(downloader.mirrors())
        .containsExactly(URI.create("https://example.org/mnist/"), URI.create("http://example.org/a/"));
    assertThatThrownBy(() -> downloader(URI.create("file:///tmp/mnist/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("file:///tmp/mnist/ must be an http or https URI");
    assertThatThrownBy(() -> new Downloader(List.of(), TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one mirror");
  }

  @Test
  void theTimeoutMustBePositive() {
    List<URI> mirrors = List.of(URI.create("https://example.org/"));

    assertThatThrownBy(() -> new Downloader(mirrors, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> new Downloader(mirrors, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Downloader(mirrors, Duration.ofDays(30)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRemoteFileNeedsANameASizeAndAnMd5() {
    assertThat(new RemoteFile("f", 1, "ABCDEF0123456789abcdef0123456789").md5())
        .isEqualTo("abcdef0123456789abcdef0123456789");
    assertThatThrownBy(() -> new RemoteFile(" ", 1, FILE.md5())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RemoteFile("f", -1, FILE.md5()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RemoteFile("f", 1, "xyz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("md5 'xyz'");
  }
}
