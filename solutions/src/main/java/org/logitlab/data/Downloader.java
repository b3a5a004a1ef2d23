package org.logitlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Downloads a file from the first mirror that delivers it intact. The bytes stream into a temporary
 * file next to the target while their MD5 is computed; only a file of the expected size and checksum
 * is moved into place (atomically where the file system allows), and the temporary file is deleted on
 * any failure, so the target is either absent or complete.
 *
 * <p>It uses {@link HttpURLConnection} because it has a read timeout: a mirror that stalls in the
 * middle of a transfer fails after {@code timeout} instead of hanging.
 */
public final class Downloader {

  private final List<URI> mirrors;
  private final int timeoutMillis;

  /**
   * @param mirrors base URIs ({@code http} or {@code https}) tried in order; a missing trailing
   *     {@code /} is added
   * @param timeout the limit for connecting and for each read
   */
  public Downloader(List<URI> mirrors, Duration timeout) {
    if (mirrors.isEmpty()) {
      throw new IllegalArgumentException("give at least one mirror to download from");
    }
    this.mirrors = mirrors.stream().map(Downloader::asDirectory).toList();
    if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the timeout must be positive and at most 24 days, got " + timeout);
    }
    this.timeoutMillis = (int) timeout.toMillis();
  }

  /**
   * The base URIs, in the order they are tried.
   *
   * @return the mirrors, each ending in {@code /}
   */
  public List<URI> mirrors() {
    return mirrors;
  }

  /**
   * Downloads {@code file} to {@code target}, replacing it, trying each mirror in turn; the parent
   * folder is created if needed.
   *
   * @param file the file to fetch, with its expected size and MD5
   * @param target where to put it
   * @throws IOException naming every URL tried and why it failed, when no mirror delivered the file
   */
  public void download(RemoteFile file, Path target) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new IOException("cannot create the folder " + folder + " to download " + file.name() + " into ("
          + e + "); make it writable or choose another folder", e);
    }
    List<String> failures = new ArrayList<>();
    List<IOException> causes = new ArrayList<>();
    for (URI mirror : mirrors) {
      URI url = mirror.resolve(file.name());
      try {
        fetch(url, file, target);
        return;
      } catch (IOException e) {
        failures.add("\n  " + url + ": " + describe(e));
        causes.add(e);
      }
    }
    IOException failure = new IOException(String.format(Locale.ROOT, "could not download %s (%,d bytes) "
        + "to %s from any mirror:%s%nRetry with internet access.", file.name(), file.size(), target,
        String.join("", failures)));
    causes.forEach(failure::addSuppressed);
    throw failure;
  }

  private void fetch(URI url, RemoteFile file, Path target) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(folder, target.getFileName() + ".", ".part");
    try {
      HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
      connection.setConnectTimeout(timeoutMillis);
      connection.setReadTimeout(timeoutMillis);
      try {
        int status = connection.getResponseCode();
        if (status != HttpURLConnection.HTTP_OK) {
          throw new IOException("HTTP " + status + " " + connection.getResponseMessage());
        }
        long announced = connection.getContentLengthLong();
        if (announced >= 0 && announced != file.size()) {
          throw new IOException("the server announces " + announced + " bytes, expected " + file.size()
              + " (a different file?)");
        }
        MessageDigest md5 = md5();
        long received;
        try (InputStream in = new DigestInputStream(connection.getInputStream(), md5);
            OutputStream out = Files.newOutputStream(temp)) {
          received = in.transferTo(out);
        }
        if (received != file.size()) {
          throw new IOException("received " + received + " bytes, expected " + file.size()
              + " (the transfer was cut short or the file differs)");
        }
        String actual = HexFormat.of().formatHex(md5.digest());
        if (!actual.equals(file.md5())) {
          throw new IOException("MD5 checksum is " + actual + ", expected " + file.md5()
              + " (the download is corrupt or not the canonical file)");
        }
      } finally {
        connection.disconnect();
      }
      moveIntoPlace(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String describe(IOException e) {
    if (e instanceof ConnectException) {
      return "cannot connect (" + e.getMessage() + "); is the host reachable?";
    }
    if (e instanceof SocketTimeoutException) {
      return "timed out (" + e.getMessage() + ")";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host " + e.getMessage() + " (no internet or DNS?)";
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides MD5", e);
    }
  }

  private static URI asDirectory(URI mirror) {
    String scheme = mirror.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("mirror " + mirror + " must be an http or https URI");
    }
    return mirror.toString().endsWith("/") ? mirror : URI.create(mirror + "/");
  }
}
